package io.github.dmswitchover.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Unites set A with set B, which interleaves it, for every shape and implementation; inputs are not modified. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UnionBenchmark extends TwoSetBenchmark {
  @Override
  Op op() {
    return Op.UNION;
  }

  @Benchmark
  public Object run() {
    return peer.union(a, b);
  }
}
