package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.switchover.Gate;
import io.github.dmswitchover.switchover.GateStatus;
import io.github.dmswitchover.switchover.GateVerdict;
import io.github.dmswitchover.switchover.GtidDelta;
import io.github.dmswitchover.switchover.SwitchoverPlan;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.ShardDdlLock;
import io.github.dmswitchover.testkit.dm.Unit;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every gate against real servers and the simulator (issue: validation): a dry run reads DM and the
 * instances, evaluates all gates and returns the plan; nothing is changed.
 */
abstract class ValidationContract {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(spec());

  abstract GroupSpec spec();

  /** Delays the replica's applier by {@code seconds} (SOURCE_DELAY / MASTER_DELAY). */
  abstract void delayReplication(GroupMember replica, int seconds);

  abstract void stopReplication(GroupMember replica);

  /** The server option that logs replicated changes ({@code log_replica_updates} / {@code log_slave_updates}). */
  abstract String replicaUpdatesOption();

  /**
   * What a replica that does not log what it applies is refused for: G4 always; on MariaDB also G3,
   * since its binary log (gtid_binlog_pos) then lacks every transaction DM replicated.
   */
  abstract Gate[] refusedWithoutReplicaUpdates();

  static GateVerdict gate(SwitchoverPlan plan, Gate g) {
    return plan.gates().stream().filter(v -> v.gate() == g).findFirst().orElseThrow();
  }

  static void onlyFails(SwitchoverPlan plan, Gate... failing) {
    assertThat(plan.gates()).as(plan.toText()).hasSize(10);
    assertThat(plan.refusals()).as(plan.toText()).extracting(GateVerdict::gate).containsExactly(failing);
    assertThat(plan.isRefused()).isTrue();
  }

