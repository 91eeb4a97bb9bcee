package io.github.dmswitchover.testkit.internal.binlog;

import java.util.Arrays;

/**
 * The server's Initial Handshake Packet (protocol version 10), and the client's HandshakeResponse41.
 *
 * @param serverVersion the server's version text; MariaDB's holds {@code MariaDB}
 * @param connectionId the connection id (the processlist {@code Id}), unsigned 32-bit
 * @param capabilities the server's capability flags
 * @param scramble the 20-byte nonce for the authentication method, without the trailing NUL
 * @param authPlugin the server's default authentication method
 */
record Handshake(String serverVersion, long connectionId, long capabilities, byte[] scramble, String authPlugin) {
  static final long CLIENT_LONG_PASSWORD = 1L;
  static final long CLIENT_LONG_FLAG = 1L << 2;
  static final long CLIENT_PROTOCOL_41 = 1L << 9;
  static final long CLIENT_TRANSACTIONS = 1L << 13;
  static final long CLIENT_SECURE_CONNECTION = 1L << 15;
  static final long CLIENT_MULTI_RESULTS = 1L << 17;
  static final long CLIENT_PLUGIN_AUTH = 1L << 19;

  /** What this client asks for: no TLS, no database, no compression, classic EOF packets. */
  static final long CLIENT_CAPABILITIES = CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG | CLIENT_PROTOCOL_41
      | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION | CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH;

  /** What the server must offer. */
  static final long REQUIRED_SERVER_CAPABILITIES = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION | CLIENT_PLUGIN_AUTH;

  /** utf8mb4_general_ci, known to MySQL 5.5+ and MariaDB. */
  static final int CHARSET_UTF8MB4_GENERAL_CI = 45;

  /** The largest packet this client announces it accepts: 1 GiB, the protocol's maximum. */
  static final int MAX_PACKET_SIZE = 1 << 30;

  /**
   * Parses the payload of an Initial Handshake Packet v10.
   *
   * @throws MalformedPacketException if it is truncated
   * @throws BinlogProtocolException if it is another protocol version
   */
  static Handshake parse(byte[] payload) {
    ByteReader r = new ByteReader(payload);
    int protocol = r.int1();
    if (protocol != 10) {
      throw new BinlogProtocolException("the server speaks handshake protocol version " + protocol
          + "; this client speaks version 10 only");
    }
    String version = r.nulTerminatedString();
    long connectionId = r.int4();
    byte[] part1 = r.bytes(8);
    r.skip(1);
    long capabilities = r.int2();
    int authDataLength = 0;
    if (r.hasRemaining()) {
      r.int1(); // character set
      r.int2(); // status flags
      capabilities |= (long) r.int2() << 16;
      authDataLength = r.int1();
      r.skip(10); // reserved; MariaDB keeps its extended capabilities in the last four
    }
    byte[] part2 = new byte[0];
    if ((capabilities & CLIENT_SECURE_CONNECTION) != 0) {
      part2 = r.bytes(Math.max(13, authDataLength - 8));
      if (part2.length > 0 && part2[part2.length - 1] == 0) {
        part2 = Arrays.copyOf(part2, part2.length - 1);
      }
    }
    String plugin = "";
    if ((capabilities & CLIENT_PLUGIN_AUTH) != 0 && r.hasRemaining()) {
      plugin = r.nulTerminatedString();
    }
    byte[] scramble = new byte[part1.length + part2.length];
    System.arraycopy(part1, 0, scramble, 0, part1.length);
    System.arraycopy(part2, 0, scramble, part1.length, part2.length);
    return new Handshake(version, connectionId, capabilities, scramble, plugin);
  }

  /** Returns whether the server says it is MariaDB. */
  boolean isMariadb() {
    return serverVersion.contains("MariaDB");
  }

  /**
   * Returns the HandshakeResponse41 payload for {@code user}, announcing {@code plugin} with its
   * {@code authResponse}; no TLS, no initial database.
   */
  static byte[] response(long serverCapabilities, String user, String plugin, byte[] authResponse) {
    if (authResponse.length > 0xFF) {
      throw new IllegalArgumentException("auth response of " + authResponse.length + " bytes does not fit");
    }
    long capabilities = CLIENT_CAPABILITIES & (serverCapabilities | CLIENT_LONG_PASSWORD);
    return new ByteWriter(64 + user.length() + authResponse.length)
        .int4(capabilities)
        .int4(MAX_PACKET_SIZE)
        .int1(CHARSET_UTF8MB4_GENERAL_CI)
        .zeros(23)
        .nulTerminatedString(user)
        .int1(authResponse.length)
        .bytes(authResponse)
        .nulTerminatedString(plugin)
        .toByteArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Handshake h && serverVersion.equals(h.serverVersion) && connectionId == h.connectionId
        && capabilities == h.capabilities && Arrays.equals(scramble, h.scramble) && authPlugin.equals(h.authPlugin);
  }

  @Override
  public int hashCode() {
    return 31 * serverVersion.hashCode() + Long.hashCode(connectionId) + Arrays.hashCode(scramble);
  }

  @Override
  public String toString() {
    return "Handshake[" + serverVersion + ", connection " + connectionId + ", capabilities 0x"
        + Long.toHexString(capabilities) + ", plugin " + authPlugin + "]";
  }
}
