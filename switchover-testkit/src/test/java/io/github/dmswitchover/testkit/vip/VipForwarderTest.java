package io.github.dmswitchover.testkit.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VipForwarderTest {
  private NamedEchoServer a;
  private NamedEchoServer b;

  @BeforeEach
  void startServers() throws IOException {
    a = new NamedEchoServer("A");
    b = new NamedEchoServer("B");
  }

  @AfterEach
  void stopServers() throws IOException {
    a.close();
    b.close();
  }

  @Test
  void connect_forwardsBothWays() throws IOException {
    try (VipForwarder vip = VipForwarder.start(a.address()); Client c = new Client(vip)) {
      assertThat(c.greeting()).isEqualTo("A");
      assertThat(c.echo("hello")).isEqualTo("A:hello");
      assertThat(vip.openConnections()).isEqualTo(1);
      assertThat(vip.openConnectionsTo(a.address())).isEqualTo(1);
    }
  }

  @Test
  void moveTo_keepConnections_oldStaysNewGoesToNewTarget() throws IOException {
    try (VipForwarder vip = VipForwarder.start(a.address()); Client old = new Client(vip)) {
      assertThat(old.greeting()).isEqualTo("A");
      vip.moveTo(b.address(), VipForwarder.OnMove.KEEP_CONNECTIONS);
      try (Client fresh = new Client(vip)) {
        assertThat(fresh.greeting()).isEqualTo("B");
        assertThat(old.echo("still")).isEqualTo("A:still");
        assertThat(vip.target()).contains(b.address());
        assertThat(vip.openConnectionsTo(a.address())).isEqualTo(1);
        assertThat(vip.openConnectionsTo(b.address())).isEqualTo(1);
      }
    }
  }

  @Test
  void moveTo_cutConnections_oldConnectionEnds() throws IOException {
    try (VipForwarder vip = VipForwarder.start(a.address()); Client old = new Client(vip)) {
      assertThat(old.greeting()).isEqualTo("A");
      vip.moveTo(b.address(), VipForwarder.OnMove.CUT_CONNECTIONS);
      assertThat(old.echoOrEnd("gone?")).isNull();
      try (Client fresh = new Client(vip)) {
        assertThat(fresh.greeting()).isEqualTo("B");
      }
      assertThat(vip.openConnectionsTo(a.address())).isZero();
    }
  }

  @Test
  void detach_newConnectionsAreClosed() throws IOException {
    try (VipForwarder vip = VipForwarder.start(a.address())) {
      vip.detach(VipForwarder.OnMove.KEEP_CONNECTIONS);
      assertThat(vip.target()).isEmpty();
      try (Client c = new Client(vip)) {
        assertThat(c.greetingOrEnd()).isNull();
      }
    }
  }

  @Test
  void targetDown_clientConnectionIsClosed() throws IOException {
    InetSocketAddress nothing;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      nothing = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }
    try (VipForwarder vip = VipForwarder.start(nothing, Duration.ofSeconds(1)); Client c = new Client(vip)) {
      assertThat(c.greetingOrEnd()).isNull();
    }
  }

  @Test
  void start_badTimeout_isRejected() {
    assertThatThrownBy(() -> VipForwarder.start(a.address(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
  }

  /** A server that greets each client with its name and then echoes lines prefixed with it. */
  private static final class NamedEchoServer implements AutoCloseable {
    private final ServerSocket socket;

    NamedEchoServer(String name) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket s = socket.accept();
            Thread h = new Thread(() -> serve(name, s));
            h.setDaemon(true);
            h.start();
          } catch (IOException e) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    private static void serve(String name, Socket s) {
      try (s;
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
        out.println(name);
        String line;
        while ((line = in.readLine()) != null) {
          out.println(name + ":" + line);
        }
      } catch (IOException e) {
        // The client or the forwarder went away.
      }
    }

    InetSocketAddress address() {
      return new InetSocketAddress(socket.getInetAddress(), socket.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static final class Client implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    Client(VipForwarder vip) throws IOException {
      socket = new Socket(vip.host(), vip.port());
      socket.setSoTimeout(10_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    String greeting() throws IOException {
      return in.readLine();
    }

    String greetingOrEnd() {
      try {
        return in.readLine();
      } catch (IOException e) {
        return null;
      }
    }

    String echo(String line) throws IOException {
      out.println(line);
      return in.readLine();
    }

    String echoOrEnd(String line) {
      try {
        out.println(line);
        return in.readLine();
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
