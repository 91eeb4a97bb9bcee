package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.dm.SourceInfo;
import io.github.dmswitchover.switchover.PlannedStep;
import io.github.dmswitchover.switchover.SwitchoverListener;
import io.github.dmswitchover.switchover.SwitchoverOutcome;
import io.github.dmswitchover.switchover.SwitchoverReport;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import io.github.dmswitchover.testkit.dm.Fault;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Fault injection for the end-to-end tests: at a named step, as DM or the instances see it. */
final class Faults {
  private Faults() {}

  /** Runs {@code action} once, when {@code step} starts (after its intent is journaled, before it acts). */
  static SwitchoverListener atStep(String step, Runnable action) {
    return new SwitchoverListener() {
      private boolean done;

      @Override
      public void stepStarted(String switchoverId, PlannedStep s) {
        if (!done && s.name().equals(step)) {
          done = true;
          action.run();
        }
      }
    };
  }

  /**
   * Makes every DM master answer 503 from the moment {@code step} starts until the first
   * compensation starts or the switchover ends (so retries within the step fail too).
   */
  static SwitchoverListener dmDownDuring(Rig rig, String step) {
    return new SwitchoverListener() {
      private boolean armed = true;

      @Override
      public void stepStarted(String switchoverId, PlannedStep s) {
        if (armed && s.name().equals(step)) {
          armed = false;
          rig.sim.inject(Fault.on("*", ".*").always().respond(503, "{\"error\":\"injected: DM unavailable\",\"code\":14}"));
        }
      }

      @Override
      public void compensationStarted(String switchoverId, String compensation) {
        rig.sim.clearFaults();
      }

      @Override
      public void switchoverFinished(String switchoverId, SwitchoverOutcome outcome, Duration took) {
        rig.sim.clearFaults();
      }
    };
  }

  /** A process crash, thrown from inside the library; never caught by it. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message);
    }
  }

  /**
   * A journal that "crashes the process" when asked to record {@code phase} of {@code step}: the
   * record is not written, as if the process died just before writing it (the step has acted when
   * the phase is SUCCEEDED or COMPENSATED).
   */
  static SwitchoverJournal crashingBefore(SwitchoverJournal journal, String step, JournalEntry.Phase phase) {
    return new SwitchoverJournal() {
      private boolean crashed;

      @Override
      public void append(JournalEntry entry) {
        if (!crashed && entry.step().equals(step) && entry.phase() == phase) {
          crashed = true;
          throw new SimulatedCrash("crash before journaling " + phase + " of " + step);
        }
        journal.append(entry);
      }

      @Override
      public List<JournalEntry> entries(String switchoverId) {
        return journal.entries(switchoverId);
      }

      @Override
      public Optional<String> latestSwitchover(String sourceId) {
        return journal.latestSwitchover(sourceId);
      }
    };
  }

  /** Records the listener events in order, as {@code kind name}. */
  static final class Events implements SwitchoverListener {
    final List<String> seen = new ArrayList<>();

    @Override
    public synchronized void stepStarted(String id, PlannedStep step) {
      seen.add("start " + step.name());
    }

    @Override
    public synchronized void stepSucceeded(String id, PlannedStep step, Duration took) {
      seen.add("ok " + step.name());
    }

    @Override
    public synchronized void stepFailed(String id, PlannedStep step, Duration took, Throwable error) {
      seen.add("fail " + step.name());
    }

    @Override
    public synchronized void compensationStarted(String id, String c) {
      seen.add("start " + c);
    }

    @Override
    public synchronized void compensationSucceeded(String id, String c, Duration took) {
      seen.add("ok " + c);
    }

    @Override
    public synchronized void compensationFailed(String id, String c, Duration took, Throwable error) {
      seen.add("fail " + c);
    }
  }

  // ---- what the compensation table says the state must be ----

  /** DM reads the old instance as before: the VIP leads there, the task (and relay) run. */
  static void assertBackOnTheOldInstanceViaVip(Rig rig, SwitchoverReport r) {
    assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.COMPENSATED);
    assertThat(rig.vip.target()).contains(new InetSocketAddress(rig.old.host(), rig.old.port()));
    assertRunningAgain(rig);
    assertJournalTellsTheTruth(rig, r);
  }

  /** DM reads the old instance as before: the source has the old address, the task (and relay) run. */
  static void assertBackOnTheOldInstanceByAddress(Rig rig, SwitchoverReport r) {
    assertThat(r.outcome()).as(r.toText()).isEqualTo(SwitchoverOutcome.COMPENSATED);
    SourceInfo s = rig.dm.getSource(Rig.SOURCE);
    assertThat(s.host().orElse("") + ":" + s.port().orElse(0)).isEqualTo(rig.old.host() + ":" + rig.old.port());
    assertRunningAgain(rig);
    assertJournalTellsTheTruth(rig, r);
  }

  static void assertRunningAgain(Rig rig) {
    Rig.await("the task runs again", () -> rig.sim.subtaskStage(Rig.TASK, Rig.SOURCE).equals("Running"));
    if (rig.relay) {
      Rig.await("the relay runs again", () -> rig.dm.sourceStatus(Rig.SOURCE).relay()
          .map(x -> x.stage().dmName().equals("Running")).orElse(false));
    }
    rig.old.writeTransactions(2);
    Rig.await("DM replicates from the old instance", () -> rig.dmHasAllOf(rig.old));
  }

  /** Every step and compensation started is journaled with its outcome, and the end says how it ended. */
  static void assertJournalTellsTheTruth(Rig rig, SwitchoverReport r) {
    List<JournalEntry> entries = rig.journal.entries(r.plan().switchoverId());
    assertThat(entries.get(entries.size() - 1).phase()).isEqualTo(JournalEntry.Phase.FINISHED);
    assertThat(entries.get(entries.size() - 1).detail()).contains(r.outcome().name());
    for (int i = 0; i < entries.size(); i++) {
      JournalEntry e = entries.get(i);
      if (e.phase() == JournalEntry.Phase.STARTED) {
        assertThat(entries.subList(i + 1, entries.size())).as("outcome of " + e.step())
            .anyMatch(x -> x.step().equals(e.step()) && (x.phase() == JournalEntry.Phase.SUCCEEDED || x.phase() == JournalEntry.Phase.FAILED));
      }
      if (e.phase() == JournalEntry.Phase.COMPENSATION_STARTED) {
        assertThat(entries.subList(i + 1, entries.size())).as("outcome of " + e.step())
            .anyMatch(x -> x.step().equals(e.step()) && (x.phase() == JournalEntry.Phase.COMPENSATED
                || x.phase() == JournalEntry.Phase.COMPENSATION_FAILED));
      }
    }
    List<String> journaledCompensations = entries.stream().filter(e -> e.phase() == JournalEntry.Phase.COMPENSATED)
        .map(JournalEntry::step).toList();
    assertThat(journaledCompensations).containsExactlyElementsOf(r.compensations().stream().filter(c -> c.succeeded())
        .map(c -> c.name()).toList());
  }

  static Consumer<Rig> nothing() {
    return rig -> { };
  }
}
