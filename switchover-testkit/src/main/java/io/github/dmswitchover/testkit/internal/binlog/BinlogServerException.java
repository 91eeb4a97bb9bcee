package io.github.dmswitchover.testkit.internal.binlog;

/**
 * The server answered with an error packet: during authentication (e.g. 1045 access denied), a
 * statement before the dump, or the dump itself (e.g. 1236 when the server purged binary logs holding
 * GTIDs the start position lacks). The server's code, SQL state and message are kept.
 */
public final class BinlogServerException extends BinlogDumpException {
  private static final long serialVersionUID = 1L;

  private final int errorCode;
  private final String sqlState;
  private final String serverMessage;

  BinlogServerException(String context, ServerError error) {
    super(context + ": server error " + error.code() + (error.sqlState().isEmpty() ? "" : " (" + error.sqlState() + ")")
        + ": " + error.message(), null);
    this.errorCode = error.code();
    this.sqlState = error.sqlState();
    this.serverMessage = error.message();
  }

  /** Returns the server's error code, e.g. {@code 1236}. */
  public int errorCode() {
    return errorCode;
  }

  /** Returns the SQL state, e.g. {@code HY000}; empty when the server sent none. */
  public String sqlState() {
    return sqlState;
  }

  /** Returns the server's message, unchanged. */
  public String serverMessage() {
    return serverMessage;
  }
}
