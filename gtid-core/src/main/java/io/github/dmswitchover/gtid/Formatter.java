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
  private static final long[] POW10 = new long[19];
  /** Four ASCII digits for each number 0..9999, packed so that a little-endian int store writes them in order. */
  private static final int[] QUADS = new int[10_000];
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    long p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
    for (int i = 0; i < QUADS.length; i++) {
      QUADS[i] = ('0' + i / 1000) | ('0' + i / 100 % 10) << 8 | ('0' + i / 10 % 10) << 16 | ('0' + i % 10) << 24;
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
      for (int i = set.offsets[k]; i < set.offsets[k + 1]; i += 2) {
        size += 1 + digits(b[i]);
        if (b[i] != b[i + 1]) {
          size += 1 + digits(b[i + 1]);
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
      for (int i = set.offsets[k]; i < set.offsets[k + 1]; i += 2) {
        out[p++] = ':';
        long s = b[i];
        p += digits(s);
        writeDigits(out, p, s);
        long e = b[i + 1];
        if (s != e) {
          out[p++] = '-';
          p += digits(e);
          writeDigits(out, p, e);
        }
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** Number of decimal digits of a positive long. */
  static int digits(long v) {
    int t = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12;
    return v >= POW10[t] ? t + 1 : t;
  }

  /**
   * Writes the digits of a positive {@code v} so that the last one is just before {@code end}: four
   * digits per division, from a table, so that the chain of dependent divisions stays short.
   */
  private static void writeDigits(byte[] out, int end, long v) {
    int p = end;
    while (v >= 10_000) {
      long q = v / 10_000;
      p -= 4;
      INT_LE.set(out, p, QUADS[(int) (v - q * 10_000)]);
      v = q;
    }
    int quad = QUADS[(int) v];
    int d = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
    for (int j = 4 - d; j < 4; j++) {
      out[p - 4 + j] = (byte) (quad >>> (8 * j));
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
