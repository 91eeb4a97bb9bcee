package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives a session against a scripted server on a loopback port, one connection per test. */
class ProtocolSessionTest {
  private static final byte[] SCRAMBLE = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SWITCH_SCRAMBLE = "ABCDEFGHIJKLMNOPQRST".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OK = {0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00};

  /** What the server does on its side of the connection. */
  interface Script {
    void run(PacketChannel server) throws Exception;
  }

  private ServerSocket listener;
  private ProtocolSession session;
  private CompletableFuture<Void> serverDone;

  @AfterEach
  void tearDown() throws IOException {
    if (session != null) {
      session.close();
    }
    if (listener != null) {
      listener.close();
    }
  }

  private ProtocolSession connect(Script script) throws IOException {
    listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    serverDone = new CompletableFuture<>();
    Thread server = new Thread(() -> {
      try (Socket s = listener.accept()) {
        script.run(new PacketChannel(s.getInputStream(), s.getOutputStream()));
        serverDone.complete(null);
      } catch (Exception | AssertionError e) {
        serverDone.completeExceptionally(e);
      }
    }, "scripted-server");
    server.setDaemon(true);
    server.start();
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    socket.setSoTimeout(5_000);
    session = new ProtocolSession(socket, "scripted server");
    return session;
  }

  private void awaitServer() throws Exception {
    serverDone.get(5, TimeUnit.SECONDS);
  }

  private static void sendHandshake(PacketChannel server, String plugin) throws IOException {
    server.write(HandshakeTest.handshakeV10("9.7.4", 42, HandshakeTest.MYSQL_CAPABILITIES, plugin));
  }

  /** Reads the HandshakeResponse41 and returns its auth response, checking user and plugin. */
  private static byte[] readResponse(PacketChannel server, String user, String plugin) throws IOException {
    ByteReader r = new ByteReader(server.read());
    r.skip(4 + 4 + 1 + 23);
    assertThat(r.nulTerminatedString()).isEqualTo(user);
    byte[] auth = r.bytes(r.int1());
    assertThat(r.nulTerminatedString()).isEqualTo(plugin);
    return auth;
  }

  @Test
  void authenticate_cachingSha2FastPath() throws Exception {
    ProtocolSession s = connect(server -> {
      sendHandshake(server, AuthScrambles.CACHING_SHA2);
      assertThat(readResponse(server, "dm", AuthScrambles.CACHING_SHA2))
          .isEqualTo(AuthScrambles.cachingSha2("pw", SCRAMBLE));
      server.write(new byte[] {0x01, 0x03});
      server.write(OK);
    });
    s.authenticate(s.readHandshake(), "dm", "pw");
    assertThat(s.authPath()).isEqualTo(ProtocolSession.AuthPath.SHA2_FAST);
    awaitServer();
  }

