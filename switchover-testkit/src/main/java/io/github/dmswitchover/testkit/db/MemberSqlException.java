package io.github.dmswitchover.testkit.db;

import java.sql.SQLException;

/** A statement a fixture helper ran on a group member failed; the SQL error is kept. */
public final class MemberSqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String member;
  private final int errorCode;
  private final String sqlState;

  MemberSqlException(String member, String what, SQLException cause) {
    super(member + ": " + what + " failed: [" + cause.getErrorCode() + "/" + cause.getSQLState() + "] "
        + cause.getMessage(), cause);
    this.member = member;
    this.errorCode = cause.getErrorCode();
    this.sqlState = cause.getSQLState() == null ? "" : cause.getSQLState();
  }

  /** Returns the name of the member the statement ran on, e.g. {@code "m2"}. */
  public String member() {
    return member;
  }

  /** Returns the server's error code, e.g. {@code 1062}; 0 when the driver gave none. */
  public int errorCode() {
    return errorCode;
  }

  /** Returns the SQLSTATE, or an empty string when the driver gave none. */
  public String sqlState() {
    return sqlState;
  }
}
