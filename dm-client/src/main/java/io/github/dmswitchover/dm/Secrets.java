package io.github.dmswitchover.dm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords and key material in any text the client keeps, logs or puts in an exception:
 * YAML ({@code password: x}), JSON ({@code "password":"x"}), YAML inside a JSON string
 * ({@code password: x\n}), {@code key=value} pairs and Go DSNs ({@code user:x@tcp(host)}).
 */
final class Secrets {
  static final String MASK = "******";

  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)((?:password|passwd|pwd|ssl[-_]key[-_](?:bytes|base64|content)|secret[-_]key)(?:\\\\?[\"'])?[ \\t]*[:=][ \\t]*)"
          + "(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|\\\\\"(?:[^\"\\\\]|\\\\[^\"])*\\\\\"|[^\\r\\n\\\\\"'}\\]]+)");
  private static final Pattern DSN = Pattern.compile("([^\\s:/@\"'(]+):([^@\\s\"'/]+)@(tcp|unix)\\(");
  private static final Pattern URL_USERINFO = Pattern.compile("(://[^:/@\\s\"']+):([^@/\\s\"']+)@");

  private Secrets() {}

  static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text == null ? "" : text;
    }
    String out = text;
    Matcher m = KEY_VALUE.matcher(out);
    if (m.find()) {
      StringBuilder sb = new StringBuilder();
      do {
        String value = m.group(2);
        String masked;
        if (value.startsWith("\\\"")) {
          masked = "\\\"" + MASK + "\\\"";
        } else if (value.startsWith("\"")) {
          masked = "\"" + MASK + "\"";
        } else if (value.startsWith("'")) {
          masked = "'" + MASK + "'";
        } else {
          masked = value.isBlank() ? value : MASK;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked));
      } while (m.find());
      m.appendTail(sb);
      out = sb.toString();
    }
    out = DSN.matcher(out).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@$3(");
    out = URL_USERINFO.matcher(out).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
    return out;
  }
}
