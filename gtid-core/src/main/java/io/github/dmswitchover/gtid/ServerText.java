package io.github.dmswitchover.gtid;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The fast path of {@link GtidParser} for short text in the form servers print: untagged UUID
 * blocks in canonical order joined by {@code ","} or {@code ",\n"}, each with its intervals in
 * increasing order, every GNO at most {@link GtidSet#NARROW_MAX}, and no whitespace anywhere else.
 *
 * <p>It reads that text in one method with everything in locals, and takes every number and the
 * character after it from one 8-byte load. It accepts only a subset of the grammar and gives up on
 * everything else (returns null) without having thrown or kept anything, so the general parser
 * then reads the text from the start and alone decides every other result and every error. For a
 * text it accepts, the result is the one the general parser gives, in the same representation.
 */
final class ServerText {
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ZEROS = 0x3030_3030_3030_3030L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
  private static final long ABOVE_NINE = 0x4646_4646_4646_4646L;
  /** The shortest block: a UUID, {@code ':'} and one digit. */
  private static final int MIN_BLOCK = 38;

  private ServerText() {}

  /**
   * Reads {@code b[0..n)} if it has the form above, with {@code colons} its number of {@code ':'}
   * (then also its number of intervals); returns null for any other text, valid or not.
   */
  static GtidSet parse(byte[] b, int n, int colons) {
    if (n < MIN_BLOCK || colons == 0) {
      return null;
    }
    long[] msb = new long[colons];
    long[] lsb = new long[colons];
    int[] offsets = new int[colons + 1];
    int[] bounds = new int[2 * colons];
    int tsids = 0;
    int length = 0;
    int i = 0;
    while (true) {
      // A UUID, then ':'.
      if (i + MIN_BLOCK > n || b[i + 36] != ':' || GtidParser.notUuid(b, i) != 0) {
        return null;
      }
      long m = GtidParser.uuidMsb(b, i);
      long l = GtidParser.uuidLsb(b, i);
      if (tsids > 0 && GtidSet.compareTsid(msb[tsids - 1], lsb[tsids - 1], "", m, l, "") >= 0) {
        return null;
      }
      msb[tsids] = m;
      lsb[tsids] = l;
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
            return null;
          }
          long w = word(b, n, i);
          int d = Long.numberOfTrailingZeros(((w + ABOVE_NINE) | (w - ZEROS)) & HIGH_BITS) >>> 3;
          long v;
          if (d > 0 && d < 8 && (w & 0xFF) != '0') {
            v = GtidParser.eightDigits((w - ZEROS) << ((8 - d) << 3));
            i += d;
            next = i < n ? (int) (w >>> (d << 3)) & 0xFF : -1;
          } else {
            v = longNumber(b, n, i, d, w);
            if (v < 0) {
              return null;
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
              return null;
            }
          }
          break;
        }
        if (length > offsets[tsids - 1] && start <= bounds[length - 1] + 1L) {
          return null;
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
        break;
      }
      if (next != ',') {
        return null;
      }
      i++;
      if (i < n && b[i] == '\n') {
        i++;
      }
    }
    offsets[tsids] = length;
    String[] tags = new String[tsids];
    for (int k = 0; k < tsids; k++) {
      tags[k] = "";
    }
    if (tsids < colons) {
      msb = Arrays.copyOf(msb, tsids);
      lsb = Arrays.copyOf(lsb, tsids);
      offsets = Arrays.copyOf(offsets, tsids + 1);
    }
    return new GtidSet(msb, lsb, tags, offsets, null, bounds);
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
    long v = GtidParser.eightDigits(w - ZEROS);
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
