package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.ProbeException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells what a driver error means for a probe: unreachable, access denied (and which privilege), a
 * timeout, or a failed statement. MySQL and MariaDB share the error codes used here. Stateless.
 */
final class SqlErrors {
  /** ER_DBACCESS_DENIED_ERROR: "Access denied for user 'u'@'h' to database 'd'". */
  static final int DB_ACCESS_DENIED = 1044;
  /** ER_ACCESS_DENIED_ERROR: authentication failed. */
  static final int ACCESS_DENIED = 1045;
  /** ER_TABLEACCESS_DENIED_ERROR: "SELECT command denied to user … for table 't'". */
  static final int TABLE_ACCESS_DENIED = 1142;
  /** ER_COLUMNACCESS_DENIED_ERROR: "SELECT command denied to user … for column 'c' in table 't'". */
  static final int COLUMN_ACCESS_DENIED = 1143;
  /** ER_SPECIFIC_ACCESS_DENIED_ERROR: "you need (at least one of) the X privilege(s)". */
  static final int SPECIFIC_ACCESS_DENIED = 1227;
  /** ER_PROCACCESS_DENIED_ERROR: "execute command denied to user … for routine 'r'". */
  static final int ROUTINE_ACCESS_DENIED = 1370;
  /** ER_HOST_NOT_PRIVILEGED: the host may not connect. */
  static final int HOST_NOT_PRIVILEGED = 1130;
  /** ER_ACCESS_DENIED_NO_PASSWORD_ERROR. */
  static final int ACCESS_DENIED_NO_PASSWORD = 1698;
  /** ER_MUST_CHANGE_PASSWORD (1820) and ER_MUST_CHANGE_PASSWORD_LOGIN (1862). */
  static final int MUST_CHANGE_PASSWORD = 1820;
  static final int MUST_CHANGE_PASSWORD_LOGIN = 1862;
  /** ER_ACCOUNT_HAS_BEEN_LOCKED (MySQL 5.7+). */
  static final int ACCOUNT_LOCKED = 3118;
  /** ER_BAD_DB_ERROR: unknown database. */
  static final int BAD_DB = 1049;
  /** ER_DUP_ENTRY. */
  static final int DUPLICATE_ENTRY = 1062;
  /** MySQL ER_QUERY_TIMEOUT (max_execution_time), MariaDB ER_STATEMENT_TIMEOUT (max_statement_time). */
  static final int MYSQL_QUERY_TIMEOUT = 3024;
  static final int MARIADB_STATEMENT_TIMEOUT = 1969;
  /** ER_LOCK_WAIT_TIMEOUT. */
  static final int LOCK_WAIT_TIMEOUT = 1205;
  /** MariaDB ER_CONNECTION_KILLED: the server killed this connection (KILL); it is gone. */
  static final int CONNECTION_KILLED = 1927;

  private static final Pattern AT_LEAST_ONE_OF =
      Pattern.compile("you need \\(at least one of\\) the (.+?) privilege", Pattern.CASE_INSENSITIVE);
  private static final Pattern COMMAND_DENIED =
      Pattern.compile("^(\\w+(?: \\w+)?) command denied to user", Pattern.CASE_INSENSITIVE);
  private static final Pattern FOR_TABLE = Pattern.compile("(?:for|in) table [`']?([^'`]+)[`']?(?:\\.[`']?([^'`]+)[`']?)?");
  private static final Pattern TO_DATABASE = Pattern.compile("to database '([^']+)'");

  private SqlErrors() {}

