package io.github.dmswitchover.switchover.mysql;

import java.util.Collection;
import java.util.Locale;

/** Keeps credentials out of addresses, messages and logs. Stateless. */
final class Masking {
  /** What a secret is replaced with. */
  static final String MASK = "****";

  /**
   * Secrets shorter than this are not searched for in text: replacing every occurrence of a one- or
   * two-character password would garble each message, and no code path puts a password into text.
   */
  static final int MIN_SECRET_LENGTH = 4;

  private Masking() {}

  /**
   * Returns {@code host:port} from what a caller gave as an address: a scheme ({@code jdbc:mysql://}),
   * user information ({@code user:password@}), a path and a query ({@code /db?password=…}) are dropped.
   */
  static String address(String raw) {
    String s = raw.strip();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    for (char stop : new char[] {'/', '?', '#', ';'}) {
      int i = s.indexOf(stop);
      if (i >= 0) {
        s = s.substring(0, i);
      }
    }
    return s;
  }

  /** Replaces every occurrence of each secret (of at least {@value #MIN_SECRET_LENGTH} characters) with {@value #MASK}. */
  static String mask(String text, Collection<String> secrets) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String secret : secrets) {
      if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  /** Returns {@code host:port}, with brackets around an IPv6 literal. */
  static String hostPort(String host, int port) {
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Returns whether {@code name} is a driver property whose value is a secret. */
  static boolean isSecretProperty(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("password") || n.contains("secret") || n.contains("token") || n.contains("key");
  }
}
