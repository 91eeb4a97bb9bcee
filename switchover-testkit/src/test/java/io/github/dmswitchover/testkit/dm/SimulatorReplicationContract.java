package io.github.dmswitchover.testkit.dm;

import static io.github.dmswitchover.testkit.dm.SimulatorSurfaceTest.call;
import static io.github.dmswitchover.testkit.dm.SimulatorSurfaceTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The simulated syncer and relay against real servers: positions follow commits, freeze on pause,
 * continue on the new server after a VIP move, and the server's own 1236 becomes DM's error.
 */
abstract class SimulatorReplicationContract {
  static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(spec());

  abstract GroupSpec spec();

  /** The GTID set DM would print for a member's executed GTIDs. */
  abstract String dmGtids(GroupMember m);

  /** Whether {@code dm} (as DM prints it) holds everything {@code m} executed. */
  abstract boolean covers(String dm, GroupMember m);

  abstract String binlogDumpCommand();

  static DmSimulator simulator(DmProfile profile) {
    return DmSimulator.builder().withProfile(profile).withCheckpointFlushInterval(Duration.ofMillis(200))
        .withAutoResume(Duration.ofMillis(500)).withHeartbeat(Duration.ofMillis(500)).start();
  }

  static SourceConfig sourceVia(VipForwarder vip, boolean relay) {
    return SourceConfig.builder("mysql-replica-01").withAddress(vip.host(), vip.port()).withUser("root", "")
        .withGtid(true).withRelay(relay).withServerId(DM_SERVER_ID).build();
  }

  static TaskConfig task() {
    return TaskConfig.builder("test").withTarget("127.0.0.1", 4000, "root", "").withSource("mysql-replica-01", "").build();
  }

