package io.github.dmswitchover.gtid;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes MySQL's canonical GTID set text: measures the exact length first, then fills one byte
 * array (the text is ASCII). Static helpers only.
 */
final class Formatter {
  /** Two ASCII digits for each number 0..99, packed so that a little-endian store writes them in order. */
  private static final int[] PAIRS = new int[100];
  /** 10<sup>i</sup> for i = 0..18, the powers of ten that fit in a long. */
  private static final long[] POW10 = new long[19];
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
    for (int i = 0; i < PAIRS.length; i++) {
      PAIRS[i] = ('0' + i / 10) | ('0' + i % 10) << 8;
    }
  }

  private Formatter() {}

  static String format(GtidSet set, boolean newline) {
    set = set.plain();
    int n = set.msb.length;
    if (n == 0) {
      return "";
    }
    long size = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || set.msb[k] != set.msb[k - 1] || set.lsb[k] != set.lsb[k - 1]) {
        size += (k == 0 ? 0 : newline ? 2 : 1) + 36;
      }
      if (!set.tags[k].isEmpty()) {
        size += 1 + set.tags[k].length();
      }
      // Within a TSID the bounds only grow: the digit count is computed for the first bound, then
      // only raised when a bound reaches the next power of ten.
      int from = set.offsets[k];
      int d = digits(set.bound(from));
      long next = d < POW10.length ? POW10[d] : Long.MAX_VALUE;
      for (int i = from; i < set.offsets[k + 1]; i += 2) {
        long s = set.bound(i);
        while (s >= next) {
          next = ++d < POW10.length ? POW10[d] : Long.MAX_VALUE;
        }
        size += 1 + d;
        long e = set.bound(i + 1);
        if (s != e) {
          while (e >= next) {
            next = ++d < POW10.length ? POW10[d] : Long.MAX_VALUE;
          }
          size += 1 + d;
        }
      }
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new OutOfMemoryError("GTID set text would be " + size + " characters");
    }
    byte[] out = new byte[(int) size];
    int p = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || set.msb[k] != set.msb[k - 1] || set.lsb[k] != set.lsb[k - 1]) {
        if (k > 0) {
          out[p++] = ',';
          if (newline) {
            out[p++] = '\n';
          }
        }
        p = writeUuid(out, p, set.msb[k], set.lsb[k]);
      }
      String tag = set.tags[k];
      if (!tag.isEmpty()) {
        out[p++] = ':';
        for (int c = 0; c < tag.length(); c++) {
          out[p++] = (byte) tag.charAt(c);
        }
      }
      int from = set.offsets[k];
      int d = digits(set.bound(from));
      long next = d < POW10.length ? POW10[d] : Long.MAX_VALUE;
      for (int i = from; i < set.offsets[k + 1]; i += 2) {
        out[p++] = ':';
        long s = set.bound(i);
        while (s >= next) {
          next = ++d < POW10.length ? POW10[d] : Long.MAX_VALUE;
        }
        p += d;
        writeDigits(out, p, s);
        long e = set.bound(i + 1);
        if (s != e) {
          out[p++] = '-';
          while (e >= next) {
            next = ++d < POW10.length ? POW10[d] : Long.MAX_VALUE;
          }
          p += d;
          writeDigits(out, p, e);
        }
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /**
   * Returns the number of decimal digits of a positive {@code v}, without a loop: the bit length
   * gives the digit count or one less ({@code 1233 / 4096} is just above log<sub>10</sub> 2), and
   * one comparison with a power of ten decides which.
   */
  static int digits(long v) {
    int t = (64 - Long.numberOfLeadingZeros(v)) * 1233 >>> 12;
    return t + (v >= POW10[t] ? 1 : 0);
  }

  /**
   * Writes the digits of a positive {@code v} so that the last one is just before {@code end}: four
   * digits per long division, then two at a time from a small table that stays in the L1 cache.
   */
  private static void writeDigits(byte[] out, int end, long v) {
    int p = end;
    while (v >= 10_000) {
      long q = v / 10_000;
      int r = (int) (v - q * 10_000);
      int hi = r / 100;
      p -= 4;
      INT_LE.set(out, p, PAIRS[hi] | PAIRS[r - hi * 100] << 16);
      v = q;
    }
    int iv = (int) v;
    if (iv >= 100) {
      int hi = iv / 100;
      p -= 2;
      SHORT_LE.set(out, p, (short) PAIRS[iv - hi * 100]);
      iv = hi;
    }
    if (iv >= 10) {
      SHORT_LE.set(out, p - 2, (short) PAIRS[iv]);
    } else {
      out[p - 1] = (byte) ('0' + iv);
    }
  }

  private static int writeUuid(byte[] out, int p, long m, long l) {
    long lo = hexDigits8(m);
    long mid = hexDigits8(l >>> 32);
    LONG_LE.set(out, p, hexDigits8(m >>> 32));
    out[p + 8] = '-';
    INT_LE.set(out, p + 9, (int) lo);
    out[p + 13] = '-';
    INT_LE.set(out, p + 14, (int) (lo >>> 32));
    out[p + 18] = '-';
    INT_LE.set(out, p + 19, (int) mid);
    out[p + 23] = '-';
    INT_LE.set(out, p + 24, (int) (mid >>> 32));
    LONG_LE.set(out, p + 28, hexDigits8(l));
    return p + 36;
  }

  /**
   * Returns the eight lower-case hex digits of the low 32 bits of {@code v}, most significant
   * first, as ASCII bytes packed for a little-endian store (SWAR: no table, no loop).
   */
  static long hexDigits8(long v) {
    long x = Integer.reverseBytes((int) v) & 0xFFFF_FFFFL;
    x = (x | x << 16) & 0x0000_FFFF_0000_FFFFL;
    x = (x | x << 8) & 0x00FF_00FF_00FF_00FFL;
    long nibbles = (x >>> 4 & 0x000F_000F_000F_000FL) | (x & 0x000F_000F_000F_000FL) << 8;
    // 0x06 added to a nibble of 10 or more carries into bit 4: those become 'a'-'f', 39 past '0' + n.
    long letters = (nibbles + 0x0606_0606_0606_0606L) >>> 4 & 0x0101_0101_0101_0101L;
    return nibbles + 0x3030_3030_3030_3030L + letters * 39;
  }
}
