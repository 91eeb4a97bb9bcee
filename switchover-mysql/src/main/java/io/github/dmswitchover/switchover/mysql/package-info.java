/**
 * The JDBC implementations of the switchover SPI for MySQL and MariaDB:
 * {@link io.github.dmswitchover.switchover.mysql.JdbcUpstreamProbe} reads an upstream instance and
 * waits for it to catch up, {@link io.github.dmswitchover.switchover.mysql.JdbcSwitchoverJournal}
 * keeps the journal in a table, and {@link io.github.dmswitchover.switchover.mysql.JdbcSwitchoverLock}
 * lets one switchover per DM source run at a time with {@code GET_LOCK} and a fencing token. They
 * connect through a caller's {@code DataSource} or a
 * {@link io.github.dmswitchover.switchover.mysql.DatabaseEndpoint} (mysql-connector-j).
 *
 * <p>No method of this package accepts or returns {@code null} unless its documentation says so.
 * Credentials never appear in addresses, {@code toString}, exception messages or logs.
 */
package io.github.dmswitchover.switchover.mysql;
