package io.github.dmswitchover.switchover.spi;

/** The server family of an upstream instance. */
public enum Flavor {
  /** Oracle MySQL (5.7, 8.0, 8.4, 9.x): GTID sets {@code uuid:interval}. */
  MYSQL,
  /** MariaDB (10.x, 11.x): GTID positions {@code domain-server-sequence}. */
  MARIADB
}
