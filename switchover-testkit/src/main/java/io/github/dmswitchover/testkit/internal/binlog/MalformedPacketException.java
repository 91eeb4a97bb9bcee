package io.github.dmswitchover.testkit.internal.binlog;

/**
 * A packet or event is shorter than its fields say; thrown by {@link ByteReader} and turned into a
 * {@link BinlogProtocolException} that names the server and the packet by the code that knows them.
 */
final class MalformedPacketException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedPacketException(String message) {
    super(message);
  }
}
