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
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** Two ASCII digits for each number 0..99, packed so that a little-endian store writes them in order. */
  private static final int[] PAIRS = new int[100];
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int i = 0; i < PAIRS.length; i++) {
      PAIRS[i] = ('0' + i / 10) | ('0' + i % 10) << 8;
    }
  }

  private Formatter() {}

  static String format(GtidSet set, boolean newline) {
    int n = set.msb.length;
    if (n == 0) {
      return "";
    }
    long[] b = set.bounds;
    long size = 0;
    for (int k = 0; k < n; k++) {
      if (k == 0 || set.msb[k] != set.msb[k - 1] || set.lsb[k] != set.lsb[k - 1]) {
        size += (k == 0 ? 0 : newline ? 2 : 1) + 36;
      }
      if (!set.tags[k].isEmpty()) {
        size += 1 + set.tags[k].length();
      }
      // Within a TSID the bounds only grow, so the digit count is tracked, not recomputed.
      int d = 1;
      long next = 10;
      for (int i = set.offsets[k]; i < set.offsets[k + 1]; i += 2) {
        long s = b[i];
        while (s >= next) {
          next = ++d < 19 ? next * 10 : Long.MAX_VALUE;
        }
        size += 1 + d;
        long e = b[i + 1];
        if (s != e) {
          while (e >= next) {
            next = ++d < 19 ? next * 10 : Long.MAX_VALUE;
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
      int d = 1;
      long next = 10;
      for (int i = set.offsets[k]; i < set.offsets[k + 1]; i += 2) {
        out[p++] = ':';
        long s = b[i];
        while (s >= next) {
          next = ++d < 19 ? next * 10 : Long.MAX_VALUE;
        }
        p += d;
        writeDigits(out, p, s);
        long e = b[i + 1];
        if (s != e) {
          out[p++] = '-';
          while (e >= next) {
            next = ++d < 19 ? next * 10 : Long.MAX_VALUE;
          }
          p += d;
          writeDigits(out, p, e);
        }
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
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
    p = hex(out, p, m >>> 32, 8);
    out[p++] = '-';
    p = hex(out, p, m >>> 16, 4);
    out[p++] = '-';
    p = hex(out, p, m, 4);
    out[p++] = '-';
    p = hex(out, p, l >>> 48, 4);
    out[p++] = '-';
    return hex(out, p, l, 12);
  }

  private static int hex(byte[] out, int p, long v, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      out[p + i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
    return p + digits;
  }
}
