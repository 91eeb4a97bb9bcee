package io.github.dmswitchover.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Tests whether set A is a subset of A ∪ B (true, so every interval is compared), for every shape and implementation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IsSubsetOfBenchmark extends TwoSetBenchmark {
  @Override
  Op op() {
    return Op.IS_SUBSET_OF;
  }

  @Override
  Object second() {
    return peer.from(shape.a().union(shape.b()));
  }

  @Benchmark
  public boolean run() {
    return peer.isSubsetOf(a, b);
  }
}
