package io.github.dmswitchover.gtid;

import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The fast path of {@link GtidParser} for text in the form servers print: untagged UUID blocks in
 * canonical order joined by {@code ","} or {@code ",\n"}, each with its intervals in increasing
 * order, every GNO at most {@link GtidSet#NARROW_MAX}, and no whitespace anywhere else.
 *
 * <p>It reads whole blocks of that form in one loop with everything in locals, and takes every GNO
 * of up to seven digits and the character after it from one 8-byte load. It stops at the start of
 * the first block not in that form, without having thrown or kept anything of that block, and
 * tells where: short text is then read again from the start by the general parser, long text
 * from that block on. So the general parser alone decides every other result and every error,
 * and the result of a text is the same, in the same arrays, whichever reads it.
 *
 * <p>The arrays are those of the general parser's fast path: TSIDs in canonical order, their
 * offsets, and {@code int} bounds. One instance per parse.
 */
final class ServerText {
  private static final VarHandle LONG_LE = GtidParser.LONG_LE;
  /** The shortest block: a UUID, {@code ':'} and one digit. */
  private static final int MIN_BLOCK = 38;

  long[] msb;
  long[] lsb;
  String[] tags;
  int[] offsets;
  int[] bounds;
  /** The TSIDs and bounds of the whole blocks read. */
  int tsids;
  int length;

  /** Writes into the given arrays from their start; each grows (a new array) when full. */
  ServerText(long[] msb, long[] lsb, String[] tags, int[] offsets, int[] bounds) {
    this.msb = msb;
    this.lsb = lsb;
    this.tags = tags;
    this.offsets = offsets;
    this.bounds = bounds;
  }

  /**
   * Reads short text {@code b[0..n)} whole if it has the form above, with {@code colons} its number
   * of {@code ':'} (then also its number of intervals, so the arrays never grow); returns null for
   * any other text, valid or not.
   */
  static GtidSet parse(byte[] b, int n, int colons) {
    if (n < MIN_BLOCK || colons == 0) {
      return null;
    }
    ServerText t = new ServerText(new long[colons], new long[colons], new String[colons], new int[colons + 1],
        new int[2 * colons]);
    if (t.read(b, n) != n) {
      return null;
    }
    int k = t.tsids;
    t.offsets[k] = t.length;
    if (k == colons) {
      return new GtidSet(t.msb, t.lsb, t.tags, t.offsets, null, t.bounds);
    }
    return new GtidSet(Arrays.copyOf(t.msb, k), Arrays.copyOf(t.lsb, k), Arrays.copyOf(t.tags, k),
        Arrays.copyOf(t.offsets, k + 1), null, t.bounds);
  }

  /**
   * Reads the blocks of {@code b[0..n)} that have the form above, from the start; returns where the
   * first one that does not starts, or {@code n}. {@link #tsids} and {@link #length} then count what
   * the whole blocks before it wrote.
   */
  int read(byte[] b, int n) {
    long[] msb = this.msb;
    long[] lsb = this.lsb;
    String[] tags = this.tags;
    int[] offsets = this.offsets;
    int[] bounds = this.bounds;
    int tsids = 0;
    int length = 0;
    int i = 0;
    while (true) {
      // Everything before i is whole blocks and their separators.
      int block = i;
      int blockTsids = tsids;
      int blockLength = length;
      // A UUID, then ':'.
      if (i + MIN_BLOCK > n || b[i + 36] != ':' || !GtidParser.hasUuidDashes(b, i)) {
        return stop(block, blockTsids, blockLength);
      }
      long w0 = (long) LONG_LE.get(b, i);
      long w1 = GtidParser.uuidWord1(b, i);
      long w2 = GtidParser.uuidWord2(b, i);
      long w3 = (long) LONG_LE.get(b, i + 28);
      if (!GtidParser.allHex(w0, w1, w2, w3)) {
        return stop(block, blockTsids, blockLength);
      }
      long m = GtidParser.hex16(w0, w1);
      long l = GtidParser.hex16(w2, w3);
      if (tsids > 0 && GtidSet.compareTsid(msb[tsids - 1], lsb[tsids - 1], "", m, l, "") >= 0) {
        return stop(block, blockTsids, blockLength);
      }
      if (tsids == msb.length) {
        int cap = tsids * 2;
        this.msb = msb = Arrays.copyOf(msb, cap);
        this.lsb = lsb = Arrays.copyOf(lsb, cap);
        this.tags = tags = Arrays.copyOf(tags, cap);
        this.offsets = offsets = Arrays.copyOf(offsets, cap + 1);
      }
      msb[tsids] = m;
      lsb[tsids] = l;
      tags[tsids] = "";
      offsets[tsids] = length;
      tsids++;
      i += 37;
      // Intervals: "start" or "start-end", joined by ':'. A GNO of up to seven digits and the
      // character after it come from one 8-byte load; longer ones take the rare path.
      int next;
      while (true) {
        long start = 0;
        long end;
        while (true) {
          if (i >= n) {
            return stop(block, blockTsids, blockLength);
          }
          long w = word(b, n, i);
          int d = GtidParser.leadingDigits(w);
          long v;
          if (d > 0 && d < 8 && (w & 0xFF) != '0') {
            v = GtidParser.digitsValue(w, d);
            i += d;
            next = i < n ? (int) (w >>> (d << 3)) & 0xFF : -1;
          } else {
            v = longNumber(b, n, i, d, w);
            if (v < 0) {
              return stop(block, blockTsids, blockLength);
            }
            i += (int) (v >>> 32);
            v &= 0xFFFF_FFFFL;
            next = i < n ? b[i] & 0xFF : -1;
          }
          if (start == 0) {
            start = v;
            if (next == '-') {
              i++;
              continue;
            }
            end = v;
          } else {
            end = v;
            if (end < start) {
              return stop(block, blockTsids, blockLength);
            }
          }
          break;
        }
        if (length > offsets[tsids - 1] && start <= bounds[length - 1] + 1L) {
          return stop(block, blockTsids, blockLength);
        }
        if (length + 2 > bounds.length) {
          this.bounds = bounds = Arrays.copyOf(bounds, Math.max(2, bounds.length * 2));
        }
        bounds[length] = (int) start;
        bounds[length + 1] = (int) end;
        length += 2;
        if (next != ':') {
          break;
        }
        i++;
      }
      if (next == -1) {
        return stop(n, tsids, length);
      }
      if (next != ',') {
        return stop(block, blockTsids, blockLength);
      }
      i++;
      if (i < n && b[i] == '\n') {
        i++;
      }
    }
  }

  /** Keeps the counts of the whole blocks read and returns where reading stopped. */
  private int stop(int at, int tsids, int length) {
    this.tsids = tsids;
    this.length = length;
    return at;
  }

  /**
   * The rare GNOs: given the word {@code w} at {@code i} with {@code d} leading digits, reads a GNO
   * of 8 to 10 digits without a leading zero, at most {@link GtidSet#NARROW_MAX}; returns its digit
   * count in the high 32 bits and its value in the low ones, or -1 for anything else (no digit, a
   * leading zero, or a larger value).
   */
  private static long longNumber(byte[] b, int n, int i, int d, long w) {
    if (d < 8 || (w & 0xFF) == '0') {
      return -1;
    }
    long v = GtidParser.digitsValue(w, 8);
    // At most three more digits: 11 digits are already above NARROW_MAX.
    for (int k = i + 8; k < n && d < 11; k++) {
      int digit = b[k] - '0';
      if (digit < 0 || digit > 9) {
        break;
      }
      v = v * 10 + digit;
      d++;
    }
    if (v > GtidSet.NARROW_MAX) {
      return -1;
    }
    return (long) d << 32 | v;
  }

  /**
   * The eight bytes from {@code i} (the first in the lowest byte), or, near the end, the bytes
   * from {@code i} to {@code n} followed by zero bytes, which read as non-digits.
   */
  private static long word(byte[] b, int n, int i) {
    if (i + 8 <= n) {
      return (long) LONG_LE.get(b, i);
    }
    return (long) LONG_LE.get(b, n - 8) >>> ((i - (n - 8)) << 3);
  }
}