  @Test
  void healthyReplica_passesEveryGate_andThePlanListsTheSteps(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      assertThat(plan.isRefused()).as(plan.toText()).isFalse();
      assertThat(plan.gates()).hasSize(10);
      assertThat(plan.steps()).extracting(s -> s.name())
          .containsExactly("pause-tasks", "recheck-frozen", "move-vip", "resume-tasks", "verify");
      assertThat(plan.toJson()).contains("\"schema\" : \"dm-switchover-report\"").contains("\"schemaVersion\" : 1")
          .contains("\"kind\" : \"plan\"");
      assertThat(rig.sim.subtaskStage(Rig.TASK, Rig.SOURCE)).isEqualTo("Running");
      assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.old.host(), rig.old.port()));
    }
  }

  @Test
  void laggingReplica_isWaitedFor_thenPasses(ReplicationGroup group) throws Exception {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      delayReplication(rig.next, 3);
      rig.old.writeTransactions(5);
      Rig.await("DM replicated the new transactions", () -> rig.dmHasAllOf(rig.old));
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      assertThat(plan.isRefused()).as(plan.toText()).isFalse();
      GateVerdict g3 = gate(plan, Gate.G3_NOTHING_MISSING);
      assertThat(g3.status()).as(plan.toText()).isEqualTo(GateStatus.PASSED_AFTER_WAIT);
      assertThat(g3.notes()).anyMatch(n -> n.startsWith("waited ") && n.endsWith("(reached)"));
    }
  }

  @Test
  void laggingReplica_thatDoesNotCatchUpInTime_failsG3(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      delayReplication(rig.next, 120);
      rig.old.writeTransactions(4);
      Rig.await("DM replicated the new transactions", () -> rig.dmHasAllOf(rig.old));
      SwitchoverPlan plan = rig.vipSwitchover().withPolicy(Rig.fastPolicy().withCatchUpTimeout(Duration.ofSeconds(2)).build())
          .validate();
      onlyFails(plan, Gate.G3_NOTHING_MISSING);
      GateVerdict g3 = gate(plan, Gate.G3_NOTHING_MISSING);
      assertThat(g3.summary()).startsWith("still missing after the catch-up wait");
      assertThat(g3.differences()).singleElement().satisfies(d -> assertThat(d.transactions()).isEqualTo(4));
    }
  }

  @Test
  void purgedBinlogOnTheNewInstance_failsG2_namingThePurgedTransactions(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      pauseDm(rig);
      rig.old.writeTransactions(6);
      group.awaitReplication(Rig.WAIT);
      rig.next.flushBinaryLogs();
      rig.next.purgeBinaryLogs();
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      onlyFails(plan, Gate.G2_NOTHING_PURGED);
      GtidDelta purged = gate(plan, Gate.G2_NOTHING_PURGED).differences().get(0);
      assertThat(purged.subject()).isEqualTo("subtask " + Rig.TASK);
      assertThat(purged.transactions()).isEqualTo(6);
      assertThat(plan.toText()).contains("purged on the new instance, not yet replicated by DM: 6 transactions");
    }
  }

  @Test
  void missingTransactionsOnAStoppedReplica_failG3_withoutWaiting(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      stopReplication(rig.next);
      rig.old.writeTransactions(3);
      Rig.await("DM replicated the new transactions", () -> rig.dmHasAllOf(rig.old));
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      onlyFails(plan, Gate.G3_NOTHING_MISSING);
      GateVerdict g3 = gate(plan, Gate.G3_NOTHING_MISSING);
      assertThat(g3.summary()).startsWith("missing, and the new instance is not replicating");
      assertThat(g3.differences().get(0).transactions()).isEqualTo(3);
    }
  }

  @Test
  void newReplicaWithoutReplicaUpdatesLogged_failsG4() {
    try (ReplicationGroup group = ReplicationGroup.start(spec().toBuilder().withMembers(2)
            .withMemberOption(1, replicaUpdatesOption(), "OFF").build());
        Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      // Without log_replica_updates MySQL adds what the replica applied to its gtid_purged, so G2
      // holds only because the rig starts from a DM that has replicated all of it.
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      onlyFails(plan, refusedWithoutReplicaUpdates());
      assertThat(gate(plan, Gate.G4_BINLOG_SETTINGS).summary()).contains("log_replica_updates OFF");
    }
  }

  @Test
  void writeMadeOnlyOnTheNewInstance_failsG6_unlessItsSourceIsAllowed(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      rig.next.writeTransactions(2);
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      onlyFails(plan, Gate.G6_ERRANT_TRANSACTIONS);
      GateVerdict g6 = gate(plan, Gate.G6_ERRANT_TRANSACTIONS);
      GtidDelta errant = g6.differences().stream().filter(d -> d.subject().equals("N − O")).findFirst().orElseThrow();
      assertThat(errant.transactions()).isEqualTo(2);
      String source = errant.parts().get(0).source();
      SwitchoverPlan allowed = rig.vipSwitchover().withPolicy(Rig.fastPolicy().withAllowedErrantSources(source).build()).validate();
      assertThat(allowed.isRefused()).as(allowed.toText()).isFalse();
      assertThat(gate(allowed, Gate.G6_ERRANT_TRANSACTIONS).status()).isEqualTo(GateStatus.WARNING);
    }
  }

  @Test
  void subtaskInLoad_andAPendingShardDdlLock_failG7(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      rig.sim.holdSubtaskIn(Rig.TASK, Rig.SOURCE, Unit.LOAD);
      SwitchoverPlan inLoad = rig.vipSwitchover().validate();
      onlyFails(inLoad, Gate.G7_DM_SWITCHABLE);
      assertThat(gate(inLoad, Gate.G7_DM_SWITCHABLE).summary()).contains("is in the Load unit");
    }
  }

  @Test
  void pendingShardDdlLock_failsG7_orIsWaitedForWhenAsked(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      String id = Rig.TASK + "-`shard`.`orders`";
      rig.sim.addShardDdlLock(new ShardDdlLock(id, Rig.TASK, "pessimistic", Rig.SOURCE,
          List.of("ALTER TABLE `shard`.`orders` ADD COLUMN c INT"), List.of(Rig.SOURCE), List.of("mysql-replica-02")));
      SwitchoverPlan locked = rig.vipSwitchover().validate();
      onlyFails(locked, Gate.G7_DM_SWITCHABLE);
      assertThat(gate(locked, Gate.G7_DM_SWITCHABLE).summary()).contains("shard DDL lock");
      CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(() -> rig.sim.resolveShardDdlLock(id));
      SwitchoverPlan waited = rig.vipSwitchover().withPolicy(Rig.fastPolicy().withWaitForDdlLocks(Duration.ofSeconds(30)).build())
          .validate();
      assertThat(waited.isRefused()).as(waited.toText()).isFalse();
      assertThat(waited.notes()).anyMatch(n -> n.contains("shard DDL locks to clear (cleared)"));
    }
  }

  @Test
  void vipLeadingElsewhere_failsG8(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      GroupMember third = group.member(2);
      rig.vip.moveTo(new InetSocketAddress(third.host(), third.port()), io.github.dmswitchover.testkit.vip.VipForwarder.OnMove.KEEP_CONNECTIONS);
      SwitchoverPlan plan = rig.vipSwitchover().validate();
      onlyFails(plan, Gate.G8_EXPECTED_UPSTREAM);
      assertThat(gate(plan, Gate.G8_EXPECTED_UPSTREAM).summary()).contains("someone else moved it");
    }
  }

  @Test
  void dm10_relayNotCaughtUp_failsG7_andUsesTheRelayPosition(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V1_0, true)) {
      rig.sim.holdRelay(Rig.SOURCE);
      rig.old.writeTransactions(3);
      SwitchoverPlan plan = rig.vipSwitchover().withPolicy(Rig.fastPolicy().withCatchUpTimeout(Duration.ofSeconds(1)).build())
          .validate();
      onlyFails(plan, Gate.G7_DM_SWITCHABLE);
      assertThat(gate(plan, Gate.G7_DM_SWITCHABLE).summary()).contains("relay has not caught up");
      assertThat(gate(plan, Gate.G2_NOTHING_PURGED).inputs()).containsKey("W (relay)").doesNotContainKey("S[" + Rig.TASK + "]");
      assertThat(plan.flow()).isEqualTo("dm1.0-vip");
      rig.sim.releaseRelay(Rig.SOURCE);
      SwitchoverPlan caughtUp = rig.vipSwitchover().validate();
      assertThat(caughtUp.isRefused()).as(caughtUp.toText()).isFalse();
      assertThat(caughtUp.steps()).extracting(s -> s.name()).containsExactly("pause-relay", "pause-tasks", "recheck-frozen",
          "move-vip", "switch-relay-master", "resume-relay", "resume-tasks", "verify");
    }
  }

  private static void pauseDm(Rig rig) {
    rig.dm.pauseTask(Rig.TASK, Rig.SOURCE);
    Rig.await("paused", () -> rig.sim.subtaskStage(Rig.TASK, Rig.SOURCE).equals("Paused"));
  }
}