  static InetSocketAddress address(GroupMember m) {
    return new InetSocketAddress(m.host(), m.port());
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  /** Checks that a value does not change for a while (a negative check needs a window). */
  static <T> void staysFor(Duration window, Supplier<T> value) {
    T first = value.get();
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      assertThat(value.get()).isEqualTo(first);
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  static JsonNode subtask(DmSimulator dm) throws Exception {
    return json(call(dm, dm.leader().orElseThrow(), "GET", "/apis/v1alpha1/status/test", null))
        .path("sources").get(0).path("subTaskStatus").get(0);
  }

  static final long DM_SERVER_ID = 4_294_001L;

  /** DM's binlog readers registered on a member (its replicas register too, with their own ids). */
  long dumpsOn(GroupMember m, String command) {
    String sql = spec().flavor() == io.github.dmswitchover.testkit.db.Flavor.MYSQL ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS";
    long registered = m.query(sql).stream()
        .filter(r -> String.valueOf(DM_SERVER_ID).equals(r.getOrDefault("Server_Id", r.get("Server_id")))).count();
    long dumps = m.query("SHOW PROCESSLIST").stream().filter(r -> command.equals(r.get("Command"))).count();
    return Math.min(registered, dumps);
  }

  @Test
  void syncer_followsCommits_freezesOnPause_resumesFromCheckpoint(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    m1.writeTransactions(5);
    try (VipForwarder vip = VipForwarder.start(address(m1)); DmSimulator dm = simulator(DmProfile.V8_5)) {
      dm.addSource(sourceVia(vip, false));
      dm.startTask(task());
      await("the checkpoint reaches the upstream's executed set", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      JsonNode sync = subtask(dm).path("sync");
      assertThat(sync.path("syncerBinlogGtid").asText()).isEqualTo(dmGtids(m1));
      assertThat(sync.path("masterBinlogGtid").asText()).isEqualTo(dmGtids(m1));
      assertThat(sync.path("synced").asBoolean()).isTrue();
      assertThat(sync.path("binlogType").asText()).isEqualTo("remote");
      assertThat(dumpsOn(m1, binlogDumpCommand())).isEqualTo(1);

      call(dm, "master1", "PUT", "/apis/v1alpha1/tasks/test", "{\"op\":\"Pause\"}");
      await("paused", () -> dm.subtaskStage("test", "mysql-replica-01").equals("Paused"));
      String frozen = dm.checkpoint("test", "mysql-replica-01").orElseThrow();
      m1.writeTransactions(3);
      staysFor(Duration.ofMillis(800), () -> dm.checkpoint("test", "mysql-replica-01").orElseThrow());
      assertThat(subtask(dm).path("sync").path("synced").asBoolean()).isFalse();
      assertThat(dumpsOn(m1, binlogDumpCommand())).isZero();

      call(dm, "master1", "PUT", "/apis/v1alpha1/tasks/test", "{\"op\":\"Resume\"}");
      await("the resumed syncer catches up", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      assertThat(dm.checkpoint("test", "mysql-replica-01").orElseThrow()).isNotEqualTo(frozen);
    }
  }

  @Test
  void vipMove_cuttingConnections_syncerContinuesOnTheNewServer(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    m1.writeTransactions(3);
    group.awaitReplication(WAIT);
    try (VipForwarder vip = VipForwarder.start(address(m1)); DmSimulator dm = simulator(DmProfile.V8_5)) {
      dm.addSource(sourceVia(vip, false));
      dm.startTask(task());
      await("caught up on m1", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));

      group.promote(m2, WAIT);
      vip.moveTo(address(m2), VipForwarder.OnMove.CUT_CONNECTIONS);
      m2.writeTransactions(4);
      await("caught up on m2", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m2));
      await("the dump connection moved", () -> dumpsOn(m2, binlogDumpCommand()) >= 1 && dumpsOn(m1, binlogDumpCommand()) == 0);
      assertThat(dm.subtaskStage("test", "mysql-replica-01")).isEqualTo("Running");
    }
  }

  @Test
  void vipMove_keepingConnections_syncerStillReadsTheOldServer(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    m1.writeTransactions(2);
    try (VipForwarder vip = VipForwarder.start(address(m1)); DmSimulator dm = simulator(DmProfile.V8_5)) {
      dm.addSource(sourceVia(vip, false));
      dm.startTask(task());
      await("caught up on m1", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      vip.moveTo(address(m2), VipForwarder.OnMove.KEEP_CONNECTIONS);
      // The hazard the DM docs warn about: the open binlog connection still reads m1.
      m1.writeTransactions(2);
      await("still reading m1", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      assertThat(dumpsOn(m1, binlogDumpCommand())).isEqualTo(1);
      assertThat(dumpsOn(m2, binlogDumpCommand())).isZero();
    }
  }

  @Test
  void newServerMissingPurgedGtids_subtaskPausesWith36069And1236(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    m1.writeTransactions(2);
    try (VipForwarder vip = VipForwarder.start(address(m1));
        DmSimulator dm = DmSimulator.builder().withProfile(DmProfile.V8_5).withCheckpointFlushInterval(Duration.ofMillis(200))
            .withoutAutoResume().start()) {
      dm.addSource(sourceVia(vip, false));
      dm.startTask(task());
      await("caught up", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      call(dm, "master1", "PUT", "/apis/v1alpha1/tasks/test", "{\"op\":\"Pause\"}");
      await("paused", () -> dm.subtaskStage("test", "mysql-replica-01").equals("Paused"));

      m1.writeTransactions(3);
      group.awaitReplication(WAIT);
      m2.purgeBinaryLogs();
      vip.moveTo(address(m2), VipForwarder.OnMove.CUT_CONNECTIONS);
      call(dm, "master1", "PUT", "/apis/v1alpha1/tasks/test", "{\"op\":\"Resume\"}");
      await("the subtask pauses with an error", () -> {
        try {
          return subtask(dm).path("result").path("errors").size() > 0;
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      JsonNode st = subtask(dm);
      assertThat(st.path("stage").asText()).isEqualTo("Paused");
      JsonNode error = st.path("result").path("errors").get(0);
      assertThat(error.path("ErrCode").asInt()).isEqualTo(36069);
      assertThat(error.path("ErrScope").asText()).isEqualTo("upstream");
      assertThat(error.path("RawCause").asText()).startsWith("ERROR 1236 (HY000): ");
      JsonNode openApi = json(call(dm, "master1", "GET", "/api/v1/tasks/test/status", null)).path("data").get(0);
      assertThat(openApi.path("error_msg").asText()).startsWith("[code=36069:class=sync-unit:scope=upstream:level=high]")
          .contains("RawCause: ERROR 1236 (HY000)");
    }
  }

  @Test
  void relay_newServerAfterCut_raises30044ThenAutoResumesIntoANewSubDirectory(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    m1.writeTransactions(2);
    group.awaitReplication(WAIT);
    try (VipForwarder vip = VipForwarder.start(address(m1)); DmSimulator dm = simulator(DmProfile.V8_5)) {
      dm.addSource(sourceVia(vip, true));
      dm.startTask(task());
      await("relay and syncer caught up", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      String first = dm.relaySubDirectory("mysql-replica-01");
      assertThat(first).endsWith(".000001");
      assertThat(subtask(dm).path("sync").path("binlogType").asText()).isEqualTo("local");

      group.promote(m2, WAIT);
      vip.moveTo(address(m2), VipForwarder.OnMove.CUT_CONNECTIONS);
      m2.writeTransactions(2);
      await("a new relay sub-directory", () -> dm.relaySubDirectory("mysql-replica-01").endsWith(".000002"));
      assertThat(dm.relaySubDirectory("mysql-replica-01")).isNotEqualTo(first);
      await("caught up on m2 through the relay", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m2));
    }
  }

  @Test
  void dm10_relaySwitchedWithDmctl_intoANewSubDirectory(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    m1.writeTransactions(2);
    group.awaitReplication(WAIT);
    try (VipForwarder vip = VipForwarder.start(address(m1)); DmSimulator dm = simulator(DmProfile.V1_0)) {
      dm.addSource(sourceVia(vip, true));
      dm.startTask(task());
      String worker = "127.0.0.1:8262";
      await("relay caught up", () -> {
        try {
          JsonNode w = JsonText.MAPPER.readTree(SimulatorSurfaceTest.dmctl(dm, "query-status", "test").stdout()).path("workers").get(0);
          return w.path("relayStatus").path("relayCatchUpMaster").asBoolean();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      for (List<String> cmd : List.of(List.of("pause-relay", "-w", worker), List.of("pause-task", "test"))) {
        assertThat(JsonText.MAPPER.readTree(SimulatorSurfaceTest.dmctl(dm, cmd.toArray(String[]::new)).stdout()).path("result").asBoolean()).isTrue();
      }
      group.promote(m2, WAIT);
      vip.moveTo(address(m2), VipForwarder.OnMove.CUT_CONNECTIONS);
      for (List<String> cmd : List.of(List.of("switch-relay-master", "-w", worker), List.of("resume-relay", "-w", worker),
          List.of("resume-task", "test"))) {
        JsonNode r = JsonText.MAPPER.readTree(SimulatorSurfaceTest.dmctl(dm, cmd.toArray(String[]::new)).stdout());
        assertThat(r.path("result").asBoolean()).as(cmd + " " + r).isTrue();
      }
      m2.writeTransactions(2);
      await("relay in a new sub-directory", () -> dm.relaySubDirectory("mysql-replica-01").endsWith(".000002"));
      // relayCatchUpMaster is DM's text comparison, which a MariaDB (domain, server) set never meets after a
      // switch; the relay's own GTID set is compared instead.
      await("relay caught up with m2", () -> {
        try {
          JsonNode w = JsonText.MAPPER.readTree(SimulatorSurfaceTest.dmctl(dm, "query-status", "test").stdout()).path("workers").get(0);
          return covers(w.path("relayStatus").path("relayBinlogGtid").asText(), m2)
              && w.path("subTaskStatus").get(0).path("sync").path("syncerBinlogGtid").asText().isEmpty();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  @Test
  void relay_newServerMissingPurgedGtids_relayPausesWith30015And1236(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    m1.writeTransactions(2);
    group.awaitReplication(WAIT);
    try (VipForwarder vip = VipForwarder.start(address(m1));
        DmSimulator dm = DmSimulator.builder().withProfile(DmProfile.V8_5).withCheckpointFlushInterval(Duration.ofMillis(200))
            .withoutAutoResume().start()) {
      dm.addSource(sourceVia(vip, true));
      dm.startTask(task());
      await("caught up", () -> covers(dm.checkpoint("test", "mysql-replica-01").orElse(""), m1));
      dm.service().operateWorkerRelay("PauseRelay", List.of("mysql-replica-01"));
      m1.writeTransactions(3);
      group.awaitReplication(WAIT);
      m2.purgeBinaryLogs();
      vip.moveTo(address(m2), VipForwarder.OnMove.CUT_CONNECTIONS);
      dm.service().operateWorkerRelay("ResumeRelay", List.of("mysql-replica-01"));
      await("the relay pauses with an error", () -> {
        try {
          return !json(call(dm, "master1", "GET", "/apis/v1alpha1/status/test", null)).path("sources").get(0)
              .path("sourceStatus").path("relayStatus").path("result").isNull();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      JsonNode relay = json(call(dm, "master1", "GET", "/apis/v1alpha1/status/test", null)).path("sources").get(0)
          .path("sourceStatus").path("relayStatus");
      assertThat(relay.path("stage").asText()).isEqualTo("Paused");
      JsonNode error = relay.path("result").path("errors").get(0);
      assertThat(error.path("ErrCode").asInt()).isEqualTo(30015);
      assertThat(error.path("RawCause").asText()).startsWith("ERROR 1236 (HY000): ");
    }
  }

  @Test
  void relay_startingAfterTheCheckpoint_subtaskPausesWith11121(ReplicationGroup group) throws Exception {
    GroupMember m1 = group.primary();
    m1.writeTransactions(3);
    String executed = m1.gtidState().executed();
    try (VipForwarder vip = VipForwarder.start(address(m1));
        DmSimulator dm = DmSimulator.builder().withProfile(DmProfile.V8_5).withoutAutoResume().start()) {
      dm.addSource(sourceVia(vip, false).toBuilder().withRelay(true).withRelayBinlogGtid(executed).build());
      dm.startTask(task());
      await("the subtask pauses", () -> dm.subtaskStage("test", "mysql-replica-01").equals("Paused"));
      JsonNode error = subtask(dm).path("result").path("errors").get(0);
      assertThat(error.path("ErrCode").asInt()).isEqualTo(11121);
      assertThat(error.path("Message").asText()).startsWith("no relay pos match gtid");
    }
  }
}
