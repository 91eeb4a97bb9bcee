package io.github.dmswitchover.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Intersects set A with set B, which interleaves it, for every shape and implementation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IntersectionBenchmark extends TwoSetBenchmark {
  @Override
  Op op() {
    return Op.INTERSECTION;
  }

  @Benchmark
  public Object run() {
    return peer.intersection(a, b);
  }
}
