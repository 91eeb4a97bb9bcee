package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dmswitchover.dm.Sleeper;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.JournalException;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Passwords never reach addresses, {@code toString}, exception messages or the log (this module logs
 * at DEBUG in tests, into the file named by {@code org.slf4j.simpleLogger.logFile}).
 */
class CredentialMaskingTest {
  static final String PASSWORD = "pw-Zebra-42!unit";

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static DatabaseEndpoint endpoint(int port) {
    return DatabaseEndpoint.builder().withHost("127.0.0.1").withPort(port).withUser("probe").withPassword(PASSWORD)
        .withConnectTimeout(Duration.ofSeconds(2)).withSocketTimeout(Duration.ofSeconds(2)).build();
  }

  @Test
  void probe_unreachable_failsWithTheAddressOnly() throws IOException {
    int port = closedPort();
    JdbcUpstreamProbe probe = JdbcUpstreamProbe.builder().withEndpoint(endpoint(port)).build();

    ProbeException e = catchThrowableOfType(ProbeException.class, probe::read);

    assertThat(e.kind()).isEqualTo(ProbeException.Kind.UNREACHABLE);
    assertThat(e.address()).isEqualTo("127.0.0.1:" + port);
    assertThat(e.getMessage()).startsWith("127.0.0.1:" + port + ": connecting failed").doesNotContain(PASSWORD);
    assertThat(probe.address()).isEqualTo("127.0.0.1:" + port);
    assertThat(probe.toString()).isEqualTo("JdbcUpstreamProbe[127.0.0.1:" + port + "]").doesNotContain(PASSWORD);
    assertThat(endpoint(port).toString()).doesNotContain(PASSWORD);

    ProbeException w = catchThrowableOfType(ProbeException.class, () -> probe.waitForExecuted(
        new GtidTarget.Mysql(GtidSet.empty()), Duration.ofSeconds(1), WaitProgress.NONE, Cancellation.NEVER));
    assertThat(w.kind()).isEqualTo(ProbeException.Kind.UNREACHABLE);
    assertThat(w.getMessage()).doesNotContain(PASSWORD);
  }

  @Test
  void journalAndLock_unreachable_failWithoutThePassword() throws IOException {
    int port = closedPort();
    JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder().withEndpoint(endpoint(port)).withDatabase("dm_meta")
        .build();
    JournalException je = catchThrowableOfType(JournalException.class, () -> journal.append(
        new JournalEntry("sw-1", "s", 1, "plan", JournalEntry.Phase.PLANNED, Instant.EPOCH, "{}")));
    assertThat(je.getMessage()).startsWith("127.0.0.1:" + port + ": appending to `dm_meta`.`dm_switchover_journal` failed")
        .doesNotContain(PASSWORD);

    JdbcSwitchoverLock lock = JdbcSwitchoverLock.builder().withEndpoint(endpoint(port)).withDatabase("dm_meta").build();
    IllegalStateException le = catchThrowableOfType(IllegalStateException.class,
        () -> lock.tryAcquire("s", "sw-1", Duration.ZERO));
    assertThat(le.getMessage()).doesNotContain(PASSWORD);
    assertThat(journal.toString() + lock).doesNotContain(PASSWORD);
  }

  @Test
  void driverMessageQuotingAPassword_isMaskedInTheExceptionAndTheLog() throws IOException {
    // No driver here prints passwords; this proves the masking would catch one that did.
    StubSource source = new StubSource("db5:3306", PASSWORD);
    SQLException quoting = new SQLNonTransientConnectionException("link to probe:" + PASSWORD + "@db5 failed", "08S01");
    CatchUpWait.Session failing = new CatchUpWait.Session() {
      @Override
      public CatchUpWait.Remaining remaining() throws SQLException {
        throw quoting;
      }

      @Override
      public boolean serverWait(CatchUpWait.Remaining remaining, Duration slice) {
        return false;
      }

      @Override
      public void close() {}
    };
    CatchUpWait wait = new CatchUpWait(() -> failing, source, java.time.Clock.systemUTC(), Sleeper.system());

    ProbeException e = catchThrowableOfType(ProbeException.class,
        () -> wait.run(Duration.ofSeconds(5), WaitProgress.NONE, Cancellation.NEVER));

    assertThat(e.getMessage()).contains("link to probe:****@db5 failed").doesNotContain(PASSWORD);
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    assertThat(trace.toString()).as("the cause is a masked copy").contains("link to probe:****@db5")
        .doesNotContain(PASSWORD);
    String log = testLog();
    assertThat(log).as("the reconnect warning was logged").contains("link to probe:****@db5 failed");
    assertThat(log).doesNotContain(PASSWORD);
  }

  static String testLog() throws IOException {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    assertThat(file).as("the build sets org.slf4j.simpleLogger.logFile for the tests").isNotBlank();
    return Files.readString(Path.of(file), StandardCharsets.UTF_8);
  }
}
