package io.github.dmswitchover.testkit.internal.binlog;

import java.util.Objects;

/** The connection could not be opened, timed out, was lost, or was closed; see {@link #reason()}. */
public final class BinlogTransportException extends BinlogDumpException {
  private static final long serialVersionUID = 1L;

  /** What happened to the connection. */
  public enum Reason {
    /** The TCP connection could not be opened (refused, unreachable, connect timeout). */
    CONNECT_FAILED,
    /** Nothing arrived within the read timeout. */
    READ_TIMEOUT,
    /** The connection broke: reset, or ended by the server or something between. */
    CONNECTION_LOST,
    /** The server ended the dump with an EOF packet. */
    END_OF_STREAM,
    /** {@link BinlogDumpClient#close()} closed the connection. */
    CLOSED
  }

  private final Reason reason;

  BinlogTransportException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns what happened to the connection. */
  public Reason reason() {
    return reason;
  }
}
