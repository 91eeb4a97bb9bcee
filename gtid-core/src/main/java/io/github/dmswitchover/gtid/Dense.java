package io.github.dmswitchover.gtid;

import java.util.Arrays;

/**
 * Bitmaps for dense TSIDs: a TSID with many intervals packed into a short range of GNOs is also
 * held as one bit per GNO, and union, subtraction and intersection of two such TSIDs work on 64
 * GNOs per instruction instead of merging intervals one by one.
 *
 * <p>A TSID of a set whose bounds are all {@code int}s gets a bitmap when it has at least
 * {@link #MIN_INTERVALS} intervals and the bitmap takes at most half the memory of them (one
 * {@code long} per 64 GNOs against two {@code int}s per interval). Which TSIDs qualify follows from
 * the values alone.
 *
 * <p>A set with bitmaps keeps, per TSID, the bitmap in {@code words[k]} (bit {@code i} of word
 * {@code w} is the GNO {@code wordBase[k] + 64 w + i}) or {@code null}. Its flat arrays hold the
 * intervals of the other TSIDs; for a TSID with a bitmap they hold either the same GTIDs as
 * intervals or nothing, so code that reads a set with bitmaps must take the bitmap for such a
 * TSID. Everything but the three merges reads sets through {@link GtidSet#plain()}, the same
 * GTIDs with every TSID in intervals: sets made from intervals (parse, builder, the merges of two
 * sets without bitmaps) keep it from the start, results of the bitmap merges make it when first
 * asked.
 */
final class Dense {
  /** The fewest intervals for which a TSID gets a bitmap. */
  static final int MIN_INTERVALS = 4096;

  private Dense() {}

  /** Whether a TSID of so many intervals over so many 64-GNO words is held as a bitmap. */
  static boolean qualifies(long intervals, long words) {
    return intervals >= MIN_INTERVALS && words * 2 <= intervals;
  }

  /** The number of words from the word of {@code first} to the word of {@code last}. */
  static long wordSpan(long first, long last) {
    return (last >>> 6) - (first >>> 6) + 1;
  }

  /**
   * Returns {@code set}, a set without bitmaps, with a bitmap added for every TSID that
   * qualifies; {@code set} itself when none does. The result shares the arrays of {@code set} and
   * keeps it as its plain form.
   */
  static GtidSet densify(GtidSet set) {
    int[] nb = set.narrow;
    if (nb == null || nb.length < 2 * MIN_INTERVALS || set.words != null) {
      return set;
    }
    int[] off = set.offsets;
    int n = set.msb.length;
    long[][] words = null;
    long[] base = null;
    for (int k = 0; k < n; k++) {
      int from = off[k];
      int to = off[k + 1];
      if (to - from >= 2 * MIN_INTERVALS && qualifies((to - from) / 2, wordSpan(nb[from], nb[to - 1]))) {
        if (words == null) {
          words = new long[n][];
          base = new long[n];
        }
        base[k] = nb[from] & ~63L;
        words[k] = toBitmap(nb, from, to, base[k], (int) wordSpan(nb[from], nb[to - 1]));
      }
    }
    return words == null ? set : new GtidSet(set.msb, set.lsb, set.tags, off, nb, words, base, set);
  }

  /** Sets the bits of the intervals {@code b[from..to)} in a new bitmap of {@code n} words from {@code base}. */
  static long[] toBitmap(int[] b, int from, int to, long base, int n) {
    long[] w = new long[n];
    for (int i = from; i < to; i += 2) {
      long s = b[i] - base;
      long e = b[i + 1] - base;
      int ws = (int) (s >>> 6);
      int we = (int) (e >>> 6);
      // Shifts use the low six bits of the distance: bits s..63 and 0..e of their words.
      long first = -1L << s;
      long last = -1L >>> (63 - (e & 63));
      if (ws == we) {
        w[ws] |= first & last;
      } else {
        w[ws] |= first;
        for (int j = ws + 1; j < we; j++) {
          w[j] = -1L;
        }
        w[we] |= last;
      }
    }
    return w;
  }

  /** The number of runs of set bits (intervals) in {@code w[from..to)}. */
  static int runs(long[] w, int from, int to) {
    int n = 0;
    long carry = 0;
    for (int i = from; i < to; i++) {
      long x = w[i];
      // A run starts at each set bit whose lower neighbour (across words too) is clear.
      n += Long.bitCount(x & ~((x << 1) | carry));
      carry = x >>> 63;
    }
    return n;
  }

