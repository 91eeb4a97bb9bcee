package io.github.dmswitchover.switchover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that leaves the library (reports, journal records, exception
 * messages): every password the caller handed over, and anything that looks like a password field
 * in YAML, JSON or a DSN. Immutable and thread-safe.
 */
final class Redactor {
  static final String MASK = "******";

  /** {@code password: x}, {@code "password":"x"}, {@code password=x} (YAML, JSON, DSN, TOML). */
  private static final Pattern FIELD = Pattern.compile(
      "(?i)(\"?(?:password|passwd|pwd|secret)\"?\\s*[:=]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|[^\\s,;}&\"']+)");

  static final Redactor NONE = new Redactor(List.of());

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor that masks these secrets (blank ones are ignored), longest first. */
  static Redactor of(List<String> secrets) {
    List<String> s = new ArrayList<>();
    for (String x : secrets) {
      if (x != null && !x.isBlank() && !x.equals(MASK) && !s.contains(x)) {
        s.add(x);
      }
    }
    s.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(s));
  }

  Redactor with(String secret) {
    List<String> s = new ArrayList<>(secrets);
    s.add(secret);
    return of(s);
  }

  /**
   * Returns the text with every known secret masked, also in its JSON-escaped form; leaves the
   * structure alone, so it is safe on JSON (journal records).
   */
  String cleanSecrets(String text) {
    Objects.requireNonNull(text, "text");
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
      String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"");
      if (!escaped.equals(s)) {
        out = out.replace(escaped, MASK);
      }
    }
    return out;
  }

  /** Returns the text with every known secret and every password field masked. */
  String clean(String text) {
    Objects.requireNonNull(text, "text");
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    Matcher m = FIELD.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String value = m.group(2);
      String masked = value.startsWith("\"") ? "\"" + MASK + "\"" : value.startsWith("'") ? "'" + MASK + "'" : MASK;
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + masked));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Returns the throwable's message chain, cleaned: {@code Type: message (cause: Type: message)}. */
  String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    Throwable c = t;
    int depth = 0;
    while (c != null && depth < 4) {
      if (depth > 0) {
        sb.append(" (cause: ");
      }
      sb.append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
      c = c.getCause() == c ? null : c.getCause();
      depth++;
    }
    sb.append(")".repeat(Math.max(0, depth - 1)));
    return clean(sb.toString());
  }
}
