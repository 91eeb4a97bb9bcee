package io.github.dmswitchover.testkit.internal.binlog;

/**
 * The server sent something this client cannot understand or verify: a malformed or unexpected
 * packet, an event whose CRC32 does not match, an authentication method it does not support, or a
 * server of another flavor than the request's.
 */
public final class BinlogProtocolException extends BinlogDumpException {
  private static final long serialVersionUID = 1L;

  BinlogProtocolException(String message) {
    super(message, null);
  }

  BinlogProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
