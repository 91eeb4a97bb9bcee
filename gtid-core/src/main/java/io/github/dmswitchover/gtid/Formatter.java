package io.github.dmswitchover.gtid;

import java.nio.charset.StandardCharsets;

/**
 * Writes MySQL's canonical GTID set text: measures the exact length first, then fills one byte
 * array (the text is ASCII). Static helpers only.
 */
final class Formatter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final long[] POW10 = new long[19];
  /** Two ASCII digits for each number 0..99. */
  private static final byte[] PAIRS = new byte[200];

  static {
    long p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
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

  /** Writes the digits of a positive {@code v} so that the last one is just before {@code end}. */
  private static void writeDigits(byte[] out, int end, long v) {
    int p = end;
    while (v >= 100) {
      long q = v / 100;
      int r = (int) (v - q * 100);
      out[--p] = PAIRS[2 * r + 1];
      out[--p] = PAIRS[2 * r];
      v = q;
    }
    if (v >= 10) {
      out[--p] = PAIRS[2 * (int) v + 1];
      out[--p] = PAIRS[2 * (int) v];
    } else {
      out[--p] = (byte) ('0' + v);
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
