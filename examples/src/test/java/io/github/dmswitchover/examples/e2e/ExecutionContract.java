package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both flows end to end in every DM version profile, while the primary keeps committing: the
 * switchover succeeds, DM replicates from the new instance afterwards, the journal tells each step,
 * and running it again does nothing and says so.
 */
abstract class ExecutionContract {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(spec());

  abstract GroupSpec spec();

  /** Relay on for some profiles (always on DM 1.0), off for the others, so that both paths run. */
  static boolean relayFor(DmProfile p) {
    return p == DmProfile.V1_0 || p == DmProfile.V5_4 || p == DmProfile.V8_5;
  }

  @ParameterizedTest
  @EnumSource(DmProfile.class)
  void vipFlow(DmProfile profile, ReplicationGroup group) {
    try (Rig rig = Rig.start(group, profile, relayFor(profile))) {
      rig.startWriting();
      SwitchoverReport r = rig.vipSwitchover().execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.next.host(), rig.next.port()));
      assertReplicatesFromTheNewInstance(rig);
      assertJournalTellsEveryStep(rig, r);
      assertThat(r.toJson()).doesNotContain(Rig.TARGET_PASSWORD);
      SwitchoverReport again = rig.vipSwitchover().execute();
      assertThat(again.outcome()).as(again.toText()).isEqualTo(SwitchoverOutcome.ALREADY_DONE);
      assertThat(again.finalState()).contains(r.plan().switchoverId()).contains("nothing was done now");
    }
  }

  @ParameterizedTest
  @EnumSource(DmProfile.class)
  void addressFlow(DmProfile profile, ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, profile, relayFor(profile))) {
      rig.startWriting();
      Switchover.Address s = rig.addressSwitchover();
      if (profile == DmProfile.V1_0) {
        s.withSourceConfig(rig.sourceConfig(rig.next.host(), rig.next.port()).toYaml())
            .withTaskConfig(Rig.TASK, Rig.task().toYaml())
            .withWorkerReconfigurer((source, yaml, timeout) -> rig.sim.reconfigureWorker(source, SourceConfig.fromYaml(yaml)));
      }
      SwitchoverReport r = s.execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertReplicatesFromTheNewInstance(rig);
      assertJournalTellsEveryStep(rig, r);
      assertThat(r.toJson()).doesNotContain(Rig.TARGET_PASSWORD);
      SwitchoverReport again = rig.addressSwitchover().execute();
      assertThat(again.outcome()).as(again.toText()).isEqualTo(SwitchoverOutcome.ALREADY_DONE);
    }
  }

  static void assertReplicatesFromTheNewInstance(Rig rig) {
    rig.stopWriting();
    rig.old.writeTransactions(3);
    rig.group.awaitReplication(Rig.WAIT);
    Rig.await("DM's checkpoint covers what the new instance executed", () -> rig.dmHasAllOf(rig.next));
    assertThat(rig.sim.subtaskStage(Rig.TASK, Rig.SOURCE)).isEqualTo("Running");
  }

  static void assertJournalTellsEveryStep(Rig rig, SwitchoverReport r) {
    List<JournalEntry> entries = rig.journal.entries(r.plan().switchoverId());
    assertThat(entries.get(0).phase()).isEqualTo(JournalEntry.Phase.PLANNED);
    assertThat(entries.get(entries.size() - 1).phase()).isEqualTo(JournalEntry.Phase.FINISHED);
    assertThat(entries.get(entries.size() - 1).detail()).contains("SUCCEEDED");
    for (var step : r.plan().steps()) {
      assertThat(entries).filteredOn(e -> e.step().equals(step.name())).extracting(JournalEntry::phase)
          .as("journal of " + step.name()).containsExactly(JournalEntry.Phase.STARTED, JournalEntry.Phase.SUCCEEDED);
    }
    assertThat(entries).extracting(JournalEntry::sequence).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, entries.size()).boxed().toList());
    assertThat(entries).allSatisfy(e -> assertThat(e.detail()).doesNotContain(Rig.TARGET_PASSWORD));
  }
}
