package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the probe fails without a server: a silent one, a closed probe, bad arguments. */
class ProbeFailuresTest {

  @Test
  void read_serverAcceptsButNeverAnswers_failsWithTimeout() throws IOException {
    // The kernel completes the TCP handshake for the backlog; nothing ever sends the server greeting.
    try (ServerSocket silent = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      DatabaseEndpoint e = DatabaseEndpoint.builder().withHost("127.0.0.1").withPort(silent.getLocalPort())
          .withUser("probe").withConnectTimeout(Duration.ofMillis(400)).withSocketTimeout(Duration.ofMillis(400)).build();
      long started = System.nanoTime();
      ProbeException pe = catchThrowableOfType(ProbeException.class,
          () -> JdbcUpstreamProbe.builder().withEndpoint(e).build().read());
      assertThat(pe.kind()).isEqualTo(ProbeException.Kind.TIMEOUT);
      assertThat(pe.address()).isEqualTo("127.0.0.1:" + silent.getLocalPort());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void closedProbe_refusesToRead() {
    JdbcUpstreamProbe probe = JdbcUpstreamProbe.builder()
        .withEndpoint(DatabaseEndpoint.builder().withHost("db1").withUser("u").build()).build();
    probe.close();
    assertThatThrownBy(probe::read).isInstanceOf(IllegalStateException.class).hasMessage("the probe of db1:3306 is closed");
    assertThatThrownBy(() -> probe.waitForExecuted(new GtidTarget.Mysql(GtidSet.empty()), Duration.ofSeconds(1),
        WaitProgress.NONE, Cancellation.NEVER)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void waitForExecuted_negativeTimeout_isRefusedBeforeConnecting() {
    JdbcUpstreamProbe probe = JdbcUpstreamProbe.builder()
        .withEndpoint(DatabaseEndpoint.builder().withHost("db1").withUser("u").build()).build();
    assertThatThrownBy(() -> probe.waitForExecuted(new GtidTarget.Mysql(GtidSet.empty()), Duration.ofSeconds(-1),
        WaitProgress.NONE, Cancellation.NEVER)).hasMessage("timeout must not be negative, got PT-1S");
  }
}
