package io.github.dmswitchover.gtid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one GTID set has that another lacks, broken down per source (UUID and tag), for gates and
 * reports such as "the new upstream is missing 7 transactions".
 *
 * <pre>{@code
 * GtidDifference missing = GtidDifference.of(GtidSet.parse(replicated), GtidSet.parse(executedOnTarget));
 * if (!missing.isEmpty()) {
 *   throw new IllegalStateException("target lacks " + missing.summary());
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GtidDifference {
  /** Entries shown by {@link #summary()} before it abbreviates. */
  private static final int SUMMARY_ENTRIES = 5;
  /** Intervals shown per entry by {@link #summary()} before it abbreviates. */
  private static final int SUMMARY_INTERVALS = 4;

  private final GtidSet gtids;
  private final List<Entry> entries;
  private final long total;

  /**
   * The part of a difference that belongs to one source.
   *
   * <p>Instances are immutable and thread-safe.
   *
   * @param tsid the source: UUID and tag ({@code ""} = untagged)
   * @param transactions the number of GTIDs of this source in the difference
   * @param gtids those GTIDs
   */
  public record Entry(Tsid tsid, long transactions, GtidSet gtids) {
    /**
     * Creates an entry.
     *
     * @throws IllegalArgumentException if {@code transactions} is not {@code gtids.count()}
     */
    public Entry {
      Objects.requireNonNull(tsid, "tsid");
      Objects.requireNonNull(gtids, "gtids");
      if (transactions != gtids.count()) {
        throw new IllegalArgumentException(
            "transactions (" + transactions + ") must equal gtids.count() (" + gtids.count() + ")");
      }
    }
  }

  private GtidDifference(GtidSet gtids, List<Entry> entries, long total) {
    this.gtids = gtids;
    this.entries = entries;
    this.total = total;
  }

  /**
   * Computes {@code minuend - subtrahend}, per source.
   *
   * @param minuend the GTIDs that should all be present, for example what DM has replicated
   * @param subtrahend the GTIDs that are present, for example what the new upstream has executed
   * @return the difference
   * @throws ArithmeticException if the difference has more than {@link Long#MAX_VALUE} GTIDs
   */
  public static GtidDifference of(GtidSet minuend, GtidSet subtrahend) {
    GtidSet gtids = minuend.subtract(subtrahend);
    GtidSet diff = gtids.plain();
    int n = diff.tsidCount();
    List<Entry> entries = new ArrayList<>(n);
    long total = 0;
    UUID uuid = null;
    for (int k = 0; k < n; k++) {
      if (uuid == null || diff.msb[k] != uuid.getMostSignificantBits() || diff.lsb[k] != uuid.getLeastSignificantBits()) {
        uuid = new UUID(diff.msb[k], diff.lsb[k]);
      }
      long count = diff.countOf(k);
      total = Math.addExact(total, count);
      entries.add(new Entry(new Tsid(uuid, diff.tags[k]), count, diff.tsidSubset(k)));
    }
    return new GtidDifference(gtids, Collections.unmodifiableList(entries), total);
  }

  /**
   * Returns the difference as one set.
   *
   * @return the GTIDs of the minuend that the subtrahend lacks
   */
  public GtidSet gtids() {
    return gtids;
  }

  /**
   * Tells whether nothing is missing.
   *
   * @return {@code true} if the minuend is a subset of the subtrahend
   */
  public boolean isEmpty() {
    return gtids.isEmpty();
  }

  /**
   * Returns the exact number of GTIDs in the difference.
   *
   * @return the number of transactions
   */
  public long total() {
    return total;
  }

  /**
   * Returns the difference per source, in canonical TSID order.
   *
   * @return an unmodifiable list, empty if nothing is missing
   */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Returns a short line for people, such as
   * {@code 7 transactions from 2 sources: 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5 (5), 3e11fa47-71ca-11e1-9e33-c80aa9429562:tag_a:1-2 (2)}.
   *
   * <p>A source is a UUID and tag. At most 5 sources are listed, then {@code and N more}; a source
   * with more than 4 intervals shows the first 4 and {@code :...}. The empty difference reads
   * {@code no transactions}.
   *
   * @return the summary
   */
  public String summary() {
    if (entries.isEmpty()) {
      return "no transactions";
    }
    StringBuilder sb = new StringBuilder(128);
    sb.append(total).append(total == 1 ? " transaction from " : " transactions from ")
        .append(entries.size()).append(entries.size() == 1 ? " source: " : " sources: ");
    int shown = Math.min(SUMMARY_ENTRIES, entries.size());
    for (int i = 0; i < shown; i++) {
      Entry e = entries.get(i);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(e.tsid());
      GtidSet g = e.gtids().plain();
      int intervals = g.boundsLength() / 2;
      for (int k = 0; k < Math.min(intervals, SUMMARY_INTERVALS); k++) {
        long s = g.bound(2 * k);
        long en = g.bound(2 * k + 1);
        sb.append(':').append(s);
        if (s != en) {
          sb.append('-').append(en);
        }
      }
      if (intervals > SUMMARY_INTERVALS) {
        sb.append(":...");
      }
      sb.append(" (").append(e.transactions()).append(')');
    }
    if (entries.size() > shown) {
      sb.append(" and ").append(entries.size() - shown).append(" more");
    }
    return sb.toString();
  }

  /**
   * Returns {@link #summary()}.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    return summary();
  }

  /**
   * Tells whether {@code obj} is a difference with the same GTIDs.
   *
   * @param obj the object to compare with
   * @return {@code true} if both differences hold the same GTIDs
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof GtidDifference && gtids.equals(((GtidDifference) obj).gtids);
  }

  /**
   * Returns a hash code consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return gtids.hashCode();
  }
}
