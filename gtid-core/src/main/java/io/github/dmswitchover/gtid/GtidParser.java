package io.github.dmswitchover.gtid;

import io.github.dmswitchover.gtid.GtidFormatException.Kind;
import java.util.Objects;

/**
 * The one-pass MySQL GTID set parser: a hand-written scanner over the grammar of GTID-FACTS 1a
 * (no regular expressions, no splitting, no boxing) that feeds a {@link GtidSet.Builder}.
 * One instance per parse; not thread-safe.
 */
final class GtidParser {
  /** Hex digit values for ASCII, -1 for anything else. */
  private static final byte[] HEX_VALUE = new byte[128];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (int c = '0'; c <= '9'; c++) {
      HEX_VALUE[c] = (byte) (c - '0');
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX_VALUE[c] = (byte) (c - 'a' + 10);
      HEX_VALUE[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
    }
  }

  /** The largest value whose tenfold plus a digit may still be a valid GNO. */
  private static final long GNO_TENTH = GtidSet.MAX_GNO / 10;
  private static final int GNO_LAST_DIGIT = (int) (GtidSet.MAX_GNO % 10);

  private final CharSequence text;
  private final int n;
  private final GtidSet.Builder builder;
  /** Where the last number read ended. */
  private int pos;
  private long uuidMsb;
  private long uuidLsb;

  private GtidParser(CharSequence text) {
    this.text = text;
    this.n = text.length();
    this.builder = new GtidSet.Builder();
  }

  static GtidSet parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    GtidParser p = new GtidParser(text);
    p.gtidSet();
    return p.builder.build();
  }

  static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  private int skipSpace(int i) {
    while (i < n && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private void gtidSet() {
    int i = 0;
    while (true) {
      i = skipSpace(i);
      if (i == n) {
        return;
      }
      if (text.charAt(i) == ',') {
        i++;
        continue;
      }
      i = uuidSet(i);
      if (i == n) {
        return;
      }
      if (text.charAt(i) != ',') {
        throw error(Kind.UNEXPECTED_CHARACTER, "expected ',' or the end after a UUID set", i);
      }
      i++;
    }
  }

  /** Reads {@code uuid (":" (tag | interval))*} and the whitespace after it; returns the next index. */
  private int uuidSet(int i) {
    uuid(i);
    i += 36;
    if (i < n) {
      char c = text.charAt(i);
      if (!isSpace(c) && c != ':' && c != ',') {
        throw error(Kind.UNEXPECTED_CHARACTER, "expected ':', ',' or the end after a UUID", i);
      }
    }
    long m = uuidMsb;
    long l = uuidLsb;
    String tag = "";
    int slot = -1;
    i = skipSpace(i);
    while (i < n && text.charAt(i) == ':') {
      i = skipSpace(i + 1);
      if (i == n) {
        throw error(Kind.MISSING_INTERVAL, "expected a tag or an interval after ':'", i);
      }
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        long start = number(i, false);
        i = skipSpace(pos);
        long end = start;
        if (i < n && text.charAt(i) == '-') {
          i = skipSpace(i + 1);
          if (i == n || !isDigit(text.charAt(i))) {
            throw notANumber(i);
          }
          end = number(i, true);
          i = skipSpace(pos);
        }
        if (i < n) {
          c = text.charAt(i);
          if (c != ':' && c != ',') {
            throw error(Kind.UNEXPECTED_CHARACTER, "expected '-', ':', ',' or the end after a number", i);
          }
        }
        if (end >= start) {
          if (slot < 0) {
            slot = builder.slot(m, l, tag);
          }
          builder.append(slot, start, end);
        }
      } else if (Tags.isTagStart(c)) {
        int from = i;
        do {
          i++;
        } while (i < n && Tags.isTagPart(text.charAt(i)));
        if (i - from > Tags.MAX_LENGTH) {
          throw error(Kind.TAG_TOO_LONG, "a tag has at most 32 characters", from + Tags.MAX_LENGTH);
        }
        tag = Tags.canonical(text, from, i);
        slot = -1;
        i = skipSpace(i);
        if (i < n) {
          c = text.charAt(i);
          if (c != ':' && c != ',') {
            throw error(Kind.UNEXPECTED_CHARACTER, "expected ':', ',' or the end after a tag", i);
          }
        }
      } else if (c == ':') {
        throw error(Kind.EMPTY_TAG, "empty tag", i);
      } else if (c == ',') {
        throw error(Kind.MISSING_INTERVAL, "expected a tag or an interval after ':'", i);
      } else if (c == '+' || c == '-') {
        throw error(Kind.MALFORMED_NUMBER, "a GNO has no sign", i);
      } else {
        throw error(Kind.UNEXPECTED_CHARACTER, "expected a tag or an interval after ':'", i);
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private GtidFormatException notANumber(int i) {
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      return error(Kind.MALFORMED_NUMBER, "a GNO has no sign", i);
    }
    return error(Kind.MALFORMED_NUMBER, "expected a number after '-'", i);
  }

  /** Reads a 36-character dashed UUID at {@code i} into {@link #uuidMsb} and {@link #uuidLsb}. */
  private void uuid(int i) {
    long hi = 0;
    long lo = 0;
    for (int k = 0; k < 36; k++) {
      int at = i + k;
      if (at >= n) {
        throw error(Kind.MALFORMED_UUID, "a UUID has 36 characters (8-4-4-4-12 hex digits)", at);
      }
      char c = text.charAt(at);
      if (k == 8 || k == 13 || k == 18 || k == 23) {
        if (c != '-') {
          throw error(Kind.MALFORMED_UUID, "expected '-' in the UUID", at);
        }
        continue;
      }
      int v = c < 128 ? HEX_VALUE[c] : -1;
      if (v < 0) {
        throw error(Kind.MALFORMED_UUID,
            k == 0 ? "expected a UUID" : "expected a hex digit in the UUID", at);
      }
      if (k < 18) {
        hi = (hi << 4) | v;
      } else {
        lo = (lo << 4) | v;
      }
    }
    uuidMsb = hi;
    uuidLsb = lo;
  }

  /** Reads a plain decimal GNO starting at digit {@code i}; sets {@link #pos} after it. */
  private long number(int i, boolean zeroAllowed) {
    int from = i;
    char c = text.charAt(i);
    if (c == '0') {
      if (i + 1 < n) {
        char d = text.charAt(i + 1);
        if (isDigit(d)) {
          throw error(Kind.LEADING_ZERO,
              "a GNO has no leading zero (MySQL's parsers disagree on whether it means octal)", from);
        }
        if (d == 'x' || d == 'X') {
          throw error(Kind.MALFORMED_NUMBER, "a GNO is decimal, not hex", from);
        }
      }
      if (!zeroAllowed) {
        throw error(Kind.NUMBER_ZERO, "a GNO starts at 1", from);
      }
      pos = i + 1;
      return 0;
    }
    long v = 0;
    while (i < n) {
      c = text.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      int d = c - '0';
      if (v >= GNO_TENTH && (v > GNO_TENTH || d > GNO_LAST_DIGIT)) {
        throw error(Kind.NUMBER_TOO_LARGE, "a GNO is at most " + GtidSet.MAX_GNO, from);
      }
      v = v * 10 + d;
      i++;
    }
    pos = i;
    return v;
  }

  private GtidFormatException error(Kind kind, String detail, int offset) {
    return new GtidFormatException(kind, detail, text, offset);
  }
}