  /** Returns what a driver error means. */
  static Kind kind(SQLException e) {
    int code = e.getErrorCode();
    switch (code) {
      case DB_ACCESS_DENIED, ACCESS_DENIED, TABLE_ACCESS_DENIED, COLUMN_ACCESS_DENIED, SPECIFIC_ACCESS_DENIED,
          ROUTINE_ACCESS_DENIED, HOST_NOT_PRIVILEGED, ACCESS_DENIED_NO_PASSWORD, MUST_CHANGE_PASSWORD,
          MUST_CHANGE_PASSWORD_LOGIN, ACCOUNT_LOCKED -> {
        return Kind.ACCESS_DENIED;
      }
      case MYSQL_QUERY_TIMEOUT, MARIADB_STATEMENT_TIMEOUT, LOCK_WAIT_TIMEOUT -> {
        return Kind.TIMEOUT;
      }
      default -> { }
    }
    if (e instanceof SQLTimeoutException || causedBy(e, SocketTimeoutException.class)) {
      return Kind.TIMEOUT;
    }
    if (causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)
        || causedBy(e, NoRouteToHostException.class) || isConnectionLevel(e)) {
      return Kind.UNREACHABLE;
    }
    return Kind.QUERY_FAILED;
  }

  /** Whether the connection itself failed (it must not be used again). */
  static boolean isConnectionLevel(SQLException e) {
    if (e.getErrorCode() == CONNECTION_KILLED) {
      return true;
    }
    if (e.getErrorCode() != 0 && e.getErrorCode() < 2000) {
      // A server error code: the server answered; the connection is fine.
      return false;
    }
    String state = e.getSQLState();
    return e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException
        || e instanceof SQLTransientConnectionException || (state != null && state.startsWith("08"));
  }

  /**
   * Returns the privilege the server says is missing, when it says: for "(at least one of) the
   * SUPER, REPLICATION CLIENT privilege(s)" the non-SUPER ones (SUPER is deprecated and too broad);
   * for "SELECT command denied … for table 'threads'" {@code SELECT ON threads}; for access to a
   * database, {@code access to database 'd'}.
   */
  static Optional<String> missingPrivilege(SQLException e) {
    String msg = e.getMessage() == null ? "" : e.getMessage();
    switch (e.getErrorCode()) {
      case SPECIFIC_ACCESS_DENIED -> {
        Matcher m = AT_LEAST_ONE_OF.matcher(msg);
        if (!m.find()) {
          return Optional.empty();
        }
        List<String> privileges = new ArrayList<>();
        for (String p : m.group(1).split(",")) {
          if (!p.isBlank()) {
            privileges.add(p.strip().toUpperCase(Locale.ROOT));
          }
        }
        if (privileges.size() > 1) {
          privileges.remove("SUPER");
        }
        return Optional.of(String.join(" or ", privileges));
      }
      case TABLE_ACCESS_DENIED, COLUMN_ACCESS_DENIED, ROUTINE_ACCESS_DENIED -> {
        Matcher m = COMMAND_DENIED.matcher(msg);
        if (!m.find()) {
          return Optional.empty();
        }
        String command = m.group(1).toUpperCase(Locale.ROOT);
        Matcher t = FOR_TABLE.matcher(msg);
        if (t.find()) {
          String table = t.group(2) == null ? t.group(1) : t.group(1) + "." + t.group(2);
          return Optional.of(command + " ON " + table);
        }
        return Optional.of(command);
      }
      case DB_ACCESS_DENIED -> {
        Matcher m = TO_DATABASE.matcher(msg);
        return Optional.of(m.find() ? "access to database '" + m.group(1) + "'" : "access to the database");
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Returns "error 1227 (42000): Access denied; …" with secrets masked. */
  static String describe(SQLException e, ConnectionSource source) {
    String msg = source.mask(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    if (e.getErrorCode() != 0) {
      return "error " + e.getErrorCode() + " (" + e.getSQLState() + "): " + msg;
    }
    return msg;
  }

  /** Wraps a driver error met while doing {@code during} on {@code source}'s instance. */
  static ProbeException probeException(ConnectionSource source, String during, SQLException e) {
    Kind kind = kind(e);
    Optional<String> privilege = kind == Kind.ACCESS_DENIED ? missingPrivilege(e) : Optional.empty();
    StringBuilder message = new StringBuilder(during).append(" failed: ").append(describe(e, source));
    privilege.ifPresent(p -> message.append(" [missing privilege: ").append(p).append(']'));
    return new ProbeException(kind, source.address(), message.toString(), privilege.orElse(null), safeCause(e, source));
  }

  /**
   * Returns {@code e} itself, or, if a message anywhere in its cause chain holds a secret, a copy
   * with the masked message, code, state and stack trace and no further cause, so that a caller
   * printing the stack trace prints no secret either.
   */
  static SQLException safeCause(SQLException e, ConnectionSource source) {
    boolean leaks = false;
    for (Throwable c = e; c != null && !leaks; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage();
      leaks = m != null && !source.mask(m).equals(m);
    }
    if (!leaks) {
      return e;
    }
    SQLException copy = new SQLException(source.mask(e.getMessage()), e.getSQLState(), e.getErrorCode());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }
}
