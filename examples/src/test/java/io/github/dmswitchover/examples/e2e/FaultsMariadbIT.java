package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.examples.vip.ForwarderVipMover;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The compensation and resume paths on MariaDB 10.11 (GTID positions instead of sets). */
class FaultsMariadbIT {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(GroupSpec.mariadb().withMembers(2).build());

  @Test
  void vip_moverFailure_isUndone(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      rig.mover.failNextAfterActing(ForwarderVipMover.Call.MOVE, "keepalived did not answer");
      SwitchoverReport r = rig.vipSwitchover().execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
    }
  }

  @Test
  void vip_purgeOnTheNewInstanceDuringThePause_isRefusedOnTheFrozenPositions(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V5_4, false)) {
      SwitchoverReport r = rig.vipSwitchover().withListener(Faults.atStep("recheck-frozen", () -> {
        rig.old.writeTransactions(3);
        rig.group.awaitReplication(Rig.WAIT);
        rig.next.flushBinaryLogs();
        rig.next.purgeBinaryLogs();
      })).execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
      assertThat(r.recheck()).anySatisfy(g -> assertThat(g.gate().code() + " " + g.status()).isEqualTo("G2 FAILED"));
    }
  }

  @Test
  void address_dmUnavailableAtCreateSource_isUndone(ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V6_0, false)) {
      SwitchoverReport r = rig.addressSwitchover().withListener(Faults.dmDownDuring(rig, "create-source")).execute();
      Faults.assertBackOnTheOldInstanceByAddress(rig, r);
    }
  }

  @Test
  void dm10_crashAfterSwitchRelayMaster_thenTheNextRunCompletesIt(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V1_0, true)) {
      rig.startWriting();
      assertThatThrownBy(() -> rig.vipSwitchover()
          .withJournal(Faults.crashingBefore(rig.journal, "switch-relay-master", JournalEntry.Phase.SUCCEEDED)).execute())
          .isInstanceOf(Faults.SimulatedCrash.class);
      SwitchoverReport r = rig.vipSwitchover().execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      ExecutionContract.assertReplicatesFromTheNewInstance(rig);
    }
  }
}
