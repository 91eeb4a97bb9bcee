package io.github.dmswitchover.gtid;

import io.github.dmswitchover.gtid.GtidFormatException.Kind;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses MariaDB GTID lists with the server's lexical rules (GTID-FACTS 1c): comma-separated
 * {@code domain-server-sequence} entries; before each number optional spaces or tabs and an
 * optional {@code +}; decimal digits, leading zeros allowed; nothing else anywhere. Static helpers
 * only.
 */
final class MariadbParser {
  /** {@code (2^64 - 1) / 10}, unsigned. */
  private static final long SEQ_TENTH = Long.divideUnsigned(-1L, 10);
  private static final int SEQ_LAST_DIGIT = (int) Long.remainderUnsigned(-1L, 10);

  private MariadbParser() {}

  /** Returns the GTIDs in list order; the empty string is the empty list. */
  static MariadbGtid[] parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    if (n == 0) {
      return new MariadbGtid[0];
    }
    MariadbGtid[] out = new MariadbGtid[4];
    int count = 0;
    int i = 0;
    long[] value = new long[1];
    while (true) {
      if (i == n || text.charAt(i) == ',') {
        throw new GtidFormatException(Kind.EMPTY_ENTRY, "empty entry in the GTID list", text, i);
      }
      i = number(text, i, false, value);
      long domain = value[0];
      i = dash(text, i);
      i = number(text, i, false, value);
      long server = value[0];
      i = dash(text, i);
      i = number(text, i, true, value);
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = new MariadbGtid(domain, server, value[0]);
      if (i == n) {
        break;
      }
      if (text.charAt(i) != ',') {
        throw new GtidFormatException(Kind.UNEXPECTED_CHARACTER, "expected ',' or the end after a GTID", text, i);
      }
      i++;
    }
    return Arrays.copyOf(out, count);
  }

  private static int dash(CharSequence text, int i) {
    if (i == text.length() || text.charAt(i) != '-') {
      throw new GtidFormatException(Kind.UNEXPECTED_CHARACTER, "expected '-' after a number", text, i);
    }
    return i + 1;
  }

  /** Reads {@code [ \t]* [+]? digits+} at i into value[0]; returns the index after it. */
  private static int number(CharSequence text, int i, boolean sequence, long[] value) {
    int n = text.length();
    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i < n && text.charAt(i) == '+') {
      i++;
    }
    int from = i;
    if (i == n || text.charAt(i) < '0' || text.charAt(i) > '9') {
      throw new GtidFormatException(Kind.MALFORMED_NUMBER,
          i < n && text.charAt(i) == '-' ? "a number cannot be negative" : "expected a decimal number", text, i);
    }
    long v = 0;
    boolean tooLarge = false;
    while (i < n) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      int d = c - '0';
      if (sequence) {
        int cmp = Long.compareUnsigned(v, SEQ_TENTH);
        if (cmp > 0 || (cmp == 0 && d > SEQ_LAST_DIGIT)) {
          tooLarge = true;
        } else {
          v = v * 10 + d;
        }
      } else {
        v = v * 10 + d;
        if (v > MariadbGtid.MAX_ID) {
          tooLarge = true;
          v = MariadbGtid.MAX_ID + 1;
        }
      }
      i++;
    }
    if (tooLarge) {
      throw new GtidFormatException(Kind.NUMBER_TOO_LARGE, sequence
          ? "a sequence number is at most 18446744073709551615"
          : "a domain or server id is at most 4294967295", text, from);
    }
    value[0] = v;
    return i;
  }
}
