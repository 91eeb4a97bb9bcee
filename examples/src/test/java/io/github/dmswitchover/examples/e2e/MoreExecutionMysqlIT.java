package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.switchover.PlannedStep;
import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverBatch;
import io.github.dmswitchover.switchover.SwitchoverListener;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.switchover.mysql.DatabaseEndpoint;
import io.github.dmswitchover.switchover.mysql.JdbcSwitchoverJournal;
import io.github.dmswitchover.switchover.mysql.JdbcSwitchoverLock;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listener pairing, the VIP hazard of connections that survive a move, the JDBC journal and lock, and batches. */
class MoreExecutionMysqlIT {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(2).build());

  @Test
  void everyStepStartedIsPaired_withItsSuccess_inOrder(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      Faults.Events events = new Faults.Events();
      SwitchoverReport r = rig.vipSwitchover().withListener(events).execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      List<String> expected = new java.util.ArrayList<>();
      r.plan().steps().forEach(s -> {
        expected.add("start " + s.name());
        expected.add("ok " + s.name());
      });
      assertThat(events.seen).containsExactlyElementsOf(expected);
      assertThat(r.steps()).allSatisfy(s -> assertThat(s.took()).isPositive());
    }
  }

  @Test
  void dm10AddressFlow_relayBehindOnTheFrozenPositions_isWaitedFor_notRefused(ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V1_0, true)) {
      AtomicBoolean waitedForRelay = new AtomicBoolean();
      // After the pause the old master commits while the relay is held: the re-check finds the
      // relay behind, which a running relay is for a moment at every commit when writes go on.
      SwitchoverListener relayFallsBehind = new SwitchoverListener() {
        @Override
        public void stepSucceeded(String id, PlannedStep step, Duration took) {
          if (step.name().equals("pause-tasks")) {
            rig.sim.holdRelay(Rig.SOURCE);
            rig.old.writeTransactions(3);
          }
        }

        @Override
        public void waitProgress(String id, String what, Duration elapsed, String remaining) {
          if (what.startsWith("relay catching up")) {
            waitedForRelay.set(true);
            rig.sim.releaseRelay(Rig.SOURCE);
          }
        }
      };
      SwitchoverReport r = rig.addressSwitchover()
          .withSourceConfig(rig.sourceConfig(rig.next.host(), rig.next.port()).toYaml())
          .withTaskConfig(Rig.TASK, Rig.task().toYaml())
          .withWorkerReconfigurer((source, yaml, timeout) -> rig.sim.reconfigureWorker(source, SourceConfig.fromYaml(yaml)))
          .withListener(relayFallsBehind)
          .execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(waitedForRelay).as("the re-check waited for the relay").isTrue();
    }
  }

  @Test
  void vipThatKeepsOldConnections_isStillSafe_becauseTheRelayIsPausedBeforeTheMove(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true, VipForwarder.OnMove.KEEP_CONNECTIONS)) {
      SwitchoverReport r = rig.vipSwitchover().execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(r.steps()).extracting(s -> s.name()).startsWith("pause-relay");
      assertThat(rig.vip.openConnectionsTo(new InetSocketAddress(rig.old.host(), rig.old.port()))).isZero();
      assertThat(r.steps()).filteredOn(s -> s.name().equals("verify")).singleElement()
          .satisfies(s -> assertThat(s.detail()).contains("the old instance no longer serves DM")
              .contains("the relay moved from"));
    }
  }

  @Test
  void vipThatKeepsOldConnections_withoutAWayToPauseTheRelay_isCaughtByVerification(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true, VipForwarder.OnMove.KEEP_CONNECTIONS)) {
      DmClient gatewayOnly = DmClient.builder().withMasters(rig.sim.masterAddresses()).build();
      SwitchoverReport r = Switchover.viaVirtualIp(gatewayOnly, Rig.SOURCE).to(rig.newProbe).from(rig.oldProbe)
          .throughVip(rig.vip.host() + ":" + rig.vip.port(), rig.vipProbe, rig.mover).withJournal(rig.journal)
          .withLock(rig.locks, Duration.ZERO)
          .withPolicy(Rig.fastPolicy().withVerifyTimeout(Duration.ofSeconds(4)).build()).execute();
      assertThat(r.plan().steps()).extracting(s -> s.name()).doesNotContain("pause-relay");
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.NEEDS_ATTENTION);
      assertThat(r.finalState()).contains("the old instance still serves DM's binlog connection");
    }
  }

  @Test
  void theJdbcJournalAndLock_inADatabase_carryASwitchover(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      rig.old.execute("CREATE DATABASE IF NOT EXISTS dm_meta");
      DatabaseEndpoint meta = DatabaseEndpoint.builder().withHost(rig.old.host()).withPort(rig.old.port())
          .withUser(rig.old.user()).withPassword(rig.old.password()).withAllowPublicKeyRetrieval(true).build();
      JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder().withEndpoint(meta).withDatabase("dm_meta").build();
      JdbcSwitchoverLock lock = JdbcSwitchoverLock.builder().withEndpoint(meta).withDatabase("dm_meta").build();
      SwitchoverReport r = rig.vipSwitchover().withJournal(journal).withLock(lock, Duration.ofSeconds(5)).execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      List<JournalEntry> entries = journal.entries(r.plan().switchoverId());
      assertThat(entries.get(entries.size() - 1).phase()).isEqualTo(JournalEntry.Phase.FINISHED);
      assertThat(journal.latestSwitchover(Rig.SOURCE)).contains(r.plan().switchoverId());
      assertThat(lock.tryAcquire(Rig.SOURCE, "after", Duration.ZERO)).isPresent().get()
          .satisfies(l -> l.close());
    }
  }

  @Test
  void aBatch_switchesTwoSources_andOneRefusalLeavesTheOtherWhole(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      // a second source reads the old instance directly; its switchover changes its address
      rig.sim.addSource(SourceConfig.builder("mysql-replica-02").withAddress(rig.old.host(), rig.old.port())
          .withUser(rig.old.user(), rig.old.password()).withGtid(true).withServerId(4_294_002L).build());
      rig.sim.startTask(TaskConfig.builder("audit").withTarget("127.0.0.1", 4000, "root", Rig.TARGET_PASSWORD)
          .withSource("mysql-replica-02", "").build());
      Rig.await("the second task replicates", () -> rig.sim.subtaskStage("audit", "mysql-replica-02").equals("Running")
          && rig.sim.checkpoint("audit", "mysql-replica-02").isPresent());
      // a third switchover is refused: its source does not exist
      SwitchoverBatch.BatchReport batch = SwitchoverBatch.of(List.of(
              rig.vipSwitchover(),
              Switchover.byAddressChange(rig.dm, "mysql-replica-02").to(rig.newProbe).from(rig.oldProbe)
                  .withSourcePassword(rig.old.password()).withTargetPassword(Rig.TARGET_PASSWORD).withJournal(rig.journal)
                  .withLock(rig.locks, Duration.ZERO).withPolicy(Rig.fastPolicy().build()),
              Switchover.byAddressChange(rig.dm, "no-such-source").to(rig.newProbe).withJournal(rig.journal)
                  .withLock(rig.locks, Duration.ZERO).withPolicy(Rig.fastPolicy().build())))
          .withParallelism(2).execute();
      assertThat(batch.reports().get(Rig.SOURCE).outcome()).as(batch.summary()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(batch.reports().get("mysql-replica-02").outcome()).as(batch.summary()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(batch.reports().get("no-such-source").outcome()).as(batch.summary()).isEqualTo(SwitchoverOutcome.REFUSED);
      assertThat(batch.allSucceeded()).isFalse();
      assertThat(rig.dm.getSource("mysql-replica-02").port().orElse(0)).isEqualTo(rig.next.port());
      assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.next.host(), rig.next.port()));
    }
  }
}
