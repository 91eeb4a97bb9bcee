package io.github.dmswitchover.gtid;

import java.util.Objects;

/** Validation and interning of MySQL GTID tags; static helpers only. */
final class Tags {
  /** The longest tag MySQL accepts. */
  static final int MAX_LENGTH = 32;

  private Tags() {}

  static boolean isTagStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isTagPart(char c) {
    return isTagStart(c) || (c >= '0' && c <= '9');
  }

  /**
   * Returns the interned lower-case form of a tag given by a caller ({@code ""} = untagged).
   *
   * @throws IllegalArgumentException if the tag is not valid
   */
  static String canonical(String tag) {
    Objects.requireNonNull(tag, "tag");
    int n = tag.length();
    if (n == 0) {
      return "";
    }
    if (n > MAX_LENGTH || !isTagStart(tag.charAt(0))) {
      throw invalid(tag);
    }
    boolean lower = true;
    for (int i = 0; i < n; i++) {
      char c = tag.charAt(i);
      if (!isTagPart(c)) {
        throw invalid(tag);
      }
      lower &= !(c >= 'A' && c <= 'Z');
    }
    return lower ? tag.intern() : lowerAscii(tag, 0, n).intern();
  }

  /** Returns the interned lower-case form of {@code text[from, to)}, already validated. */
  static String canonical(CharSequence text, int from, int to) {
    return lowerAscii(text, from, to).intern();
  }

  private static String lowerAscii(CharSequence text, int from, int to) {
    char[] out = new char[to - from];
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      out[i - from] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return new String(out);
  }

  private static IllegalArgumentException invalid(String tag) {
    String shown = tag.length() > 40 ? tag.substring(0, 40) + "..." : tag;
    return new IllegalArgumentException("tag must be \"\" or match [A-Za-z_][A-Za-z0-9_]{0,31}: \"" + shown + "\"");
  }
}
