package io.github.dmswitchover.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Subtracts set B, which interleaves it, from set A, for every shape and implementation; inputs are not modified. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SubtractBenchmark extends TwoSetBenchmark {
  @Override
  Op op() {
    return Op.SUBTRACT;
  }

  @Benchmark
  public Object run() {
    return peer.subtract(a, b);
  }
}
