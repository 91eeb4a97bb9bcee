package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.examples.vip.ForwarderVipMover;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A fault at every step leaves the system as PROCEDURES.md's compensation table says, with a
 * journal that tells the truth (DM 8.5 profile, relay on, MySQL 9.7).
 */
class FaultsMysqlIT {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(2).build());

  // ---- VIP flow: pause-relay, pause-tasks, recheck-frozen, move-vip, resume-relay, resume-tasks, verify ----

  @ParameterizedTest
  @ValueSource(strings = {"pause-relay", "pause-tasks", "resume-relay"})
  void vip_dmUnavailableBeforeTheTasksRunOnTheNewInstance_isUndone(String step, ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      Faults.Events events = new Faults.Events();
      SwitchoverReport r = rig.vipSwitchover().withListener(Faults.dmDownDuring(rig, step)).withListener(events).execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
      assertThat(events.seen).contains("fail " + step);
      assertThat(r.steps()).filteredOn(s -> s.name().equals(step)).singleElement().satisfies(s -> {
        assertThat(s.succeeded()).isFalse();
        assertThat(s.error().orElseThrow()).contains("503");
      });
    }
  }

  @Test
  void vip_aGateThatFailsOnTheFrozenPositions_resumesThePausedTasks(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      SwitchoverReport r = rig.vipSwitchover().withListener(Faults.atStep("recheck-frozen", () -> {
        rig.old.writeTransactions(3);
        rig.group.awaitReplication(Rig.WAIT);
        rig.next.flushBinaryLogs();
        rig.next.purgeBinaryLogs();
      })).execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
      assertThat(r.recheck()).anySatisfy(g -> assertThat(g.gate().code() + " " + g.status()).isEqualTo("G2 FAILED"));
      assertThat(r.compensations()).extracting(c -> c.name()).containsExactly("resume-paused-tasks", "resume-relay-again");
    }
  }

  @Test
  void vip_moverFailsBeforeMoving_theVipIsMovedBack_andTheTasksResumed(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      rig.mover.failNext(ForwarderVipMover.Call.MOVE, "keepalived did not answer");
      SwitchoverReport r = rig.vipSwitchover().execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
      assertThat(r.compensations()).extracting(c -> c.name())
          .containsExactly("move-vip-back", "resume-paused-tasks", "resume-relay-again");
    }
  }

  @Test
  void vip_moverMovesButReportsFailure_theVipIsMovedBack(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      rig.mover.failNextAfterActing(ForwarderVipMover.Call.MOVE, "timed out waiting for the ARP reply");
      SwitchoverReport r = rig.vipSwitchover().execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
      assertThat(rig.mover.calls()).anyMatch(c -> c.startsWith("move-back "));
    }
  }

  @Test
  void vip_moveBackFailingToo_needsAttention_andSaysWhereTheVipIs(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      rig.mover.failNextAfterActing(ForwarderVipMover.Call.MOVE, "verify timed out");
      rig.mover.failNext(ForwarderVipMover.Call.MOVE_BACK, "the old host does not answer");
      SwitchoverReport r = rig.vipSwitchover().execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.NEEDS_ATTENTION);
      assertThat(r.finalState()).contains("compensation move-vip-back failed").contains("Live state")
          .contains("leads to " + rig.next.serverUuid().orElseThrow());
      assertThat(rig.sim.subtaskStage(Rig.TASK, Rig.SOURCE)).isEqualTo("Paused");
      Faults.assertJournalTellsTheTruth(rig, r);
    }
  }

  @Test
  void vip_resumeFailingAfterTheMove_needsAttention_withoutMovingBack(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      SwitchoverReport r = rig.vipSwitchover().withListener(Faults.dmDownDuring(rig, "resume-tasks")).execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.NEEDS_ATTENTION);
      assertThat(r.steps()).filteredOn(s -> s.name().equals("resume-tasks")).hasSize(3);
      assertThat(r.compensations()).isEmpty();
      assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.next.host(), rig.next.port()));
      assertThat(r.finalState()).contains("nothing is moved back");
      Faults.assertJournalTellsTheTruth(rig, r);
    }
  }

  @Test
  void vip_resumeFailing_withMoveBackPolicy_isUndone(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      SwitchoverReport r = rig.vipSwitchover().withPolicy(Rig.fastPolicy().withMoveBackAfterResumeFailure(true).build())
          .withListener(Faults.dmDownDuring(rig, "resume-tasks")).execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
    }
  }

  @Test
  void vip_verificationThatCannotProve_needsAttention(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      SwitchoverReport r = rig.vipSwitchover().withPolicy(Rig.fastPolicy().withVerifyTimeout(Duration.ofSeconds(3)).build())
          .withListener(Faults.atStep("verify", () -> rig.dm.pauseTask(Rig.TASK, Rig.SOURCE))).execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.NEEDS_ATTENTION);
      assertThat(r.finalState()).contains("verification failed").contains("task orders is Paused");
      Faults.assertJournalTellsTheTruth(rig, r);
    }
  }

  // ---- address flow: pause-tasks, recheck-frozen, stop-tasks, stop-relay, remove-source, create-source, start-relay,
  //      start-tasks, verify ----

  @ParameterizedTest
  @ValueSource(strings = {"pause-tasks", "stop-tasks", "stop-relay", "remove-source", "create-source", "start-relay"})
  void address_dmUnavailableBeforeTheTasksStartOnTheNewInstance_isUndone(String step, ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V8_5, true)) {
      SwitchoverReport r = rig.addressSwitchover().withListener(Faults.dmDownDuring(rig, step)).execute();
      Faults.assertBackOnTheOldInstanceByAddress(rig, r);
    }
  }

  @Test
  void address_startFailingOnTheNewSource_needsAttention(ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V8_5, true)) {
      SwitchoverReport r = rig.addressSwitchover().withListener(Faults.dmDownDuring(rig, "start-tasks")).execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.NEEDS_ATTENTION);
      assertThat(r.finalState()).contains("start-tasks failed 3 times after the switch");
      Faults.assertJournalTellsTheTruth(rig, r);
    }
  }
}
