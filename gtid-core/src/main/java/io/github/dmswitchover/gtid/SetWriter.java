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
  /**
   * The bounds written: in {@code narrow} by a writer that takes only narrow sets and merges of
   * them (every bound then fits, see {@link GtidSet#narrow}), else in {@code bounds}.
   */
  private long[] bounds;
  private int[] narrow;
  /** Per TSID, its bitmap or null ({@link Dense}); null until a narrow writer writes the first bitmap. */
  private long[][] words;
  private long[] wordBase;
  private int tsids;
  private int length;

  /** Creates a writer of {@code long} bounds sized for at most the given numbers of TSIDs and bounds; it grows if needed. */
  SetWriter(int tsidCapacity, int boundsCapacity) {
    this(tsidCapacity, boundsCapacity, false);
  }

  /** Creates a writer that keeps the bounds in {@code int}s if {@code narrow}, for narrow sets only. */
  SetWriter(int tsidCapacity, int boundsCapacity, boolean narrow) {
    msb = new long[tsidCapacity];
    lsb = new long[tsidCapacity];
    tags = new String[tsidCapacity];
    offsets = new int[tsidCapacity + 1];
    if (narrow) {
      this.narrow = new int[boundsCapacity];
    } else {
      bounds = new long[boundsCapacity];
    }
  }

  /** Starts the intervals of a TSID that sorts after every TSID written so far. */
  void begin(long m, long l, String tag) {
    if (tsids == msb.length) {
      int cap = Math.max(4, tsids * 2);
      msb = Arrays.copyOf(msb, cap);
      lsb = Arrays.copyOf(lsb, cap);
      tags = Arrays.copyOf(tags, cap);
      offsets = Arrays.copyOf(offsets, cap + 1);
      if (words != null) {
        words = Arrays.copyOf(words, cap);
        wordBase = Arrays.copyOf(wordBase, cap);
      }
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

  /**
   * Ends the current TSID like {@link #end()}, but gives it a bitmap instead of its intervals if
   * it qualifies ({@link Dense#qualifies}); narrow writers only.
   */
  void endOrCompress() {
    int from = offsets[tsids];
    int count = length - from;
    if (count >= 2 * Dense.MIN_INTERVALS) {
      int first = narrow[from];
      int last = narrow[length - 1];
      long n = Dense.wordSpan(first, last);
      if (Dense.qualifies(count / 2, n)) {
        long base = first & ~63L;
        long[] bits = Dense.toBitmap(narrow, from, length, base, (int) n);
        length = from;
        bitmap(msb[tsids], lsb[tsids], tags[tsids], base, bits);
        return;
      }
    }
    end();
  }

  /**
   * Writes a TSID that sorts after every TSID written so far as a bitmap, which must not be empty
   * and becomes the set's (bitmaps are never changed); narrow writers only.
   */
  void bitmap(long m, long l, String tag, long base, long[] bits) {
    begin(m, l, tag);
    if (words == null) {
      words = new long[msb.length][];
      wordBase = new long[msb.length];
    }
    words[tsids] = bits;
    wordBase[tsids] = base;
    tsids++;
  }

  /** Appends an interval that starts after the current TSID's last interval ends + 1; wide writers only. */
  void append(long start, long end) {
    ensure(2);
    bounds[length] = start;
    bounds[length + 1] = end;
    length += 2;
  }

  /**
   * Appends an interval that starts at or after the current TSID's last start, merging if it
   * touches; wide writers only.
   */
  void merge(long start, long end) {
    if (length > offsets[tsids] && start <= bounds[length - 1] + 1) {
      if (end > bounds[length - 1]) {
        bounds[length - 1] = end;
      }
    } else {
      append(start, end);
    }
  }

  /** Appends {@code count} longs of already canonical bounds from {@code src} at {@code from}; wide writers only. */
  void copy(long[] src, int from, int count) {
    ensure(count);
    System.arraycopy(src, from, bounds, length, count);
    length += count;
  }

  /** Copies TSID {@code k} of {@code set} with all its intervals; a narrow writer takes narrow sets only. */
  void copyTsid(GtidSet set, int k) {
    begin(set.msb[k], set.lsb[k], set.tags[k]);
    int from = set.offsets[k];
    int count = set.offsets[k + 1] - from;
    ensure(count);
    if (narrow != null) {
      System.arraycopy(set.narrow, from, narrow, length, count);
    } else if (set.narrow == null) {
      System.arraycopy(set.bounds, from, bounds, length, count);
    } else {
      int[] src = set.narrow;
      for (int i = 0; i < count; i++) {
        bounds[length + i] = src[from + i];
      }
    }
    length += count;
    end();
  }

  /**
   * Returns the bounds array of a wide writer with room for {@code more} longs after
   * {@link #length()}, for merges that write into it directly and then call {@link #length(int)}.
   */
  long[] reserve(int more) {
    ensure(more);
    return bounds;
  }

  /** {@link #reserve(int)} for a narrow writer. */
  int[] reserveNarrow(int more) {
    ensure(more);
    return narrow;
  }

  int length() {
    return length;
  }

  void length(int newLength) {
    length = newLength;
  }

  private void ensure(int more) {
    if (narrow != null) {
      if (length + more > narrow.length) {
        narrow = Arrays.copyOf(narrow, Math.max(length + more, narrow.length * 2 + 8));
      }
    } else if (length + more > bounds.length) {
      bounds = Arrays.copyOf(bounds, Math.max(length + more, bounds.length * 2 + 8));
    }
  }

  /**
   * Returns the set written so far, with arrays trimmed to their exact sizes, and with a bitmap
   * for every TSID that qualifies ({@link Dense}).
   */
  GtidSet build() {
    if (words != null) {
      if (tsids == 0) {
        return GtidSet.empty();
      }
      offsets[tsids] = length;
      // TSIDs written as intervals did not qualify: they come from sets that keep bitmaps, or
      // went through endOrCompress.
      return new GtidSet(trim(msb), trim(lsb), tags.length == tsids ? tags : Arrays.copyOf(tags, tsids),
          offsets.length == tsids + 1 ? offsets : Arrays.copyOf(offsets, tsids + 1),
          narrow.length == length ? narrow : Arrays.copyOf(narrow, length),
          words.length == tsids ? words : Arrays.copyOf(words, tsids), trim(wordBase), null);
    }
    GtidSet set = buildPlain();
    return set.narrow != null ? Dense.densify(set) : set;
  }

  private long[] trim(long[] a) {
    return a.length == tsids ? a : Arrays.copyOf(a, tsids);
  }

  /** Returns the set written so far, without bitmaps, by a writer that wrote none. */
  GtidSet buildPlain() {
    if (tsids == 0) {
      return GtidSet.empty();
    }
    offsets[tsids] = length;
    long[] m = msb.length == tsids ? msb : Arrays.copyOf(msb, tsids);
    long[] l = lsb.length == tsids ? lsb : Arrays.copyOf(lsb, tsids);
    String[] t = tags.length == tsids ? tags : Arrays.copyOf(tags, tsids);
    int[] off = offsets.length == tsids + 1 ? offsets : Arrays.copyOf(offsets, tsids + 1);
    if (narrow != null) {
      return new GtidSet(m, l, t, off, null, narrow.length == length ? narrow : Arrays.copyOf(narrow, length));
    }
    return GtidSet.of(m, l, t, off, bounds, length, true);
  }
}
