package io.github.dmswitchover.switchover;

import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.LockLease;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a switchover: takes the per-source lock, validates, journals the plan, runs each step with
 * its intent journaled before and its outcome after, compensates in reverse order on failure, and
 * resumes an unfinished switchover from its journal and the live state.
 */
final class Executor {
  private Spec spec;
  private final Redactor redactor;
  private final Clock clock;
  private final Listeners listeners;

  Executor(Spec spec) {
    this.spec = spec;
    this.redactor = spec.redactor();
    this.clock = spec.common().clock();
    this.listeners = spec.common().listeners();
  }

  SwitchoverReport execute() {
    Instant started = clock.instant();
    SwitchoverJournal journal;
    try {
      journal = spec.common().journal();
    } catch (RuntimeException e) {
      String why = "the journal could not be opened: " + redactor.describe(e);
      return skeleton(spec.common().switchoverId().orElseGet(() -> Ids.next(clock)), SwitchoverOutcome.REFUSED,
          "nothing was done: " + why, started, List.of(why));
    }
    spec = spec.withJournal(journal);
    String source = spec.sourceId();
    String id;
    try {
      id = pickId();
    } catch (RuntimeException e) {
      String why = "the journal could not be read, so an unfinished switchover of " + source + " cannot be ruled out: "
          + redactor.describe(e);
      return skeleton(spec.common().switchoverId().orElseGet(() -> Ids.next(clock)), SwitchoverOutcome.REFUSED,
          "nothing was done: " + why, started, List.of(why));
    }
    Optional<LockLease> lease;
    try {
      lease = spec.common().lock().tryAcquire(source, id, spec.common().lockWait());
    } catch (RuntimeException e) {
      String why = "the switchover lock of " + source + " could not be taken: " + redactor.describe(e);
      return skeleton(id, SwitchoverOutcome.REFUSED, "nothing was done: " + why, started, List.of(why));
    }
    if (lease.isEmpty()) {
      return skeleton(id, SwitchoverOutcome.LOCKED, "nothing was done: another switchover of source " + source
          + " holds the lock (waited " + spec.common().lockWait() + ")", started, List.of());
    }
    try (LockLease l = lease.get()) {
      List<JournalEntry> prior = spec.common().journal().entries(id);
      if (finished(prior)) {
        return alreadyDone(id, prior, started);
      }
      Run run = new Run(spec, id, l, started);
      return prior.isEmpty() ? run.fresh() : run.resume(prior);
    }
  }

  /** The explicit id, or the unfinished switchover of the source in the journal, or a new id. */
  private String pickId() {
    if (spec.common().switchoverId().isPresent()) {
      return spec.common().switchoverId().get();
    }
    Optional<String> latest = spec.common().journal().latestSwitchover(spec.sourceId());
    if (latest.isPresent()) {
      List<JournalEntry> entries = spec.common().journal().entries(latest.get());
      if (!entries.isEmpty() && !finished(entries)) {
        return latest.get();
      }
      if (finished(entries) && doneTowardsTarget(entries)) {
        return latest.get();
      }
    }
    return Ids.next(clock);
  }

  /** Whether the latest finished switchover already moved DM to this target, and DM still reads it. */
  private boolean doneTowardsTarget(List<JournalEntry> entries) {
    JournalEntry last = entries.get(entries.size() - 1);
    if (!RunState.note(last.detail()).startsWith(SwitchoverOutcome.SUCCEEDED.name())) {
      return false;
    }
    Optional<RunState> st = entries.stream().map(e -> RunState.fromDetail(e.detail())).flatMap(Optional::stream).reduce((a, b) -> b);
    if (st.isEmpty() || !st.get().flow.endsWith(spec.flow() == Gates.Flow.VIP ? "vip" : "address")) {
      return false;
    }
    try {
      String identity = spec.common().target().read().identity();
      if (!identity.equals(st.get().targetIdentity)) {
        return false;
      }
      if (spec.vip().isPresent()) {
        return Validator.readThrough(spec.vip().get().probe(), 1).get(0).equals(identity);
      }
      DmSnapshot dm = spec.dm().status(spec.sourceId(), spec.common().tasks());
      return dm.source().address().map(a -> a.equalsIgnoreCase(st.get().targetAddress))
          .orElseGet(() -> Gates.relayReads(dm).map(identity::equals).orElse(false));
    } catch (RuntimeException e) {
      return false;
    }
  }

  static boolean finished(List<JournalEntry> entries) {
    return entries.stream().anyMatch(e -> e.phase() == JournalEntry.Phase.FINISHED);
  }

  private SwitchoverReport alreadyDone(String id, List<JournalEntry> entries, Instant started) {
    JournalEntry fin = entries.stream().filter(e -> e.phase() == JournalEntry.Phase.FINISHED).reduce((a, b) -> b).orElseThrow();
    String note = RunState.note(fin.detail());
    listeners.emit(l -> l.switchoverStarted(id, spec.sourceId(), false));
    SwitchoverReport r = skeleton(id, SwitchoverOutcome.ALREADY_DONE, "switchover " + id + " already finished at " + fin.at()
        + " (" + note + "); nothing was done now", started, List.of("running a finished switchover again does nothing"));
    return r;
  }

  private SwitchoverReport skeleton(String id, SwitchoverOutcome outcome, String finalState, Instant started, List<String> notes) {
    SwitchoverPlan plan = new SwitchoverPlan(id, spec.sourceId(), spec.flow() == Gates.Flow.VIP ? "vip" : "address", "(not read)",
        spec.dm().describe(), List.of(), Optional.empty(), List.of(), List.of(), List.of(), List.of(),
        outcome == SwitchoverOutcome.REFUSED ? notes : List.of(), List.of(), clock.instant(), redactor);
    SwitchoverReport r = new SwitchoverReport(plan, List.of(), List.of(), List.of(), outcome, redactor.clean(finalState), started,
        Duration.between(started, clock.instant()), outcome == SwitchoverOutcome.REFUSED ? List.of() : notes);
    listeners.emit(l -> l.switchoverFinished(id, outcome, r.took()));
    return r;
  }

  /** Reads an instance, or empty. */
  static Optional<InstanceReading> tryRead(io.github.dmswitchover.switchover.spi.UpstreamProbe probe) {
    try {
      return Optional.of(probe.read());
    } catch (ProbeException e) {
      return Optional.empty();
    }
  }
}
