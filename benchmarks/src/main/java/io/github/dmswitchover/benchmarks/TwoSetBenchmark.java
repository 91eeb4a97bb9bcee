package io.github.dmswitchover.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the benchmarks of one operation on two sets share: the shape and implementation parameters
 * and the inputs, set A and (by default) set B, which interleaves it. Subclasses name the operation
 * and measure it; JMH takes the parameters and the setup from here.
 */
@State(Scope.Benchmark)
public abstract class TwoSetBenchmark {
  @Param({"UUIDS_3_X_1", "UUIDS_2000_X_1", "UUIDS_200_X_500", "UUIDS_1_X_1000000"})
  public Shape shape;

  @Param({"gtid-core", "zendesk-binlog", "debezium-binlog", "debezium", "guava", "roaring"})
  public String impl;

  Peer peer;
  Object a;
  Object b;

  /** The operation measured, for the cells that are not measured. */
  abstract Op op();

  /** The second input; set B unless the operation needs another. */
  Object second() {
    return peer.from(shape.b());
  }

  /** Builds the inputs; throws for a cell that is unsupported or not measured. */
  @Setup(Level.Trial)
  public void setUp() {
    peer = Peers.of(impl);
    Cells.requireMeasured(impl, peer, op(), shape);
    a = peer.from(shape.a());
    b = second();
  }
}