  @Test
  void authenticate_cachingSha2FullAuthentication_requestsTheKeyAndSendsTheRsaEncryptedPassword() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    ProtocolSession s = connect(server -> {
      sendHandshake(server, AuthScrambles.CACHING_SHA2);
      readResponse(server, "dm", AuthScrambles.CACHING_SHA2);
      server.write(new byte[] {0x01, 0x04});
      assertThat(server.read()).as("public key request").containsExactly(0x02);
      server.write(new ByteWriter().int1(0x01).bytes(pem.getBytes(StandardCharsets.US_ASCII)).toByteArray());
      Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
      cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate());
      byte[] plain = cipher.doFinal(server.read());
      for (int i = 0; i < plain.length; i++) {
        plain[i] ^= SCRAMBLE[i % SCRAMBLE.length];
      }
      assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("Dm-Secret-42\0");
      server.write(OK);
    });
    s.authenticate(s.readHandshake(), "dm", "Dm-Secret-42");
    assertThat(s.authPath()).isEqualTo(ProtocolSession.AuthPath.SHA2_FULL_RSA);
    awaitServer();
  }

  @Test
  void authenticate_authSwitchToNativePassword_answersWithTheNewScramble() throws Exception {
    ProtocolSession s = connect(server -> {
      sendHandshake(server, AuthScrambles.CACHING_SHA2);
      readResponse(server, "dm", AuthScrambles.CACHING_SHA2);
      server.write(new ByteWriter().int1(0xFE).nulTerminatedString(AuthScrambles.NATIVE).bytes(SWITCH_SCRAMBLE).int1(0)
          .toByteArray());
      assertThat(server.read()).isEqualTo(AuthScrambles.nativePassword("pw", SWITCH_SCRAMBLE));
      server.write(OK);
    });
    s.authenticate(s.readHandshake(), "dm", "pw");
    assertThat(s.authPath()).isEqualTo(ProtocolSession.AuthPath.NATIVE);
    awaitServer();
  }

  @Test
  void authenticate_unknownDefaultPlugin_announcesNativePassword() throws Exception {
    ProtocolSession s = connect(server -> {
      sendHandshake(server, "client_ed25519");
      assertThat(readResponse(server, "dm", AuthScrambles.NATIVE)).isEqualTo(AuthScrambles.nativePassword("pw",
          SCRAMBLE));
      server.write(OK);
    });
    s.authenticate(s.readHandshake(), "dm", "pw");
    awaitServer();
  }

  @Test
  void authenticate_switchToAnUnsupportedPlugin_failsNamingIt() throws Exception {
    ProtocolSession s = connect(server -> {
      sendHandshake(server, AuthScrambles.NATIVE);
      readResponse(server, "dm", AuthScrambles.NATIVE);
      server.write(new ByteWriter().int1(0xFE).nulTerminatedString("auth_gssapi_client").int1(0).toByteArray());
    });
    Handshake handshake = s.readHandshake();
    assertThatThrownBy(() -> s.authenticate(handshake, "dm", "pw"))
        .isInstanceOf(BinlogProtocolException.class)
        .hasMessageContaining("'auth_gssapi_client'")
        .hasMessageContaining("scripted server");
  }

  @Test
  void authenticate_accessDenied_keepsTheServersErrorButNotThePassword() throws Exception {
    ProtocolSession s = connect(server -> {
      sendHandshake(server, AuthScrambles.NATIVE);
      readResponse(server, "dm", AuthScrambles.NATIVE);
      server.write(new ByteWriter().int1(0xFF).int2(1045).bytes("#28000".getBytes(StandardCharsets.US_ASCII))
          .bytes("Access denied for user 'dm'@'127.0.0.1' (using password: YES)".getBytes(StandardCharsets.UTF_8))
          .toByteArray());
    });
    Handshake handshake = s.readHandshake();
    Throwable failure = catchThrowable(() -> s.authenticate(handshake, "dm", "Secret-Pw-123"));
    assertThat(failure).isInstanceOfSatisfying(BinlogServerException.class, e -> {
      assertThat(e.errorCode()).isEqualTo(1045);
      assertThat(e.sqlState()).isEqualTo("28000");
      assertThat(e.getMessage()).contains("authenticating as 'dm'").contains("Access denied");
    });
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain("Secret-Pw-123");
  }

  @Test
  void readHandshake_errorInsteadOfAHandshake_isAServerError() throws Exception {
    ProtocolSession s = connect(server -> server.write(new ByteWriter().int1(0xFF).int2(1040)
        .bytes("Too many connections".getBytes(StandardCharsets.UTF_8)).toByteArray()));
    assertThatThrownBy(s::readHandshake).isInstanceOfSatisfying(BinlogServerException.class,
        e -> assertThat(e.errorCode()).isEqualTo(1040));
  }

  @Test
  void query_textResultSet_withNullAndEmptyValues() throws Exception {
    ProtocolSession s = connect(server -> {
      server.resetSequence();
      assertThat(new String(server.read(), StandardCharsets.UTF_8)).isEqualTo("\u0003SELECT a, b");
      server.write(new byte[] {2});
      server.write(new byte[] {3, 'd', 'e', 'f'});
      server.write(new byte[] {3, 'd', 'e', 'f'});
      server.write(new byte[] {(byte) 0xFE, 0, 0, 2, 0});
      server.write(new ByteWriter().int1(1).bytes(new byte[] {'a'}).int1(0xFB).toByteArray());
      server.write(new ByteWriter().int1(0).int1(1).bytes(new byte[] {'x'}).toByteArray());
      server.write(new byte[] {(byte) 0xFE, 0, 0, 2, 0});
    });
    assertThat(s.query("SELECT a, b")).containsExactly(Arrays.asList("a", null), List.of("", "x"));
    awaitServer();
  }

  @Test
  void query_error_isAServerErrorNamingTheStatement() throws Exception {
    ProtocolSession s = connect(server -> {
      server.resetSequence();
      server.read();
      server.write(new ByteWriter().int1(0xFF).int2(1193).bytes("#HY000".getBytes(StandardCharsets.US_ASCII))
          .bytes("Unknown system variable 'server_uuid'".getBytes(StandardCharsets.UTF_8)).toByteArray());
    });
    assertThatThrownBy(() -> s.query("SELECT @@GLOBAL.server_uuid"))
        .isInstanceOfSatisfying(BinlogServerException.class, e -> assertThat(e.errorCode()).isEqualTo(1193))
        .hasMessageContaining("running 'SELECT @@GLOBAL.server_uuid'");
  }

  @Test
  void read_serverClosesTheConnection_isConnectionLost() throws Exception {
    ProtocolSession s = connect(server -> { });
    awaitServer();
    assertThatThrownBy(() -> s.read("waiting")).isInstanceOfSatisfying(BinlogTransportException.class,
        e -> assertThat(e.reason()).isEqualTo(BinlogTransportException.Reason.CONNECTION_LOST));
  }

  @Test
  void close_fromAnotherThread_failsABlockedReadAsClosed() throws Exception {
    CompletableFuture<Void> release = new CompletableFuture<>();
    ProtocolSession s = connect(server -> release.get(10, TimeUnit.SECONDS));
    CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> catchThrowable(() -> s.read("idling")));
    s.close();
    Throwable failure = reader.get(5, TimeUnit.SECONDS);
    release.complete(null);
    assertThat(failure).isInstanceOfSatisfying(BinlogTransportException.class,
        e -> assertThat(e.reason()).isEqualTo(BinlogTransportException.Reason.CLOSED));
  }
}
