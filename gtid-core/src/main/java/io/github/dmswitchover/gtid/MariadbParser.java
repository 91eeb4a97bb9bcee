package io.github.dmswitchover.gtid;

import io.github.dmswitchover.gtid.GtidFormatException.Kind;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses MariaDB GTID lists with the server's lexical rules (GTID-FACTS 1c, refined by live runs
 * against MariaDB 10.11): comma-separated {@code domain-server-sequence} entries; before each
 * number optional whitespace (ASCII 9 to 13 and space; GTID-FACTS names only space and tab, the
 * server also skips line feeds, carriage returns, vertical tabs and form feeds) and an optional
 * {@code +}; decimal digits, leading zeros allowed; nothing else anywhere. Static helpers only.
 */
final class MariadbParser {
  /** {@code (2^64 - 1) / 10}, unsigned. */
  private static final long SEQ_TENTH = Long.divideUnsigned(-1L, 10);
  private static final int SEQ_LAST_DIGIT = (int) Long.remainderUnsigned(-1L, 10);

  private MariadbParser() {}

  /** Returns the GTIDs in list order; the empty string is the empty list. */
  static MariadbGtid[] parse(CharSequence text) {
    return parse(text, false);
  }

  /**
   * Returns the GTIDs in list order. With {@code uniqueDomains}, a domain seen before is refused
   * as soon as its entry is read, before anything after it, as the server does (so a duplicate
   * followed by a malformed entry is error 1943, not 1941).
   */
  static MariadbGtid[] parse(CharSequence text, boolean uniqueDomains) {
    Objects.requireNonNull(text, "text");
    int n = text.length();
    if (n == 0) {
      return new MariadbGtid[0];
    }
    MariadbGtid[] out = new MariadbGtid[4];
    int count = 0;
    int i = 0;
    long[] value = new long[1];
    DomainSet seen = uniqueDomains ? new DomainSet() : null;
    while (true) {
      int entryStart = i;
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
      MariadbGtid gtid = new MariadbGtid(domain, server, value[0]);
      if (seen != null && !seen.add(domain)) {
        MariadbGtid earlier = null;
        for (int k = 0; k < count && earlier == null; k++) {
          earlier = out[k].domainId() == domain ? out[k] : null;
        }
        throw new GtidFormatException(Kind.DUPLICATE_DOMAIN, "GTIDs " + gtid + " and " + earlier
            + " conflict (duplicate domain id " + domain + ")", text, entryStart);
      }
      if (count == out.length) {
        out = Arrays.copyOf(out, count * 2);
      }
      out[count++] = gtid;
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

  /** A set of domain ids (0 .. 2^32-1) by open addressing; -1 marks a free slot. */
  private static final class DomainSet {
    private long[] slots = newSlots(16);
    private int size;

    private static long[] newSlots(int n) {
      long[] s = new long[n];
      Arrays.fill(s, -1L);
      return s;
    }

    boolean add(long domain) {
      if (2 * (size + 1) > slots.length) {
        long[] old = slots;
        slots = newSlots(old.length * 2);
        for (long d : old) {
          if (d >= 0) {
            insert(d);
          }
        }
      }
      if (!insert(domain)) {
        return false;
      }
      size++;
      return true;
    }

    private boolean insert(long domain) {
      int mask = slots.length - 1;
      int h = (int) (domain * 0x9E3779B97F4A7C15L >>> 40) & mask;
      while (slots[h] >= 0) {
        if (slots[h] == domain) {
          return false;
        }
        h = (h + 1) & mask;
      }
      slots[h] = domain;
      return true;
    }
  }

  private static int dash(CharSequence text, int i) {
    if (i == text.length() || text.charAt(i) != '-') {
      throw new GtidFormatException(Kind.UNEXPECTED_CHARACTER, "expected '-' after a number", text, i);
    }
    return i + 1;
  }

  /** Reads {@code whitespace* [+]? digits+} at i into value[0]; returns the index after it. */
  private static int number(CharSequence text, int i, boolean sequence, long[] value) {
    int n = text.length();
    while (i < n && GtidParser.isSpace(text.charAt(i))) {
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
