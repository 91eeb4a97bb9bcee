package io.github.dmswitchover.testkit.internal.binlog;

import java.nio.charset.StandardCharsets;

/**
 * An ERR packet: {@code 0xFF}, the error code, optionally {@code '#'} and a five-character SQL state
 * (the server omits it before the handshake), and the message.
 */
record ServerError(int code, String sqlState, String message) {
  static final int ER_ACCESS_DENIED = 1045;
  static final int ER_SOURCE_FATAL_ERROR_READING_BINLOG = 1236;

  /** Parses an ERR packet payload whose first byte is {@code 0xFF}. */
  static ServerError parse(byte[] payload) {
    if (payload.length < 3 || (payload[0] & 0xFF) != 0xFF) {
      throw new BinlogProtocolException("malformed error packet of " + payload.length + " bytes");
    }
    int code = (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8;
    int offset = 3;
    String state = "";
    if (payload.length >= 9 && payload[3] == '#') {
      state = new String(payload, 4, 5, StandardCharsets.US_ASCII);
      offset = 9;
    }
    return new ServerError(code, state, new String(payload, offset, payload.length - offset, StandardCharsets.UTF_8));
  }
}
