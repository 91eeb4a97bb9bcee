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
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash after every step (the step acted; its outcome was never journaled), then a new run of
 * the same switchover: it reads the journal and the live state and completes. Also: a crash while
 * compensating, and two switchovers of one source at the same time.
 */
class CrashResumeMysqlIT {
  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(2).build());

  @ParameterizedTest
  @ValueSource(strings = {"pause-relay", "pause-tasks", "recheck-frozen", "move-vip", "resume-relay", "resume-tasks", "verify"})
  void vip_crashAfterAStepActed_thenTheNextRunCompletesIt(String step, ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      rig.startWriting();
      assertThatThrownBy(() -> rig.vipSwitchover()
          .withJournal(Faults.crashingBefore(rig.journal, step, JournalEntry.Phase.SUCCEEDED)).execute())
          .isInstanceOf(Faults.SimulatedCrash.class);
      String crashed = rig.journal.latestSwitchover(Rig.SOURCE).orElseThrow();
      SwitchoverReport r = rig.vipSwitchover().execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(r.plan().switchoverId()).isEqualTo(crashed);
      assertThat(r.notes()).anyMatch(n -> n.startsWith("resumed switchover " + crashed));
      assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.next.host(), rig.next.port()));
      ExecutionContract.assertReplicatesFromTheNewInstance(rig);
      List<JournalEntry> entries = rig.journal.entries(crashed);
      assertThat(entries).filteredOn(e -> e.phase() == JournalEntry.Phase.PLANNED).hasSize(1);
      assertThat(entries).filteredOn(e -> e.phase() == JournalEntry.Phase.FINISHED).singleElement()
          .satisfies(e -> assertThat(e.detail()).contains("SUCCEEDED"));
      assertThat(entries).extracting(JournalEntry::sequence).doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"pause-tasks", "recheck-frozen", "stop-tasks", "stop-relay", "remove-source", "create-source",
      "start-relay", "start-tasks", "verify"})
  void address_crashAfterAStepActed_thenTheNextRunCompletesIt(String step, ReplicationGroup group) {
    try (Rig rig = Rig.startDirect(group, DmProfile.V8_5, true)) {
      rig.startWriting();
      assertThatThrownBy(() -> rig.addressSwitchover()
          .withJournal(Faults.crashingBefore(rig.journal, step, JournalEntry.Phase.SUCCEEDED)).execute())
          .isInstanceOf(Faults.SimulatedCrash.class);
      SwitchoverReport r = rig.addressSwitchover().execute();
      assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
      assertThat(rig.dm.getSource(Rig.SOURCE).port().orElse(0)).isEqualTo(rig.next.port());
      ExecutionContract.assertReplicatesFromTheNewInstance(rig);
    }
  }

  @Test
  void crashWhileCompensating_theNextRunFinishesTheCompensation(ReplicationGroup group) {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, true)) {
      rig.mover.failNextAfterActing(ForwarderVipMover.Call.MOVE, "verify timed out");
      assertThatThrownBy(() -> rig.vipSwitchover()
          .withJournal(Faults.crashingBefore(rig.journal, "move-vip-back", JournalEntry.Phase.COMPENSATED)).execute())
          .isInstanceOf(Faults.SimulatedCrash.class);
      SwitchoverReport r = rig.vipSwitchover().execute();
      Faults.assertBackOnTheOldInstanceViaVip(rig, r);
      assertThat(r.notes()).anyMatch(n -> n.contains("was compensating when it stopped"));
      assertThat(r.compensations()).extracting(c -> c.name())
          .containsExactly("move-vip-back", "resume-paused-tasks", "resume-relay-again");
    }
  }

  @Test
  void twoSwitchoversOfOneSource_oneRuns_theOtherIsLockedOut_orWaitsAndFindsItDone(ReplicationGroup group) throws Exception {
    try (Rig rig = Rig.start(group, DmProfile.V8_5, false)) {
      CountDownLatch moving = new CountDownLatch(1);
      CountDownLatch checked = new CountDownLatch(1);
      rig.mover.beforeEachCall(call -> {
        if (call == ForwarderVipMover.Call.MOVE) {
          moving.countDown();
          await(checked);
        }
      });
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<SwitchoverReport> first = pool.submit(() -> rig.vipSwitchover().execute());
        await(moving);
        SwitchoverReport second = rig.vipSwitchover().execute();
        assertThat(second.outcome()).as(second.toText()).isEqualTo(SwitchoverOutcome.LOCKED);
        assertThat(second.finalState()).contains("another switchover of source " + Rig.SOURCE + " holds the lock");
        Future<SwitchoverReport> waiting = Executors.newSingleThreadExecutor()
            .submit(() -> rig.vipSwitchover().withLock(rig.locks, Duration.ofSeconds(60)).execute());
        checked.countDown();
        assertThat(first.get().outcome()).as(first.get().toText()).isEqualTo(SwitchoverOutcome.SUCCEEDED);
        SwitchoverReport third = waiting.get();
        assertThat(third.outcome()).as(third.toText()).isEqualTo(SwitchoverOutcome.ALREADY_DONE);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("timed out waiting for the other switchover");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
