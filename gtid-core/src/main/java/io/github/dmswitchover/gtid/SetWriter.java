package io.github.dmswitchover.gtid;

import java.util.Arrays;

/**
 * Appends TSIDs and their intervals, in canonical order, into flat arrays and turns them into a
 * {@link GtidSet}; the single place where sets are assembled. Not thread-safe.
 */
final class SetWriter {
  private long[] msb;
  private long[] lsb;
  private String[] tags;
  private int[] offsets;
  private long[] bounds;
  private int tsids;
  private int length;

  /** Creates a writer sized for at most the given numbers of TSIDs and bounds; it grows if needed. */
  SetWriter(int tsidCapacity, int boundsCapacity) {
    msb = new long[tsidCapacity];
    lsb = new long[tsidCapacity];
    tags = new String[tsidCapacity];
    offsets = new int[tsidCapacity + 1];
    bounds = new long[boundsCapacity];
  }

  /** Starts the intervals of a TSID that sorts after every TSID written so far. */
  void begin(long m, long l, String tag) {
    if (tsids == msb.length) {
      int cap = Math.max(4, tsids * 2);
      msb = Arrays.copyOf(msb, cap);
      lsb = Arrays.copyOf(lsb, cap);
      tags = Arrays.copyOf(tags, cap);
      offsets = Arrays.copyOf(offsets, cap + 1);
    }
    msb[tsids] = m;
    lsb[tsids] = l;
    tags[tsids] = tag;
    offsets[tsids] = length;
  }

  /** Ends the current TSID; a TSID that received no interval is dropped. */
  void end() {
    if (length > offsets[tsids]) {
      tsids++;
    }
  }

  /** Appends an interval that starts after the current TSID's last interval ends + 1. */
  void append(long start, long end) {
    ensure(2);
    bounds[length] = start;
    bounds[length + 1] = end;
    length += 2;
  }

  /** Appends an interval that starts at or after the current TSID's last start, merging if it touches. */
  void merge(long start, long end) {
    if (length > offsets[tsids] && start <= bounds[length - 1] + 1) {
      if (end > bounds[length - 1]) {
        bounds[length - 1] = end;
      }
    } else {
      append(start, end);
    }
  }

  /** Appends {@code count} longs of already canonical bounds from {@code src} at {@code from}. */
  void copy(long[] src, int from, int count) {
    ensure(count);
    System.arraycopy(src, from, bounds, length, count);
    length += count;
  }

  /** Copies TSID {@code k} of {@code set} with all its intervals. */
  void copyTsid(GtidSet set, int k) {
    begin(set.msb[k], set.lsb[k], set.tags[k]);
    copy(set.bounds, set.offsets[k], set.offsets[k + 1] - set.offsets[k]);
    end();
  }

  /**
   * Returns the bounds array with room for {@code more} longs after {@link #length()}, for merges
   * that write into it directly and then call {@link #length(int)}.
   */
  long[] reserve(int more) {
    ensure(more);
    return bounds;
  }

  int length() {
    return length;
  }

  void length(int newLength) {
    length = newLength;
  }

  private void ensure(int more) {
    if (length + more > bounds.length) {
      bounds = Arrays.copyOf(bounds, Math.max(length + more, bounds.length * 2 + 8));
    }
  }

  /** Returns the set written so far, with arrays trimmed to their exact sizes. */
  GtidSet build() {
    if (tsids == 0) {
      return GtidSet.empty();
    }
    offsets[tsids] = length;
    return new GtidSet(
        msb.length == tsids ? msb : Arrays.copyOf(msb, tsids),
        lsb.length == tsids ? lsb : Arrays.copyOf(lsb, tsids),
        tags.length == tsids ? tags : Arrays.copyOf(tags, tsids),
        offsets.length == tsids + 1 ? offsets : Arrays.copyOf(offsets, tsids + 1),
        bounds.length == length ? bounds : Arrays.copyOf(bounds, length));
  }
}
