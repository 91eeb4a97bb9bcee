package io.github.dmswitchover.benchmarks;

import io.github.dmswitchover.gtid.GtidSet;
import java.util.Random;
import java.util.UUID;

/**
 * The input shapes of the benchmarks. Set A has, per UUID, intervals {@code [b+10k+1, b+10k+4]};
 * set B interleaves it with {@code [b+10k+3, b+10k+7]}, so every interval of B overlaps one of A
 * and reaches into the gap after it (union, subtraction and intersection all have work to do at
 * every interval). GNOs start at {@code b = 1,000,000} so that numbers have realistic lengths.
 */
public enum Shape {
  /** A small real-world set: 3 UUIDs, one interval each. */
  UUIDS_3_X_1(3, 1),
  /** Many sources: 2,000 UUIDs, one interval each. */
  UUIDS_2000_X_1(2_000, 1),
  /** Many sources with gaps: 200 UUIDs of 500 intervals. */
  UUIDS_200_X_500(200, 500),
  /** One source with a million gaps. */
  UUIDS_1_X_1000000(1, 1_000_000);

  static final long BASE = 1_000_000L;

  private final int uuids;
  private final int intervals;

  Shape(int uuids, int intervals) {
    this.uuids = uuids;
    this.intervals = intervals;
  }

  public int uuids() {
    return uuids;
  }

  public int intervalsPerUuid() {
    return intervals;
  }

  public long totalIntervals() {
    return (long) uuids * intervals;
  }

  /** The UUIDs of this shape: deterministic, random bits (high bits set for half of them). */
  public UUID[] uuidArray() {
    Random r = new Random(42 + uuids);
    UUID[] out = new UUID[uuids];
    for (int i = 0; i < uuids; i++) {
      out[i] = new UUID(r.nextLong(), r.nextLong());
    }
    return out;
  }

  /** Set A. */
  public GtidSet a() {
    return build(1, 4);
  }

  /** Set B, interleaving A. */
  public GtidSet b() {
    return build(3, 7);
  }

  private GtidSet build(int from, int to) {
    GtidSet.Builder b = GtidSet.builder();
    for (UUID u : uuidArray()) {
      for (int k = 0; k < intervals; k++) {
        long s = BASE + 10L * k;
        b.addInterval(u, s + from, s + to);
      }
    }
    return b.build();
  }

  /** The streaming input: this many increasing GNOs of one UUID ... */
  public static final int STREAM_LENGTH = 10_000_000;
  /** ... with every GNO divisible by this skipped, so that an interval ends every 1,000. */
  public static final int STREAM_GAP_EVERY = 1_000;
  /** The UUID of the stream. */
  public static final UUID STREAM_UUID = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");

  /** The i-th GNO of the stream (0-based): increasing, skipping multiples of STREAM_GAP_EVERY. */
  public static long streamGno(long i) {
    return i + 1 + i / (STREAM_GAP_EVERY - 1);
  }
}