  /**
   * Writes the runs of {@code w[from..to)} (bit {@code i} of word {@code k} = GNO
   * {@code base + 64 k + i}) as interval bounds into {@code out} from {@code op}; returns the
   * index after the last bound written.
   */
  static int writeRuns(long[] w, int from, int to, long base, int[] out, int op) {
    int i = from;
    long x = from < to ? w[from] : 0;
    while (true) {
      while (x == 0) {
        if (++i >= to) {
          return op;
        }
        x = w[i];
      }
      int startBit = Long.numberOfTrailingZeros(x);
      long start = base + 64L * i + startBit;
      // The clear bits of word i at or above the start: the first of them ends the run.
      long clear = ~x & (-1L << startBit);
      while (clear == 0) {
        if (++i == to) {
          out[op] = (int) start;
          out[op + 1] = (int) (base + 64L * to - 1);
          return op + 2;
        }
        clear = ~w[i];
      }
      int endBit = Long.numberOfTrailingZeros(clear);
      out[op] = (int) start;
      out[op + 1] = (int) (base + 64L * i + endBit - 1);
      op += 2;
      x = w[i] & (-1L << endBit);
    }
  }

  /** The intervals of a bitmap as a new bounds array. */
  static int[] intervals(long[] w, long base) {
    int[] out = new int[2 * runs(w, 0, w.length)];
    writeRuns(w, 0, w.length, base, out, 0);
    return out;
  }

  /** Returns the same GTIDs as {@code set}, a set with bitmaps, with every TSID in intervals. */
  static GtidSet expand(GtidSet set) {
    int n = set.msb.length;
    long total = set.narrow.length;
    int[] runs = new int[n];
    for (int k = 0; k < n; k++) {
      if (set.words[k] != null) {
        runs[k] = runs(set.words[k], 0, set.words[k].length);
        total += 2L * runs[k];
      }
    }
    SetWriter w = new SetWriter(n, (int) Math.min(total, Integer.MAX_VALUE - 8), true);
    for (int k = 0; k < n; k++) {
      long[] bits = set.words[k];
      if (bits == null) {
        w.copyTsid(set, k);
      } else {
        w.begin(set.msb[k], set.lsb[k], set.tags[k]);
        int[] out = w.reserveNarrow(2 * runs[k]);
        w.length(writeRuns(bits, 0, bits.length, set.wordBase[k], out, w.length()));
        w.end();
      }
    }
    return w.buildPlain();
  }

  /** The number of bounds of the TSIDs of {@code s} that have no bitmap. */
  private static int intervalLength(GtidSet s) {
    int n = s.narrow.length;
    if (s.words != null) {
      for (int k = 0; k < s.words.length; k++) {
        if (s.words[k] != null) {
          n -= s.offsets[k + 1] - s.offsets[k];
        }
      }
    }
    return n;
  }

  /** The bitmap of TSID {@code k}, or {@code null} if it has none. */
  private static long[] bitsOf(GtidSet s, int k) {
    return s.words == null ? null : s.words[k];
  }

  /** Copies TSID {@code k} of {@code s}, sharing its bitmap if it has one. */
  private static void copy(SetWriter w, GtidSet s, int k) {
    long[] bits = bitsOf(s, k);
    if (bits == null) {
      w.copyTsid(s, k);
    } else {
      w.bitmap(s.msb[k], s.lsb[k], s.tags[k], s.wordBase[k], bits);
    }
  }

  /** The union of two sets with {@code int} bounds, at least one of them with bitmaps. */
  static GtidSet union(GtidSet a, GtidSet b) {
    return merge(a, b, UNION);
  }

  /** {@code a} minus {@code b}, two sets with {@code int} bounds, at least one of them with bitmaps. */
  static GtidSet subtract(GtidSet a, GtidSet b) {
    return merge(a, b, SUBTRACT);
  }

  /** The intersection of two sets with {@code int} bounds, at least one of them with bitmaps. */
  static GtidSet intersection(GtidSet a, GtidSet b) {
    return merge(a, b, INTERSECTION);
  }

  private static final int UNION = 0;
  private static final int SUBTRACT = 1;
  private static final int INTERSECTION = 2;

  private static GtidSet merge(GtidSet a, GtidSet b, int op) {
    int an = a.msb.length;
    int bn = b.msb.length;
    SetWriter w = new SetWriter(an + bn, Math.max(intervalLength(a), intervalLength(b)), true);
    int i = 0;
    int j = 0;
    while (i < an || j < bn) {
      int c = i == an ? 1 : j == bn ? -1 : GtidSet.compareTsidAt(a, i, b, j);
      if (c < 0) {
        if (op != INTERSECTION) {
          copy(w, a, i);
        }
        i++;
      } else if (c > 0) {
        if (op == UNION) {
          copy(w, b, j);
        }
        j++;
      } else {
        mergeTsid(w, a, i, b, j, op);
        i++;
        j++;
      }
    }
    return w.build();
  }

