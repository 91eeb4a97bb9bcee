package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.RecordedExchange;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Leader changes, dead masters, followers that redirect (307), proxy, or cannot reach the leader (38043). */
class LeaderHandlingIT {

  private static DmSimulator withTask(DmSimulator sim) {
    sim.addSource(SourceConfig.builder("s1").withAddress("127.0.0.1", 1).withFlavor("mysql").withGtid(true).build());
    sim.startTask(TaskConfig.builder("t").withTarget("127.0.0.1", 4000, "root", "").withSource("s1", "").build());
    return sim;
  }

  private static List<RecordedExchange> on(DmSimulator sim, String pathPrefix) {
    return sim.exchanges().stream().filter(e -> e.path().startsWith(pathPrefix)).toList();
  }

  private static String port(DmSimulator sim, String master) {
    return sim.baseUrl(master).substring(sim.baseUrl(master).lastIndexOf(':') + 1);
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V2_0", "V5_4", "V6_0", "V8_5", "NEWEST"})
  void leaderChange_gatewayCallsAreForwarded(DmProfile profile) {
    try (DmSimulator sim = withTask(Sims.start(profile))) {
      DmClient client = Sims.client(sim).build();
      assertThat(client.taskStatus("t").subtasks()).hasSize(1);
      sim.changeLeader("master2");
      assertThat(client.pauseTask("t").succeeded()).isTrue();
      assertThat(client.taskStatus("t").subtask("s1").orElseThrow().stage()).isIn(Stage.PAUSED, Stage.PAUSING);
      assertThat(client.listMembers().leader().map(LeaderInfo::name)).contains("master2");
      assertThat(on(sim, "/apis/v1alpha1/")).allMatch(e -> e.master().equals("master1") && e.status() == 200);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V5_4", "V6_0"})
  void openApiOnAnOldFollower_307IsFollowedWithTheSameMethodAndBody(DmProfile profile) {
    try (DmSimulator sim = withTask(Sims.start(profile))) {
      Recording.Listener events = new Recording.Listener();
      DmClient client = Sims.client(sim).withSurface(Surface.OPENAPI).withListener(events).build();
      assertThat(client.surfaceFor(DmOperation.PAUSE_TASK)).isEqualTo(Surface.OPENAPI); // detects the version, probes the OpenAPI
      sim.changeLeader("master2");
      sim.clearExchanges();
      OperationResult paused = client.pauseTask("t", "s1");
      assertThat(paused.succeeded()).as(paused.toString()).isTrue();
      List<RecordedExchange> posts = on(sim, "/api/v1/tasks/t/");
      assertThat(posts).hasSize(2);
      RecordedExchange redirect = posts.get(0);
      RecordedExchange followed = posts.get(1);
      assertThat(redirect.master()).isEqualTo("master1");
      assertThat(redirect.status()).isEqualTo(307);
      assertThat(redirect.responseHeaders().get("Location")).startsWith("http://127.0.0.1:" + port(sim, "master2") + "/api/v1/");
      assertThat(followed.master()).isEqualTo("master2");
      assertThat(followed.method()).isEqualTo("POST").isEqualTo(redirect.method());
      assertThat(followed.path()).isEqualTo(redirect.path());
      assertThat(followed.requestBody()).isEqualTo(redirect.requestBody()).isNotEmpty();
      assertThat(followed.status()).isEqualTo(200);
      assertThat(events.snapshot()).anyMatch(e -> e.startsWith("redirected " + sim.baseUrl("master1")));
      // The client now starts at the leader: no second redirect.
      sim.clearExchanges();
      assertThat(client.sourceStatus("s1").worker()).isPresent();
      assertThat(sim.exchanges()).allMatch(e -> e.master().equals("master2") && e.status() == 200);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V8_5", "NEWEST"})
  void openApiOnANewFollower_isProxiedWithoutRedirect(DmProfile profile) {
    try (DmSimulator sim = withTask(Sims.start(profile))) {
      DmClient client = Sims.client(sim).withSurface(Surface.OPENAPI).build();
      sim.changeLeader("master3");
      assertThat(client.pauseTask("t").succeeded()).isTrue();
      assertThat(sim.exchanges()).noneMatch(e -> e.status() == 307);
      assertThat(client.listMembers().masters()).hasSize(3);
    }
  }

  @ParameterizedTest
  @EnumSource(value = DmProfile.class, names = {"V2_0", "V8_5"})
  void deadLeader_clientMovesToTheNextMaster(DmProfile profile) {
    try (DmSimulator sim = withTask(Sims.start(profile))) {
      Recording.Listener events = new Recording.Listener();
      DmClient client = Sims.client(sim).withListener(events).build();
      assertThat(client.taskStatus("t").subtasks()).hasSize(1);
      sim.killMaster("master1");
      Sims.await("a new leader", () -> sim.leader().isPresent());
      events.clear();
      TaskStatus st = client.taskStatus("t");
      assertThat(st.subtasks()).hasSize(1);
      List<String> e = events.snapshot();
      assertThat(e.get(1)).isEqualTo("attemptStarted 1 " + sim.baseUrl("master1"));
      assertThat(e.get(2)).isEqualTo("attemptFailed 1 " + sim.baseUrl("master1") + " DmTransportException");
      assertThat(e.get(3)).isEqualTo("attemptStarted 2 " + sim.baseUrl("master2"));
      assertThat(e.get(4)).startsWith("attemptSucceeded 2 " + sim.baseUrl("master2") + " 200");
      // A write that never reached the dead master goes to the next one too.
      assertThat(client.startTask(Sims.taskYaml("t2", "incremental", "s1"), List.of(), false).succeeded()).isTrue();
      assertThat(sim.subtaskStage("t2", "s1")).isEqualTo("Running");
    }
  }

  @Test
  void noLeader_everyMasterAnswers38043_clientBacksOffWithTheInjectedSleeper_untilOneLeads() {
    try (DmSimulator sim = withTask(Sims.builder(DmProfile.V8_5).withElectionDelay(Duration.ofHours(1)).start())) {
      sim.killMaster("master1");
      // The "time passing" on the second wait is master1 coming back, which makes it the leader again.
      Recording.Sleeper sleeper = new Recording.Sleeper(2, () -> sim.restartMaster("master1"));
      DmClient client = Sims.client(sim).withRetries(9, Duration.ofMillis(100), Duration.ofMillis(150)).withSleeper(sleeper)
          .build();
      assertThat(client.pauseTask("t").succeeded()).isTrue();
      assertThat(sleeper.slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
      List<RecordedExchange> puts = on(sim, "/apis/v1alpha1/tasks/t");
      assertThat(puts).extracting(RecordedExchange::status).containsExactly(500, 500, 500, 500, 200);
      assertThat(puts.get(0).responseBody()).contains("code=38043");
    }
  }

  @Test
  void noLeader_retriesExhausted_is38043AsAnHttpError_notAnIoError() {
    try (DmSimulator sim = withTask(Sims.builder(DmProfile.V8_5).withElectionDelay(Duration.ofHours(1)).start())) {
      sim.killMaster("master1");
      Recording.Sleeper sleeper = new Recording.Sleeper();
      DmClient client = DmClient.builder().withMasters(sim.masterAddresses().subList(1, 3))
          .withRetries(4, Duration.ofMillis(10), Duration.ofMillis(10)).withSleeper(sleeper).build();
      assertThatThrownBy(() -> client.taskStatus("t")).isInstanceOfSatisfying(DmHttpException.class, e -> {
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.dmCode()).hasValue(38043);
        assertThat(e.error().orElseThrow().message()).isEqualTo("master is not leader, and can't forward request to leader");
      });
      assertThat(sleeper.slept).containsExactly(Duration.ofMillis(10));
    }
  }

  @Test
  void followersCutOffFromTheLeader_38043_writeMovesOnToTheLeader() {
    try (DmSimulator sim = withTask(Sims.start(DmProfile.V8_5))) {
      List<String> masters = sim.masterAddresses();
      Recording.Listener events = new Recording.Listener();
      DmClient client = DmClient.builder().withMasters(masters.get(1), masters.get(2), masters.get(0)).withListener(events)
          .build();
      client.version();
      sim.setFollowersReachLeader(false);
      sim.clearExchanges();
      assertThat(client.startTask(Sims.taskYaml("t2", "incremental", "s1"), List.of(), false).succeeded()).isTrue();
      List<RecordedExchange> posts = on(sim, "/apis/v1alpha1/tasks");
      assertThat(posts).extracting(RecordedExchange::master).containsExactly("master2", "master3", "master1");
      assertThat(posts).extracting(RecordedExchange::status).containsExactly(500, 500, 200);
      assertThat(events.snapshot()).filteredOn(e -> e.startsWith("attemptFailed")).hasSize(2)
          .allMatch(e -> e.endsWith("DmHttpException"));
    }
  }

  @Test
  void newFollowerCutOff_proxy502_readMovesOn_writeIsNotRepeated() {
    try (DmSimulator sim = withTask(Sims.start(DmProfile.V8_5))) {
      List<String> masters = sim.masterAddresses();
      DmClient client = DmClient.builder().withMasters(masters.get(1), masters.get(2), masters.get(0))
          .withSurface(Surface.OPENAPI).build();
      client.version();
      client.sourceStatus("s1");
      sim.setFollowersReachLeader(false);
      sim.clearExchanges();
      assertThat(client.sourceStatus("s1").source()).isEqualTo("s1");
      assertThat(sim.exchanges()).extracting(RecordedExchange::status).containsExactly(502, 502, 200);
      sim.setFollowersReachLeader(true);
      DmClient writer = DmClient.builder().withMasters(masters.get(1), masters.get(2), masters.get(0))
          .withSurface(Surface.OPENAPI).build();
      assertThat(writer.surfaceFor(DmOperation.TRANSFER_SOURCE)).isEqualTo(Surface.OPENAPI); // answered by master2, via the proxy
      sim.setFollowersReachLeader(false);
      sim.clearExchanges();
      assertThatThrownBy(() -> writer.transferSource("s1", "worker2")).isInstanceOfSatisfying(DmHttpException.class,
          e -> assertThat(e.status()).isEqualTo(502));
      assertThat(sim.exchanges()).filteredOn(e -> e.method().equals("POST")).hasSize(1);
    }
  }
}
