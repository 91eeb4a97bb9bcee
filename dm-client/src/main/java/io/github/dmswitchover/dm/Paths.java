package io.github.dmswitchover.dm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;

/** URL path segments and query strings. */
final class Paths {
  private Paths() {}

  /** One path segment, percent-encoded. */
  static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {@code ?name=a&name=b}, or {@code ""} for no values. */
  static String repeated(String name, List<String> values) {
    if (values.isEmpty()) {
      return "";
    }
    StringJoiner j = new StringJoiner("&", "?", "");
    for (String v : values) {
      j.add(seg(name) + "=" + seg(v));
    }
    return j.toString();
  }
}
