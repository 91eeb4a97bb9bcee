package io.github.dmswitchover.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Formats set A as GTID set text, for every shape and implementation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FormatBenchmark {
  @Param({"UUIDS_3_X_1", "UUIDS_2000_X_1", "UUIDS_200_X_500", "UUIDS_1_X_1000000"})
  public Shape shape;

  @Param({"gtid-core", "zendesk-binlog", "debezium-binlog", "debezium", "guava", "roaring"})
  public String impl;

  Peer peer;
  Object set;

  /** Builds the inputs; throws for a cell that is unsupported or not measured. */
  @Setup(Level.Trial)
  public void setUp() {
    peer = Peers.of(impl);
    Cells.requireMeasured(impl, peer, Op.FORMAT, shape);
    set = peer.from(shape.a());
  }

  @Benchmark
  public String run() {
    return peer.format(set);
  }
}
