package io.github.dmswitchover.gtid;

import java.util.Objects;

/**
 * Thrown when text is not a valid MySQL GTID set or MariaDB GTID list; it says what is wrong
 * ({@link #kind()}) and where ({@link #offset()}).
 *
 * <p>The message names the kind, the offset and a short excerpt of the input around the offset,
 * with the problem marked by {@code [HERE]}. At most 56 characters of the input are ever repeated
 * (28 on each side of the offset; control characters escaped), so a huge input is not copied into
 * logs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class GtidFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Characters of input shown on each side of the offset in {@link #excerpt()}. */
  private static final int EXCERPT_SIDE = 28;

  /** What is wrong with the text; one constant per distinct mistake. */
  public enum Kind {
    /** A UUID was expected but the text there is not 36 characters of dashed hex (MySQL). */
    MALFORMED_UUID,
    /**
     * A number was expected but the text there is not one the format accepts: a sign, a hex
     * prefix, or no digit at all.
     */
    MALFORMED_NUMBER,
    /**
     * A MySQL GNO with a leading zero such as {@code 010}: the legacy MySQL parser reads it as
     * octal (8) and the new one as decimal (10), so it is refused as ambiguous.
     */
    LEADING_ZERO,
    /** A MySQL interval starts at 0; GNOs start at 1. */
    NUMBER_ZERO,
    /**
     * A number exceeds its limit: a MySQL GNO above 2<sup>63</sup>&minus;2, a MariaDB domain or
     * server id above 2<sup>32</sup>&minus;1, or a MariaDB sequence above 2<sup>64</sup>&minus;1.
     */
    NUMBER_TOO_LARGE,
    /** A MySQL tag is empty, as in {@code uuid::1}. */
    EMPTY_TAG,
    /** A MySQL tag is longer than 32 characters. */
    TAG_TOO_LONG,
    /** A colon is followed by neither a tag nor an interval, as in {@code uuid:} or {@code uuid:,}. */
    MISSING_INTERVAL,
    /** A character that cannot appear at this place, such as {@code !} right after a UUID. */
    UNEXPECTED_CHARACTER,
    /** A MariaDB list has an empty entry, as in {@code 0-1-1,,0-2-2} or a trailing comma. */
    EMPTY_ENTRY,
    /**
     * A MariaDB position names the same domain twice; the server refuses this with error 1943
     * ({@code ER_DUPLICATE_GTID_DOMAIN}).
     */
    DUPLICATE_DOMAIN
  }

  private final Kind kind;
  private final int offset;
  private final String excerpt;

  /** Creates an exception for a problem at {@code offset} of {@code input}; keeps an excerpt only. */
  GtidFormatException(Kind kind, String detail, CharSequence input, int offset) {
    this(kind, detail, Objects.checkIndex(offset, input.length() + 1), excerptOf(input, offset));
  }

  private GtidFormatException(Kind kind, String detail, int offset, String excerpt) {
    super(Objects.requireNonNull(kind, "kind") + " at offset " + offset + ": "
        + Objects.requireNonNull(detail, "detail") + ", in " + excerpt);
    this.kind = kind;
    this.offset = offset;
    this.excerpt = excerpt;
  }

  /**
   * Returns what is wrong.
   *
   * @return the kind of the problem
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the 0-based character offset of the problem; equal to the input length when the
   * input ended too early.
   *
   * @return the offset in the parsed text
   */
  public int offset() {
    return offset;
  }

  /**
   * Returns up to 56 characters of the input around {@link #offset()}, in quotes, with
   * {@code [HERE]} inserted at the offset, control characters escaped, and {@code ...} where
   * input was cut.
   *
   * @return the marked excerpt
   */
  public String excerpt() {
    return excerpt;
  }

  private static String excerptOf(CharSequence input, int offset) {
    int from = Math.max(0, offset - EXCERPT_SIDE);
    int to = Math.min(input.length(), offset + EXCERPT_SIDE);
    StringBuilder sb = new StringBuilder(2 * EXCERPT_SIDE + 24);
    sb.append(from > 0 ? "\"..." : "\"");
    for (int i = from; i < to; i++) {
      if (i == offset) {
        sb.append("[HERE]");
      }
      appendEscaped(sb, input.charAt(i));
    }
    if (offset == to) {
      sb.append("[HERE]");
    }
    sb.append(to < input.length() ? "...\"" : "\"");
    return sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, char c) {
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      case '"' -> sb.append("\\\"");
      case '\\' -> sb.append("\\\\");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
  }
}
