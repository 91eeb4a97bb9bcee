package io.github.dmswitchover.benchmarks;

import io.github.dmswitchover.gtid.GtidSet;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained memory per interval of each implementation, measured with JOL (the size of the whole
 * object graph reachable from the set, as laid out by this JVM). Not a JMH benchmark: JMH measures
 * time; this walks the heap once per cell and prints a table.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar io.github.dmswitchover.benchmarks.MemoryFootprint}</pre>
 */
public final class MemoryFootprint {
  private MemoryFootprint() {}

  /** One measured cell. */
  public record Cell(String shape, String impl, long intervals, long bytes, String note) {
    double bytesPerInterval() {
      return (double) bytes / intervals;
    }
  }

  /** The shapes measured: the two large ones and the streaming result. */
  public static final String[] SHAPES = {"UUIDS_200_X_500", "UUIDS_1_X_1000000", "STREAM_10M_GAP_1000"};

  public static void main(String[] args) {
    List<Cell> cells = new ArrayList<>();
    for (String shape : SHAPES) {
      for (String impl : Peers.NAMES) {
        cells.add(measure(shape, impl));
      }
    }
    System.out.printf("%-22s %-16s %12s %14s %10s  %s%n", "shape", "impl", "intervals", "bytes", "B/interval", "note");
    for (Cell c : cells) {
      System.out.printf("%-22s %-16s %,12d %,14d %10s  %s%n", c.shape(), c.impl(), c.intervals(), c.bytes(),
          c.bytes() < 0 ? "-" : String.format("%.2f", c.bytesPerInterval()), c.note());
    }
  }

  /** Builds the structure for one cell and measures it; bytes is -1 where it cannot be built. */
  public static Cell measure(String shapeName, String impl) {
    Peer peer = Peers.of(impl);
    Object structure;
    long intervals;
    if (shapeName.startsWith("STREAM")) {
      if (peer.unsupported(Op.STREAMING_ADD).isPresent()) {
        return new Cell(shapeName, impl, 0, -1, "no streaming add");
      }
      structure = peer.stream(Shape.STREAM_UUID, Shape.STREAM_LENGTH);
      intervals = (Shape.STREAM_LENGTH + Shape.STREAM_GAP_EVERY - 2) / (Shape.STREAM_GAP_EVERY - 1);
    } else {
      Shape shape = Shape.valueOf(shapeName);
      intervals = shape.totalIntervals();
      if (peer.notMeasured(Op.PARSE, shape).isPresent() && peer.unsupported(Op.PARSE).isEmpty()) {
        return new Cell(shapeName, impl, intervals, -1, "cannot be built: quadratic parser");
      }
      structure = peer.from(shape.a());
    }
    GtidSet check = peer.toGtidSet(structure);
    long expected = check.tsids().size() == 0 ? 0 : countIntervals(check);
    if (expected != intervals) {
      throw new IllegalStateException(impl + " " + shapeName + ": " + expected + " intervals, expected " + intervals);
    }
    long bytes = GraphLayout.parseInstance(structure).totalSize();
    return new Cell(shapeName, impl, intervals, bytes, note(impl));
  }

  private static long countIntervals(GtidSet set) {
    long[] n = new long[1];
    set.forEachInterval((m, l, t, s, e) -> n[0]++);
    return n[0];
  }

  private static String note(String impl) {
    return switch (impl) {
      case "roaring" -> "after runOptimize(); size depends on GNO density, not on intervals";
      case "guava" -> "TreeRangeSet<Long> per UUID";
      case "zendesk-binlog", "debezium-binlog" -> "GtidSet: ArrayList of Interval objects per UUID";
      case "debezium" -> "MySqlGtidSet: LinkedList of Interval objects per UUID";
      default -> "flat int[] of bounds (GNOs below 2^31); a dense TSID also a bitmap";
    };
  }
}
