package io.github.dmswitchover.testkit.internal.binlog;

/**
 * A replication connection failed. One subtype per reaction: {@link BinlogServerException} (the
 * server answered with an error packet, e.g. 1045 access denied or 1236 purged binary logs: retrying
 * the same request will not help), {@link BinlogTransportException} (the connection could not be
 * opened, timed out, was lost or closed: reconnecting may help), {@link BinlogProtocolException}
 * (the server sent something this client cannot understand or verify). Messages name the server
 * and never hold the password.
 */
public abstract sealed class BinlogDumpException extends RuntimeException
    permits BinlogServerException, BinlogTransportException, BinlogProtocolException {
  private static final long serialVersionUID = 1L;

  BinlogDumpException(String message, Throwable cause) {
    super(message, cause);
  }
}
