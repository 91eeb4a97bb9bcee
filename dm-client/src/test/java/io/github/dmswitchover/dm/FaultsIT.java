package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.Fault;
import io.github.dmswitchover.testkit.dm.RecordedExchange;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Injected faults: an answer of the test's choosing, a delay beyond the request timeout, a
 * connection dropped without an answer; which calls the client repeats and what it reports.
 */
class FaultsIT {

  private static DmSimulator started() {
    DmSimulator sim = Sims.start(DmProfile.V8_5);
    sim.addSource(SourceConfig.builder("s1").withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true).build());
    sim.startTask(TaskConfig.builder("t").withTarget("127.0.0.1", 4000, "root", "").withSource("s1", "").build());
    return sim;
  }

  private static List<RecordedExchange> on(DmSimulator sim, String method, String path) {
    return sim.exchanges().stream().filter(e -> e.method().equals(method) && e.path().equals(path)).toList();
  }

  @Test
  void read_answered503_isRetried() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).build();
      client.version();
      sim.inject(Fault.on("GET", "/apis/v1alpha1/status/t").respond(503, "{\"error\":\"busy\"}"));
      assertThat(client.taskStatus("t").subtasks()).hasSize(1);
      assertThat(on(sim, "GET", "/apis/v1alpha1/status/t")).extracting(RecordedExchange::status).containsExactly(503, 200);
    }
  }

  @Test
  void idempotentPause_droppedConnection_isSentAgain() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).build();
      client.version();
      sim.inject(Fault.on("PUT", "/apis/v1alpha1/tasks/t").dropConnection());
      assertThat(client.pauseTask("t").succeeded()).isTrue();
      assertThat(on(sim, "PUT", "/apis/v1alpha1/tasks/t")).extracting(RecordedExchange::status).containsExactly(-1, 200);
    }
  }

  @Test
  void startTask_droppedConnection_isNotSentAgain() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).build();
      client.version();
      sim.inject(Fault.on("POST", "/apis/v1alpha1/tasks").always().dropConnection());
      assertThatThrownBy(() -> client.startTask(Sims.taskYaml("t2", "incremental", "s1"), List.of(), false))
          .isInstanceOfSatisfying(DmTransportException.class, e -> assertThat(e.mayHaveReachedDm()).isTrue());
      assertThat(on(sim, "POST", "/apis/v1alpha1/tasks")).hasSize(1);
    }
  }

  @Test
  void slowerThanTheRequestTimeout_readIsRetried_writeIsNot() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).withRequestTimeout(Duration.ofMillis(400)).build();
      client.version();
      sim.inject(Fault.on("GET", "/apis/v1alpha1/status/t").delay(Duration.ofSeconds(3)));
      assertThat(client.taskStatus("t").subtasks()).hasSize(1);
      sim.inject(Fault.on("PUT", "/apis/v1alpha1/sources").delay(Duration.ofSeconds(3)));
      assertThatThrownBy(() -> client.createSource(Sims.sourceYaml("s2", "pw")))
          .isInstanceOfSatisfying(DmTransportException.class, e -> {
            assertThat(e.mayHaveReachedDm()).isTrue();
            assertThat(e.getMessage()).contains("timed out");
          });
      Sims.await("the delayed create ran", () -> on(sim, "PUT", "/apis/v1alpha1/sources").size() == 1);
      assertThat(on(sim, "PUT", "/apis/v1alpha1/sources")).hasSize(1);
    }
  }

  @Test
  void unexpectedStatus_isAnHttpException_neverAnIoError_withTheBodyMasked() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).build();
      client.version();
      sim.inject(Fault.on("GET", "/apis/v1alpha1/members").respond(404, "404 page not found"));
      assertThatThrownBy(client::listMembers).isInstanceOfSatisfying(DmHttpException.class, e -> {
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.dmCode()).isEmpty();
      });
      sim.inject(Fault.on("PUT", "/apis/v1alpha1/tasks/t").respond(500,
          "{\"error\":\"dial root:hunter2@tcp(10.0.0.9:3306)/\",\"code\":2,\"message\":\"[code=10001:class=database:scope=not-set"
              + ":level=high], Message: database driver error, RawCause: password: hunter2\",\"details\":[]}"));
      assertThatThrownBy(() -> client.pauseTask("t")).isInstanceOfSatisfying(DmHttpException.class, e -> {
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.dmCode()).hasValue(10001);
        assertThat(e.body()).doesNotContain("hunter2").contains("******");
        assertThat(e.getMessage()).doesNotContain("hunter2");
      });
    }
  }

  @Test
  void throwingListener_isIgnored() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).withListener(new DmEventListener() {
        @Override
        public void callStarted(DmCall call) {
          throw new IllegalStateException("a broken listener");
        }

        @Override
        public void attemptSucceeded(DmCall call, String target, int attempt, int status) {
          throw new IllegalStateException("a broken listener");
        }
      }).build();
      assertThat(client.taskStatus("t").subtasks()).hasSize(1);
    }
  }

  @Test
  void interruptedWhileWaitingToRetry_keepsTheInterruptFlag() {
    DmClient client = DmClient.builder().withMasters("127.0.0.1:1").withRetries(3, Duration.ofMillis(10), Duration.ofMillis(10))
        .withSleeper(d -> {
          throw new InterruptedException("test");
        }).build();
    try {
      assertThatThrownBy(client::version).isInstanceOfSatisfying(DmTransportException.class,
          e -> assertThat(e.getMessage()).contains("interrupted"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void noMasterListening_isATransportException_thatReachedNothing() {
    Recording.Sleeper sleeper = new Recording.Sleeper();
    DmClient client = DmClient.builder().withMasters("127.0.0.1:1", "127.0.0.1:2")
        .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(20)).withSleeper(sleeper).build();
    assertThatThrownBy(client::version).isInstanceOfSatisfying(DmTransportException.class, e -> {
      assertThat(e.mayHaveReachedDm()).isFalse();
      assertThat(e.getMessage()).contains("connection failed");
    });
    assertThat(sleeper.slept).containsExactly(Duration.ofMillis(10));
  }

  @Test
  void dmctl_slowerThanItsTimeout_isKilled_andFailsExitCodeAndStderrAreKept() {
    try (DmSimulator sim = started()) {
      DmClient client = Sims.client(sim).withDmctlTimeout(Duration.ofSeconds(3)).withRetries(3, Duration.ZERO, Duration.ZERO)
          .build();
      client.version();
      sim.inject(Fault.on("POST", "/_simulator/dmctl").always().delay(Duration.ofSeconds(20)));
      assertThatThrownBy(() -> client.shardDdlLocks(Optional.empty())).isInstanceOfSatisfying(DmctlException.class, e -> {
        assertThat(e.timedOut()).isTrue();
        assertThat(e.exitCode()).isEmpty();
      });
      sim.clearFaults();
      sim.inject(Fault.on("POST", "/_simulator/dmctl").respond(200,
          "{\"stdout\":\"\",\"stderr\":\"Error: boom, password: hunter2\\n\",\"exitCode\":2}"));
      assertThatThrownBy(() -> client.shardDdlLocks(Optional.empty())).isInstanceOfSatisfying(DmctlException.class, e -> {
        assertThat(e.exitCode()).hasValue(2);
        assertThat(e.stderr()).contains("Error: boom").doesNotContain("hunter2");
      });
    }
  }
}
