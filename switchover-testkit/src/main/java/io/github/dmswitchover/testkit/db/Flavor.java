package io.github.dmswitchover.testkit.db;

/** The database server family of a replication group. */
public enum Flavor {
  /** Oracle MySQL: GTIDs are {@code uuid:interval} sets. */
  MYSQL("MySQL"),
  /** MariaDB: GTIDs are {@code domain-server-sequence} positions. */
  MARIADB("MariaDB");

  private final String displayName;

  Flavor(String displayName) {
    this.displayName = displayName;
  }

  /** Returns the product name, e.g. {@code "MySQL"}. */
  public String displayName() {
    return displayName;
  }
}