  /** Writes the result of {@code op} on TSID {@code i} of {@code a} and TSID {@code j} of {@code b}, the same TSID. */
  private static void mergeTsid(SetWriter w, GtidSet a, int i, GtidSet b, int j, int op) {
    long[] x = bitsOf(a, i);
    long[] y = bitsOf(b, j);
    long m = a.msb[i];
    long l = a.lsb[i];
    String tag = a.tags[i];
    if (x != null && y != null) {
      long xb = a.wordBase[i];
      long yb = b.wordBase[j];
      if (op == UNION) {
        long lo = Math.min(xb, yb);
        long hi = Math.max(xb + 64L * x.length, yb + 64L * y.length);
        long n = (hi - lo) >>> 6;
        // Far apart, the union's bitmap would be mostly empty: merge the intervals instead.
        if (n <= x.length + y.length) {
          bitmapResult(w, m, l, tag, lo, or(x, xb, y, yb, lo, (int) n));
          return;
        }
      } else if (op == SUBTRACT) {
        bitmapResult(w, m, l, tag, xb, andNot(x, xb, y, yb));
        return;
      } else {
        long lo = Math.max(xb, yb);
        long hi = Math.min(xb + 64L * x.length, yb + 64L * y.length);
        if (hi > lo) {
          bitmapResult(w, m, l, tag, lo, and(x, xb, y, yb, lo, (int) ((hi - lo) >>> 6)));
        }
        return;
      }
    }
    // At most one bitmap, or a union far apart: merge intervals, a bitmap turned into them first.
    int[] xs;
    int xf;
    int xe;
    if (x == null) {
      xs = a.narrow;
      xf = a.offsets[i];
      xe = a.offsets[i + 1];
    } else {
      xs = intervals(x, a.wordBase[i]);
      xf = 0;
      xe = xs.length;
    }
    int[] ys;
    int yf;
    int ye;
    if (y == null) {
      ys = b.narrow;
      yf = b.offsets[j];
      ye = b.offsets[j + 1];
    } else {
      ys = intervals(y, b.wordBase[j]);
      yf = 0;
      ye = ys.length;
    }
    w.begin(m, l, tag);
    if (op == UNION) {
      Algebra.unionIntervals(xs, xf, xe, ys, yf, ye, w);
    } else if (op == SUBTRACT) {
      Algebra.subtractIntervals(xs, xf, xe, ys, yf, ye, w);
    } else {
      Algebra.intersectIntervals(xs, xf, xe, ys, yf, ye, w);
    }
    w.endOrCompress();
  }

  /** {@code x | y} over the {@code n} words from {@code lo}, which cover both. */
  private static long[] or(long[] x, long xb, long[] y, long yb, long lo, int n) {
    long[] o = new long[n];
    if (xb == yb && x.length == y.length) {
      for (int k = 0; k < n; k++) {
        o[k] = x[k] | y[k];
      }
      return o;
    }
    System.arraycopy(x, 0, o, (int) ((xb - lo) >>> 6), x.length);
    int yo = (int) ((yb - lo) >>> 6);
    for (int k = 0; k < y.length; k++) {
      o[yo + k] |= y[k];
    }
    return o;
  }

  /** {@code x & ~y} over the words of {@code x}. */
  private static long[] andNot(long[] x, long xb, long[] y, long yb) {
    int n = x.length;
    if (xb == yb && n == y.length) {
      long[] o = new long[n];
      for (int k = 0; k < n; k++) {
        o[k] = x[k] & ~y[k];
      }
      return o;
    }
    long[] o = x.clone();
    // The words of y inside x's range: y[k] is word k + shift of x.
    long shift = (yb - xb) >> 6;
    int from = (int) Math.max(0, -shift);
    int to = (int) Math.min(y.length, n - shift);
    for (int k = from; k < to; k++) {
      o[(int) (k + shift)] &= ~y[k];
    }
    return o;
  }

  /** {@code x & y} over the {@code n} words from {@code lo}, where both overlap. */
  private static long[] and(long[] x, long xb, long[] y, long yb, long lo, int n) {
    long[] o = new long[n];
    int xo = (int) ((lo - xb) >>> 6);
    int yo = (int) ((lo - yb) >>> 6);
    for (int k = 0; k < n; k++) {
      o[k] = x[xo + k] & y[yo + k];
    }
    return o;
  }

  /**
   * Writes a TSID whose GTIDs a merge produced as a bitmap from {@code base}: nothing if it is
   * empty, a trimmed bitmap if the TSID qualifies, else its intervals.
   */
  private static void bitmapResult(SetWriter w, long m, long l, String tag, long base, long[] bits) {
    int from = 0;
    int to = bits.length;
    while (from < to && bits[from] == 0) {
      from++;
    }
    if (from == to) {
      return;
    }
    while (bits[to - 1] == 0) {
      to--;
    }
    int runs = runs(bits, from, to);
    if (qualifies(runs, to - from)) {
      long[] kept = from == 0 && to == bits.length ? bits : Arrays.copyOfRange(bits, from, to);
      w.bitmap(m, l, tag, base + 64L * from, kept);
    } else {
      w.begin(m, l, tag);
      int[] out = w.reserveNarrow(2 * runs);
      w.length(writeRuns(bits, from, to, base, out, w.length()));
      w.end();
    }
  }
}
