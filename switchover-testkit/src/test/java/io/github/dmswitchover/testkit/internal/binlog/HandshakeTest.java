package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandshakeTest {
  private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);

  /** Builds an Initial Handshake Packet v10 as the protocol documentation lays it out. */
  static byte[] handshakeV10(String version, long connectionId, long capabilities, String plugin) {
    return new ByteWriter()
        .int1(10)
        .nulTerminatedString(version)
        .int4(connectionId)
        .bytes(SCRAMBLE, 0, 8)
        .int1(0)
        .int2((int) (capabilities & 0xFFFF))
        .int1(255)
        .int2(2)
        .int2((int) (capabilities >>> 16))
        .int1(21)
        .zeros(10)
        .bytes(SCRAMBLE, 8, 12).int1(0)
        .nulTerminatedString(plugin)
        .toByteArray();
  }

  static final long MYSQL_CAPABILITIES = 0xDFFFFFFFL;
  /** MariaDB 10.2+ clears bit 0 (CLIENT_MYSQL) to say it is MariaDB. */
  static final long MARIADB_CAPABILITIES = 0xC1FFF7FEL;

  @Test
  void parse_mysqlHandshake_readsEveryField() {
    Handshake h = Handshake.parse(handshakeV10("9.7.4", 4_000_000_123L, MYSQL_CAPABILITIES, "caching_sha2_password"));
    assertThat(h.serverVersion()).isEqualTo("9.7.4");
    assertThat(h.connectionId()).isEqualTo(4_000_000_123L);
    assertThat(h.capabilities()).isEqualTo(MYSQL_CAPABILITIES);
    assertThat(h.scramble()).isEqualTo(SCRAMBLE);
    assertThat(h.authPlugin()).isEqualTo("caching_sha2_password");
    assertThat(h.isMariadb()).isFalse();
  }

  @Test
  void parse_mariadbHandshake_isRecognised() {
    Handshake h = Handshake.parse(handshakeV10("5.5.5-10.11.19-MariaDB-log", 7, MARIADB_CAPABILITIES,
        "mysql_native_password"));
    assertThat(h.isMariadb()).isTrue();
    assertThat(h.authPlugin()).isEqualTo("mysql_native_password");
    assertThat(h.scramble()).hasSize(20);
  }

  @Test
  void parse_pluginNameWithoutNul_readsToTheEnd() {
    byte[] p = handshakeV10("5.5.8", 1, MYSQL_CAPABILITIES, "mysql_native_password");
    byte[] withoutNul = java.util.Arrays.copyOf(p, p.length - 1);
    assertThat(Handshake.parse(withoutNul).authPlugin()).isEqualTo("mysql_native_password");
  }

  @Test
  void parse_otherProtocolVersion_fails() {
    byte[] p = handshakeV10("3.0", 1, MYSQL_CAPABILITIES, "x");
    p[0] = 9;
    assertThatThrownBy(() -> Handshake.parse(p)).isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void parse_truncated_failsAsMalformed() {
    byte[] p = handshakeV10("9.7.4", 1, MYSQL_CAPABILITIES, "x");
    assertThatThrownBy(() -> Handshake.parse(java.util.Arrays.copyOf(p, 12)))
        .isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void response_layoutFollowsHandshakeResponse41() {
    byte[] auth = {1, 2, 3};
    byte[] p = Handshake.response(MYSQL_CAPABILITIES, "dm", "caching_sha2_password", auth);
    ByteReader r = new ByteReader(p);
    long capabilities = r.int4();
    assertThat(capabilities & Handshake.CLIENT_PROTOCOL_41).isNotZero();
    assertThat(capabilities & Handshake.CLIENT_SECURE_CONNECTION).isNotZero();
    assertThat(capabilities & Handshake.CLIENT_PLUGIN_AUTH).isNotZero();
    assertThat(capabilities & 0x800).as("no CLIENT_SSL").isZero();
    assertThat(capabilities & 0x8).as("no CLIENT_CONNECT_WITH_DB").isZero();
    assertThat(r.int4()).isEqualTo(Handshake.MAX_PACKET_SIZE);
    assertThat(r.int1()).isEqualTo(Handshake.CHARSET_UTF8MB4_GENERAL_CI);
    assertThat(r.bytes(23)).containsOnly(0);
    assertThat(r.nulTerminatedString()).isEqualTo("dm");
    assertThat(r.bytes(r.int1())).isEqualTo(auth);
    assertThat(r.nulTerminatedString()).isEqualTo("caching_sha2_password");
    assertThat(r.hasRemaining()).isFalse();
  }

  @Test
  void response_asksOnlyForWhatTheServerOffers() {
    long capabilities = new ByteReader(Handshake.response(MARIADB_CAPABILITIES & ~Handshake.CLIENT_MULTI_RESULTS,
        "u", "mysql_native_password", new byte[0])).int4();
    assertThat(capabilities & Handshake.CLIENT_MULTI_RESULTS).isZero();
    assertThat(capabilities & Handshake.CLIENT_LONG_PASSWORD).as("always set, MariaDB's CLIENT_MYSQL").isNotZero();
  }

  @Test
  void serverError_withSqlState_isParsed() {
    byte[] p = new ByteWriter().int1(0xFF).int2(1045).bytes("#28000".getBytes(StandardCharsets.US_ASCII))
        .bytes("Access denied for user 'dm'@'localhost' (using password: YES)".getBytes(StandardCharsets.UTF_8))
        .toByteArray();
    ServerError e = ServerError.parse(p);
    assertThat(e.code()).isEqualTo(1045);
    assertThat(e.sqlState()).isEqualTo("28000");
    assertThat(e.message()).isEqualTo("Access denied for user 'dm'@'localhost' (using password: YES)");
  }

  @Test
  void serverError_beforeTheHandshake_hasNoSqlState() {
    byte[] p = new ByteWriter().int1(0xFF).int2(1130)
        .bytes("Host '10.0.0.9' is not allowed to connect".getBytes(StandardCharsets.UTF_8)).toByteArray();
    ServerError e = ServerError.parse(p);
    assertThat(e.code()).isEqualTo(1130);
    assertThat(e.sqlState()).isEmpty();
    assertThat(e.message()).startsWith("Host '10.0.0.9'");
  }
}
