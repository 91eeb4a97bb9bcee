package io.github.dmswitchover.dm;

import java.util.regex.Pattern;

/** Recognises the flavor of a GTID text DM printed. */
final class GtidTexts {
  /** Digits, dashes, commas and blanks only: the characters of a MariaDB GTID list. */
  private static final Pattern MARIADB = Pattern.compile("[\\s\\d,-]+");

  private GtidTexts() {}

  static boolean looksMariadb(String text) {
    return MARIADB.matcher(text).matches();
  }
}
