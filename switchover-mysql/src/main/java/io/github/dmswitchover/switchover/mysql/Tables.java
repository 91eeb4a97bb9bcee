package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names and creation of the tables the journal and the lock keep: plain types and syntax that
 * MySQL and MariaDB take (tested) and TiDB documents as supported (not tested: TiDB cannot run on
 * the test machines): {@code VARCHAR}, {@code BIGINT}, {@code INT}, {@code MEDIUMTEXT}, a primary
 * key, a secondary key, {@code utf8mb4_bin}; no engine, partitioning, generated columns,
 * {@code AUTO_INCREMENT} (not monotonic across TiDB servers) or temporal types (time zones).
 * Stateless.
 */
final class Tables {
  private static final Logger LOG = LoggerFactory.getLogger(Tables.class);
  /** Database and table names this library accepts: unquoted identifiers, at most 64 characters. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$]{1,64}");

  private Tables() {}

  /**
   * Checks a database or table name.
   *
   * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code _} or {@code $}
   */
  static String checkName(String field, String name) {
    Objects.requireNonNull(name, field);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(field + " must be 1 to 64 letters, digits, _ or $, got '" + name + "'");
    }
    return name;
  }

  /**
   * Returns a statement timeout in whole seconds, rounded up.
   *
   * @throws IllegalArgumentException if it is not positive or longer than {@code maxSeconds}
   */
  static int timeoutSeconds(Duration timeout, long maxSeconds) {
    Objects.requireNonNull(timeout, "queryTimeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > maxSeconds) {
      throw new IllegalArgumentException("queryTimeout must be positive, got " + timeout);
    }
    return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
  }

  /**
   * Checks that a builder of the journal or the lock has what it needs.
   *
   * @throws IllegalStateException if no connection source or no database is set
   */
  static void checkBuildable(ConnectionSource source, String database) {
    if (source == null) {
      throw new IllegalStateException("set withEndpoint(...) or withDataSource(...) first");
    }
    if (database == null) {
      throw new IllegalStateException("set withDatabase(...) first");
    }
  }

  /** Returns {@code `database`.`table`}. */
  static String qualified(String database, String table) {
    return "`" + database + "`.`" + table + "`";
  }

  /**
   * Creates the table unless it exists. The check comes first so that a user without the CREATE
   * privilege can use a table created beforehand ({@code CREATE TABLE IF NOT EXISTS} checks the
   * privilege even when the table exists).
   */
  static void ensure(Connection c, String database, String table, String createStatement, int queryTimeoutSeconds)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      ps.setQueryTimeout(queryTimeoutSeconds);
      ps.setString(1, database);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(1) > 0) {
          return;
        }
      }
    }
    LOG.debug("creating {}: {}", qualified(database, table), createStatement);
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(queryTimeoutSeconds);
      st.execute(createStatement);
    }
  }

  /** Returns the message of a failed journal or lock statement, masked, with the privilege it lacks. */
  static String describe(String during, SQLException e, ConnectionSource source) {
    StringBuilder sb = new StringBuilder(source.address()).append(": ").append(during).append(" failed: ")
        .append(SqlErrors.describe(e, source));
    SqlErrors.missingPrivilege(e).ifPresent(p -> sb.append(" [missing privilege: ").append(p).append(']'));
    if (e.getErrorCode() == SqlErrors.BAD_DB) {
      sb.append(" [the database must exist; the library creates only its table]");
    }
    return sb.toString();
  }
}
