package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.switchover.spi.Flavor;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's version as {@code SELECT VERSION()} prints it ({@code 9.7.4-2},
 * {@code 10.11.19-MariaDB-0+deb12u1-log}), with the flavor read from that text: mysql-connector-j
 * reports a MariaDB server as {@code 5.5.5-10.11…} in its metadata, so the metadata is never used.
 *
 * @param flavor MySQL or MariaDB
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version, 0 when the text has none
 * @param text the text as the server printed it
 */
record ServerVersion(Flavor flavor, int major, int minor, int patch, String text) {
  private static final Pattern NUMBERS = Pattern.compile("^(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,6}))?");
  /** The prefix old MariaDB versions put before their own in the handshake, in case it shows up. */
  private static final String MARIADB_HANDSHAKE_PREFIX = "5.5.5-";

  ServerVersion {
    Objects.requireNonNull(flavor, "flavor");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Parses {@code VERSION()}.
   *
   * @throws IllegalArgumentException if it does not start with {@code major.minor}
   */
  static ServerVersion parse(String versionText) {
    Objects.requireNonNull(versionText, "versionText");
    String t = versionText.strip();
    boolean mariadb = t.toLowerCase(Locale.ROOT).contains("mariadb");
    String numbers = mariadb && t.startsWith(MARIADB_HANDSHAKE_PREFIX) ? t.substring(MARIADB_HANDSHAKE_PREFIX.length()) : t;
    Matcher m = NUMBERS.matcher(numbers);
    if (!m.find()) {
      throw new IllegalArgumentException("not a server version: '" + versionText + "'");
    }
    return new ServerVersion(mariadb ? Flavor.MARIADB : Flavor.MYSQL, Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), t);
  }

  /** Returns whether this version is {@code major.minor.patch} or later. */
  boolean atLeast(int major, int minor, int patch) {
    if (this.major != major) {
      return this.major > major;
    }
    if (this.minor != minor) {
      return this.minor > minor;
    }
    return this.patch >= patch;
  }

  /** Returns whether {@code VERSION()} names TiDB, which answers as MySQL but is no binlog source. */
  boolean isTidb() {
    return text.toLowerCase(Locale.ROOT).contains("tidb");
  }

  /** Returns {@code major.minor.patch}. */
  String number() {
    return major + "." + minor + "." + patch;
  }

  @Override
  public String toString() {
    return (flavor == Flavor.MARIADB ? "MariaDB " : "MySQL ") + number();
  }
}
