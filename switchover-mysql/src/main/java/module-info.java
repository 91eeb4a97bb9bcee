/**
 * The JDBC side of a switchover: MySQL 5.7 to 9.x and MariaDB 10.x / 11.x instances read and waited
 * for ({@code JdbcUpstreamProbe}), a journal table and a {@code GET_LOCK} lock in a database of the
 * user's choice ({@code JdbcSwitchoverJournal}, {@code JdbcSwitchoverLock}).
 *
 * <p>The code speaks {@code java.sql} only: it connects through the caller's {@code DataSource} or
 * through {@code DriverManager}, which finds mysql-connector-j as a service provider, so the
 * driver's automatic module is not required here.
 */
module io.github.dmswitchover.switchover.mysql {
  requires transitive io.github.dmswitchover.switchover;
  requires transitive java.sql;
  requires org.slf4j;

  exports io.github.dmswitchover.switchover.mysql;
}
