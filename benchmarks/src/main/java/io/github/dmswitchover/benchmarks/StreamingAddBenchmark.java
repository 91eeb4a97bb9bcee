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

/**
 * Adds a stream of 10,000,000 increasing GTIDs of one UUID, with a gap every 1,000, one GTID at a
 * time (as a binlog reader does), and returns the resulting set; one operation = the whole stream.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StreamingAddBenchmark {
  @Param({"gtid-core", "zendesk-binlog", "debezium-binlog", "debezium", "guava", "roaring"})
  public String impl;

  Peer peer;

  /** Throws for an implementation that cannot add GTIDs one at a time. */
  @Setup(Level.Trial)
  public void setUp() {
    peer = Peers.of(impl);
    Cells.requireMeasured(impl, peer, Op.STREAMING_ADD, null);
  }

  @Benchmark
  public Object run() {
    return peer.stream(Shape.STREAM_UUID, Shape.STREAM_LENGTH);
  }
}
