package io.github.dmswitchover.testkit.internal.binlog;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The transactions of one transaction source in a MySQL GTID set: its server UUID (SID), a tag
 * (MySQL 8.3+; empty for untagged GTIDs) and the GNO intervals, as in
 * {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7} or {@code 3e11fa47-71ca-11e1-9e33-c80aa9429562:dm:1-3}.
 *
 * <p>The tag must be in MySQL's canonical form, lowercase: a letter or underscore, then up to 31
 * letters, digits or underscores. The intervals must be in canonical form: ascending, disjoint and
 * not adjacent (write {@code 1-7}, not {@code 1-5} and {@code 6-7}); {@link StartPosition#parseMysql(String)}
 * produces both forms from any valid text. Immutable and thread-safe.
 *
 * @param sid the source's server UUID
 * @param tag the tag, or the empty string for untagged GTIDs
 * @param intervals the GNO intervals, at least one, in canonical form
 */
public record SidIntervals(UUID sid, String tag, List<Interval> intervals) {
  private static final Pattern TAG = Pattern.compile("[a-z_][a-z0-9_]{0,31}");

  /**
   * Checks the components and copies the list.
   *
   * @throws IllegalArgumentException if the tag is not canonical, there is no interval, or the
   *     intervals are not canonical
   */
  public SidIntervals {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(intervals, "intervals");
    if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag of " + sid + " must be a lowercase letter or underscore followed by up"
          + " to 31 lowercase letters, digits or underscores, got '" + tag + "'");
    }
    intervals = List.copyOf(intervals);
    if (intervals.isEmpty()) {
      throw new IllegalArgumentException("intervals of " + sid + (tag.isEmpty() ? "" : ":" + tag)
          + " must not be empty");
    }
    for (int i = 1; i < intervals.size(); i++) {
      Interval previous = intervals.get(i - 1);
      Interval current = intervals.get(i);
      if (current.start() <= previous.endInclusive() + 1) {
        throw new IllegalArgumentException("intervals of " + sid + (tag.isEmpty() ? "" : ":" + tag)
            + " must be ascending, disjoint and not adjacent, got " + previous + " then " + current);
      }
    }
  }

  /**
   * Returns an untagged value.
   *
   * @throws IllegalArgumentException if there is no interval or the intervals are not canonical
   */
  public SidIntervals(UUID sid, List<Interval> intervals) {
    this(sid, "", intervals);
  }

  /** Returns an untagged value holding one interval. */
  public static SidIntervals of(UUID sid, long start, long endInclusive) {
    return new SidIntervals(sid, "", List.of(new Interval(start, endInclusive)));
  }

  /** Returns whether the GTIDs carry a tag. */
  public boolean isTagged() {
    return !tag.isEmpty();
  }

  /** Returns the MySQL text form, e.g. {@code uuid:1-5:7} or {@code uuid:tag:1-3}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(sid.toString());
    if (!tag.isEmpty()) {
      s.append(':').append(tag);
    }
    for (Interval interval : intervals) {
      s.append(':').append(interval);
    }
    return s.toString();
  }

  /**
   * A closed range of GNOs, {@code start} to {@code endInclusive}. Immutable and thread-safe.
   *
   * @param start the first GNO, at least 1
   * @param endInclusive the last GNO, at least {@code start} and at most {@link #MAX_GNO}
   */
  public record Interval(long start, long endInclusive) {
    /** The largest GNO MySQL assigns ({@code 2^63 - 2}). */
    public static final long MAX_GNO = Long.MAX_VALUE - 1;

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if {@code start < 1}, {@code endInclusive < start} or
     *     {@code endInclusive > MAX_GNO}
     */
    public Interval {
      if (start < 1) {
        throw new IllegalArgumentException("interval start must be at least 1, got " + start);
      }
      if (endInclusive < start) {
        throw new IllegalArgumentException("interval end must not be before its start, got " + start + "-" + endInclusive);
      }
      if (endInclusive > MAX_GNO) {
        throw new IllegalArgumentException("interval end must be at most " + MAX_GNO + ", got " + endInclusive);
      }
    }

    /** Returns {@code start-end}, or just {@code start} for a single GNO. */
    @Override
    public String toString() {
      return start == endInclusive ? Long.toString(start) : start + "-" + endInclusive;
    }
  }
}
