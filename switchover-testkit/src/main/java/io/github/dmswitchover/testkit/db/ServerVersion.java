package io.github.dmswitchover.testkit.db;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of a database server, e.g. MySQL {@code 9.7.4} or MariaDB {@code 10.11.19}.
 *
 * @param flavor the server family
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param text the text the server printed, e.g. {@code "10.11.19-MariaDB-0+deb12u1-log"}
 */
public record ServerVersion(Flavor flavor, int major, int minor, int patch, String text)
    implements Comparable<ServerVersion> {

  private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

  /** Checks the components. */
  public ServerVersion {
    Objects.requireNonNull(flavor, "flavor");
    Objects.requireNonNull(text, "text");
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version components must not be negative: " + text);
    }
  }

  /**
   * Parses the first {@code major.minor.patch} in a version text such as {@code SELECT VERSION()} or
   * {@code mysqld --version} prints.
   *
   * <p>MariaDB's {@code 5.5.5-} compatibility prefix is skipped.
   *
   * @throws IllegalArgumentException if the text holds no {@code major.minor.patch}
   */
  public static ServerVersion parse(Flavor flavor, String text) {
    Objects.requireNonNull(text, "text");
    String scanned = text;
    if (flavor == Flavor.MARIADB && scanned.startsWith("5.5.5-")) {
      scanned = scanned.substring("5.5.5-".length());
    }
    Matcher m = NUMBER.matcher(scanned);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "no version number (major.minor.patch) in " + flavor.displayName() + " version text '" + text + "'");
    }
    return new ServerVersion(
        flavor,
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        text.strip());
  }

  /** Returns whether this version is at least {@code major.minor.patch}. */
  public boolean atLeast(int major, int minor, int patch) {
    if (this.major != major) {
      return this.major > major;
    }
    if (this.minor != minor) {
      return this.minor > minor;
    }
    return this.patch >= patch;
  }

  /**
   * Returns whether this version matches a requested version prefix such as {@code "8.0"},
   * {@code "8"} or {@code "8.0.36"}.
   */
  public boolean matches(String requested) {
    String[] parts = requested.strip().split("\\.");
    int[] mine = {major, minor, patch};
    if (parts.length == 0 || parts.length > 3) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      try {
        if (Integer.parseInt(parts[i]) != mine[i]) {
          return false;
        }
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code major.minor}, e.g. {@code "9.7"}. */
  public String majorMinor() {
    return major + "." + minor;
  }

  /** Orders by flavor, then numerically by major, minor and patch. */
  @Override
  public int compareTo(ServerVersion other) {
    int c = flavor.compareTo(other.flavor);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(major, other.major);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(minor, other.minor);
    return c != 0 ? c : Integer.compare(patch, other.patch);
  }

  /** Returns the flavor and the numeric version, e.g. {@code "MySQL 9.7.4"}. */
  @Override
  public String toString() {
    return flavor.displayName() + " " + major + "." + minor + "." + patch;
  }
}
