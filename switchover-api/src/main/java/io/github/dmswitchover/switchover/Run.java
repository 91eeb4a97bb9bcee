package io.github.dmswitchover.switchover;

import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.JournalEntry.Phase;
import io.github.dmswitchover.switchover.spi.LockLease;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.VipMove;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One execution (or resumption) of a switchover: the steps of the plan, each journaled before and
 * after, and the compensations of PROCEDURES.md when one fails. Every step and compensation reads
 * the live state first and only does what is still missing, so repeating one after a crash is safe.
 */
final class Run {
  private static final int ATTEMPTS = 3;

  private final Spec spec;
  private final String id;
  private final LockLease lease;
  private final Instant startedAt;
  private final Clock clock;
  private final Redactor redactor;
  private final Listeners listeners;
  private final DmPort dm;
  private final String source;

  private RunState st = new RunState();
  private JournalWriter journal;
  private SwitchoverPlan plan;
  private Optional<Validator.Configs> configs = Optional.empty();
  private final List<GateVerdict> recheck = new ArrayList<>();
  private final List<StepRecord> steps = new ArrayList<>();
  private final List<StepRecord> compensations = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Run(Spec spec, String id, LockLease lease, Instant startedAt) {
    this.spec = spec;
    this.id = id;
    this.lease = lease;
    this.startedAt = startedAt;
    this.clock = spec.common().clock();
    this.redactor = spec.redactor();
    this.listeners = spec.common().listeners();
    this.dm = spec.dm();
    this.source = spec.sourceId();
  }

  // ---- entry points ----

  SwitchoverReport fresh() {
    listeners.emit(l -> l.switchoverStarted(id, source, false));
    Validator.Validation v = new Validator(spec).validate(id, Validator.Mode.PLAN, true);
    plan = v.plan();
    journal = new JournalWriter(spec.common().journal(), id, source, clock, redactor, 1);
    if (plan.isRefused()) {
      journal.tryAppend("plan", Phase.PLANNED, st.detail("refused"));
      String why = String.join("; ", refusalLines());
      return finish(SwitchoverOutcome.REFUSED, "nothing was done: " + why);
    }
    DmSnapshot snap = v.dm().orElseThrow();
    InstanceReading n = v.target().orElseThrow();
    configs = v.configs();
    st.flow = plan.flow();
    st.dmVersion = snap.version().raw();
    plan.steps().forEach(s -> st.steps.add(s.name()));
    st.planned.addAll(plan.steps());
    st.targetIdentity = n.identity();
    st.targetAddress = spec.address().flatMap(Spec.AddressParts::host).map(h -> h + ":" + spec.address().get().port())
        .orElse(n.address());
    st.oldIdentity = v.old().map(InstanceReading::identity).orElse(spec.flow() == Gates.Flow.VIP
        ? spec.common().expectedUpstream().orElse("") : "");
    st.oldAddress = spec.flow() == Gates.Flow.VIP ? spec.common().old().map(p -> p.address()).orElse("")
        : new Validator(spec).currentAddress(snap).orElse("");
    st.vip = spec.vip().map(Spec.VipParts::vip).orElse("");
    st.relaySubDir = snap.relay().map(DmSnapshot.RelayInfo::subDir).orElse("");
    st.allTasks.addAll(Flows.all(snap));
    st.toPause.addAll(Flows.running(snap));
    st.fencingToken = lease.fencingToken();
    configs.ifPresent(c -> {
      c.tasks().forEach((t, y) -> st.maskedTaskConfigs.put(t, DmConfigs.masked(y, "task " + t)));
      st.maskedNewSource = DmConfigs.masked(c.newSource(), "the new source configuration");
      c.oldSource().ifPresent(o -> st.maskedOldSource = DmConfigs.masked(o, "the old source configuration"));
    });
    try {
      journal.append("plan", Phase.PLANNED, st.detail("planned " + plan.flow() + " switchover of " + source + " to "
          + st.targetIdentity + " at " + st.targetAddress));
    } catch (RuntimeException e) {
      notes.add("the plan could not be journaled: " + redactor.describe(e));
      return finish(SwitchoverOutcome.REFUSED, "nothing was done: the journal could not be written, and no step acts "
          + "without its intent journaled first");
    }
    return forward(0);
  }

  SwitchoverReport resume(List<JournalEntry> entries) {
    listeners.emit(l -> l.switchoverStarted(id, source, false));
    st = entries.stream().map(e -> RunState.fromDetail(e.detail())).flatMap(Optional::stream).reduce((a, b) -> b)
        .orElseGet(RunState::new);
    long next = entries.stream().mapToLong(JournalEntry::sequence).max().orElse(0) + 1;
    journal = new JournalWriter(spec.common().journal(), id, source, clock, redactor, next);
    Validator.Validation v = new Validator(spec).validate(id, Validator.Mode.RESUME, false);
    plan = withSteps(v.plan(), st.planned);
    notes.add("resumed switchover " + id + " from its journal (" + entries.size() + " records) and the live state");
    if (st.steps.isEmpty()) {
      return finish(SwitchoverOutcome.REFUSED, "nothing was done: the journal of " + id + " has no plan (it was refused)");
    }
    Optional<String> mismatch = mismatch(v);
    if (mismatch.isPresent()) {
      return finish(SwitchoverOutcome.NEEDS_ATTENTION, "switchover " + id + " of " + source + " is unfinished and "
          + mismatch.get() + "; resume it with the same target, or settle it by hand");
    }
    configs = resumedConfigs();
    // where did it stop?
    boolean compensating = entries.stream().anyMatch(e -> e.phase() == Phase.COMPENSATION_STARTED
        || e.phase() == Phase.COMPENSATED || e.phase() == Phase.COMPENSATION_FAILED);
    JournalEntry last = entries.get(entries.size() - 1);
    if (!compensating && last.phase() == Phase.FAILED && !pointOfNoReturn(last.step())) {
      compensating = true;
    }
    int failedAt = lastStarted(entries);
    if (compensating) {
      Set<String> done = new HashSet<>();
      entries.stream().filter(e -> e.phase() == Phase.COMPENSATED).forEach(e -> done.add(e.step()));
      notes.add("the run was compensating when it stopped; the remaining compensations run now");
      return compensate(failedAt, done, st.steps.get(Math.max(0, failedAt)), "resumed after a crash");
    }
    int from = 0;
    while (from < st.steps.size() && succeeded(entries, st.steps.get(from))) {
      from++;
    }
    if (from < st.steps.size()) {
      notes.add("continuing at step " + st.steps.get(from) + (hasStarted(entries, st.steps.get(from))
          ? " (it had started; it reads the live state and does only what is missing)" : ""));
    }
    return forward(from);
  }

  private Optional<String> mismatch(Validator.Validation v) {
    String flow = Flows.flowName(spec.flow(), v.dm().orElse(null) == null ? fakeV2() : v.dm().get());
    if (!st.flow.isEmpty() && !st.flow.equals(flow)) {
      return Optional.of("was a " + st.flow + " switchover, not " + flow);
    }
    if (v.target().isPresent() && !st.targetIdentity.isEmpty() && !v.target().get().identity().equals(st.targetIdentity)) {
      return Optional.of("was towards " + st.targetIdentity + ", not " + v.target().get().identity());
    }
    return Optional.empty();
  }

  private static DmSnapshot fakeV2() {
    return new DmSnapshot(new DmSnapshot.Version("v2.0.0", 2, 0, 0, ""), new DmSnapshot.SourceInfo("", Optional.empty(),
        java.util.OptionalInt.empty(), Optional.empty(), true, false, Optional.empty(), false, java.util.OptionalLong.empty(),
        Optional.empty()), List.of(), Optional.empty(), new DmSnapshot.ClusterInfo(Optional.empty(), 0, 0), List.of(), Instant.EPOCH,
        List.of());
  }

  private static boolean succeeded(List<JournalEntry> entries, String step) {
    return entries.stream().anyMatch(e -> e.step().equals(step) && e.phase() == Phase.SUCCEEDED);
  }

  private static boolean hasStarted(List<JournalEntry> entries, String step) {
    return entries.stream().anyMatch(e -> e.step().equals(step) && e.phase() == Phase.STARTED);
  }

  private int lastStarted(List<JournalEntry> entries) {
    int idx = -1;
    for (JournalEntry e : entries) {
      if (e.phase() == Phase.STARTED) {
        idx = Math.max(idx, st.steps.indexOf(e.step()));
      }
    }
    return idx;
  }

  private static SwitchoverPlan withSteps(SwitchoverPlan p, List<PlannedStep> planned) {
    return new SwitchoverPlan(p.switchoverId(), p.sourceId(), p.flow(), p.dmVersion(), p.dmSurface(), p.subtasks(), p.relay(),
        p.instances(), p.vipIdentities(), p.gates(), planned.isEmpty() ? p.steps() : planned, p.blockers(), p.notes(), p.createdAt(),
        p.redactor());
  }

  /** The configurations the journal kept masked, with the caller's passwords put back. */
  private Optional<Validator.Configs> resumedConfigs() {
    if (spec.address().isEmpty() || st.maskedNewSource.isEmpty()) {
      return Optional.empty();
    }
    Spec.AddressParts a = spec.address().get();
    String newSource = a.sourceConfig().orElseGet(() -> a.sourcePassword()
        .map(p -> DmConfigs.withPassword(st.maskedNewSource, p, "the journaled source configuration")).orElse(st.maskedNewSource));
    Optional<String> oldSource = st.maskedOldSource.isEmpty() ? Optional.empty()
        : Optional.of(a.sourcePassword().map(p -> DmConfigs.withPassword(st.maskedOldSource, p, "the journaled source configuration"))
            .orElse(st.maskedOldSource));
    java.util.LinkedHashMap<String, String> tasks = new java.util.LinkedHashMap<>();
    st.maskedTaskConfigs.forEach((t, y) -> tasks.put(t, Optional.ofNullable(a.taskConfigs().get(t))
        .orElseGet(() -> a.targetPassword().map(p -> DmConfigs.withPassword(y, p, "the journaled task " + t)).orElse(y))));
    return Optional.of(new Validator.Configs(newSource, oldSource, tasks));
  }

  // ---- forward ----

  private SwitchoverReport forward(int from) {
    for (int i = from; i < st.steps.size(); i++) {
      String step = st.steps.get(i);
      if (!lease.isValid()) {
        notes.add("the lock of source " + source + " was lost before step " + step + " (fencing token " + st.fencingToken + ")");
        return finish(SwitchoverOutcome.NEEDS_ATTENTION, "stopped before " + step + ": the switchover lock was lost, so another "
            + "run may act on " + source + "; nothing was compensated. " + liveState());
      }
      boolean pnr = pointOfNoReturn(step);
      int attempts = pnr && !step.equals(Flows.VERIFY) ? ATTEMPTS : 1;
      Optional<RuntimeException> failure = Optional.empty();
      for (int attempt = 1; attempt <= attempts; attempt++) {
        failure = runStep(i, step, attempt);
        if (failure.isEmpty()) {
          break;
        }
        if (attempt < attempts) {
          pause(Duration.ofSeconds(1L << (attempt - 1)));
        }
      }
      if (failure.isPresent()) {
        String why = redactor.describe(failure.get());
        if (step.equals(Flows.VERIFY)) {
          return finish(SwitchoverOutcome.NEEDS_ATTENTION, "the switch was made but verification failed: " + why + ". " + liveState());
        }
        if (pnr && !(step.equals(Flows.RESUME_TASKS) && spec.policy().moveBackAfterResumeFailure())) {
          return finish(SwitchoverOutcome.NEEDS_ATTENTION, step + " failed " + attempts + " times after the switch (DM may "
              + "already have read the new instance, so nothing is moved back): " + why + ". " + liveState());
        }
        return compensate(i, Set.of(), step, why);
      }
    }
    return finish(SwitchoverOutcome.SUCCEEDED, "DM reads the new instance " + st.targetIdentity + " (" + st.targetAddress + ")"
        + (st.vip.isEmpty() ? "" : " through the VIP " + st.vip) + "; tasks " + st.allTasks + " on source " + source
        + (st.toPause.size() == st.allTasks.size() ? " run" : ", of which " + st.toPause + " run as before"));
  }

  static boolean pointOfNoReturn(String step) {
    return step.equals(Flows.RESUME_TASKS) || step.equals(Flows.START_TASKS) || step.equals(Flows.VERIFY);
  }

  private Optional<RuntimeException> runStep(int index, String step, int attempt) {
    PlannedStep ps = index < st.planned.size() ? st.planned.get(index) : new PlannedStep(step, step, List.of());
    Instant t0 = clock.instant();
    try {
      journal.append(step, Phase.STARTED, st.detail(attempt > 1 ? "attempt " + attempt : "intent"));
    } catch (RuntimeException e) {
      RuntimeException f = new IllegalStateException("the intent of " + step + " could not be journaled, so it did not act", e);
      steps.add(new StepRecord(step, "failed", t0, Duration.ZERO, "not started", Optional.of(redactor.describe(f))));
      return Optional.of(f);
    }
    listeners.emit(l -> l.stepStarted(id, ps));
    try {
      String detail = act(step);
      Duration took = Duration.between(t0, clock.instant());
      journal.tryAppend(step, Phase.SUCCEEDED, st.detail(detail));
      steps.add(new StepRecord(step, "succeeded", t0, took, redactor.clean(detail), Optional.empty()));
      listeners.emit(l -> l.stepSucceeded(id, ps, took));
      return Optional.empty();
    } catch (RuntimeException e) {
      Duration took = Duration.between(t0, clock.instant());
      journal.tryAppend(step, Phase.FAILED, st.detail("failed: " + redactor.describe(e)));
      steps.add(new StepRecord(step, "failed", t0, took, attempt > 1 ? "attempt " + attempt : "", Optional.of(redactor.describe(e))));
      listeners.emit(l -> l.stepFailed(id, ps, took, e));
      return Optional.of(e);
    }
  }

  private String act(String step) {
    return switch (step) {
      case Flows.PAUSE_RELAY -> pauseRelay();
      case Flows.PAUSE_TASKS -> pauseTasks();
      case Flows.RECHECK -> recheckFrozen();
      case Flows.MOVE_VIP -> moveVip();
      case Flows.SWITCH_RELAY_MASTER -> switchRelayMaster();
      case Flows.RESUME_RELAY -> resumeRelay();
      case Flows.RESUME_TASKS -> resumeTasks();
      case Flows.STOP_TASKS -> stopTasks();
      case Flows.STOP_RELAY -> stopRelay();
      case Flows.REMOVE_SOURCE -> removeSource();
      case Flows.CREATE_SOURCE -> createSource();
      case Flows.START_RELAY -> startRelay();
      case Flows.RECONFIGURE_WORKER -> reconfigureWorker();
      case Flows.START_TASKS -> startTasks();
      case Flows.VERIFY -> new Verifier(spec, st, id, clock, redactor).verify();
      default -> throw new IllegalStateException("unknown step " + step + " in the plan");
    };
  }

  // ---- steps ----

  private DmSnapshot snapshot() {
    return dm.status(source, spec.common().tasks());
  }

  private String pauseRelay() {
    st.relayPaused = true;
    DmSnapshot s = snapshot();
    if (s.relay().map(r -> r.stage().equalsIgnoreCase("Paused")).orElse(false)) {
      return "the relay was already paused";
    }
    dm.pauseRelay(source);
    waitUntil("the relay to pause", spec.policy().pauseTimeout(),
        () -> snapshot().relay().map(r -> r.stage().equalsIgnoreCase("Paused")).orElse(true));
    return "paused the relay of " + source;
  }

  private String pauseTasks() {
    DmSnapshot s = snapshot();
    List<String> did = new ArrayList<>();
    for (String t : st.toPause) {
      if (!st.paused.contains(t)) {
        st.paused.add(t);
      }
      if (stage(s, t).equalsIgnoreCase("Running")) {
        dm.pauseTask(t, source);
        did.add(t);
      }
    }
    return st.toPause.isEmpty() ? "no task was running on " + source : "paused " + did
        + (did.size() < st.toPause.size() ? " (the others were already paused)" : "");
  }

  private String recheckFrozen() {
    waitUntil("the tasks to be reported paused", spec.policy().pauseTimeout(), () -> {
      DmSnapshot s = snapshot();
      return st.paused.stream().allMatch(t -> !stage(s, t).equalsIgnoreCase("Running"))
          && (!st.relayPaused || s.relay().map(r -> !r.stage().equalsIgnoreCase("Running")).orElse(true));
    });
    Validator.Validation v = new Validator(spec).validate(id, Validator.Mode.RECHECK, false);
    DmSnapshot frozen = v.dm().orElseThrow(() -> new IllegalStateException("DM could not be read after the pause"));
    st.frozen.clear();
    frozen.subtasks().forEach(sub -> st.frozen.put(sub.task(), sub.syncerGtids()));
    st.frozenRelay = frozen.relay().map(DmSnapshot.RelayInfo::relayGtids).orElse("");
    recheck.clear();
    recheck.addAll(v.plan().gates());
    recheck.forEach(g -> listeners.emit(l -> l.gateEvaluated(id, g)));
    List<String> refusals = new ArrayList<>();
    v.plan().gates().stream().filter(g -> g.status().refuses()).forEach(g -> refusals.add(g.gate().code() + " " + g.summary()));
    if (!refusals.isEmpty()) {
      throw new IllegalStateException("a gate refuses on the frozen positions: " + String.join("; ", refusals));
    }
    return "frozen positions " + st.frozen + (st.frozenRelay.isEmpty() ? "" : ", relay " + st.frozenRelay) + "; every gate holds";
  }

  private String moveVip() {
    Spec.VipParts vip = spec.vip().orElseThrow();
    int reads = spec.policy().vipIdentityReads();
    st.vipMoved = true;
    List<String> before = Validator.readThrough(vip.probe(), 1);
    if (before.get(0).equals(st.targetIdentity)) {
      List<String> again = Validator.readThrough(vip.probe(), reads);
      if (again.stream().allMatch(st.targetIdentity::equals)) {
        return "the VIP already led to the new instance (" + reads + " reads); not moved again";
      }
    }
    VipMove move = move();
    Duration timeout = spec.policy().stepTimeout();
    vip.mover().prepare(move, timeout);
    vip.mover().move(move, timeout);
    vip.mover().verify(move, timeout);
    List<String> seen = Validator.readThrough(vip.probe(), reads);
    if (!seen.stream().allMatch(st.targetIdentity::equals)) {
      throw new IllegalStateException("after the move, the VIP " + st.vip + " led to " + seen + ", not always to the new instance "
          + st.targetIdentity);
    }
    return "moved the VIP " + st.vip + " to " + st.targetAddress + "; " + reads + " reads through it saw " + st.targetIdentity;
  }

  private VipMove move() {
    return new VipMove(id, source, st.vip, st.oldAddress.isEmpty() ? "(unknown)" : st.oldAddress, st.targetAddress);
  }

  private String switchRelayMaster() {
    st.relaySwitched = true;
    dm.switchRelayMaster(source);
    return "switched the relay of " + source + " to the new master";
  }

  private String resumeRelay() {
    DmSnapshot s = snapshot();
    if (s.relay().map(r -> r.stage().equalsIgnoreCase("Running")).orElse(true)) {
      return "the relay was already running";
    }
    dm.resumeRelay(source);
    return "resumed the relay of " + source;
  }

  private String resumeTasks() {
    DmSnapshot s = snapshot();
    List<String> did = new ArrayList<>();
    for (String t : st.paused) {
      if (!st.resumed.contains(t)) {
        st.resumed.add(t);
      }
      if (!stage(s, t).equalsIgnoreCase("Running")) {
        dm.resumeTask(t, source);
        did.add(t);
      }
    }
    return st.paused.isEmpty() ? "no task to resume" : "resumed " + did;
  }

  private String stopTasks() {
    DmSnapshot s = snapshot();
    List<String> did = new ArrayList<>();
    for (String t : st.allTasks) {
      if (!st.stopped.contains(t)) {
        st.stopped.add(t);
      }
      if (s.subtasks().stream().anyMatch(sub -> sub.task().equals(t))) {
        dm.stopTask(t, source);
        did.add(t);
      }
    }
    return "stopped " + did + " (checkpoints kept)";
  }

  private String stopRelay() {
    st.relayStopped = true;
    if (!dm.sourceExists(source) || snapshot().relay().isEmpty()) {
      return "the relay was already stopped";
    }
    dm.stopRelay(source);
    return "stopped the relay of " + source;
  }

  private String removeSource() {
    st.sourceRemoved = true;
    if (!dm.sourceExists(source)) {
      return "source " + source + " was already removed";
    }
    dm.removeSource(source);
    return "removed source " + source + " (address " + st.oldAddress + ")";
  }

  private String createSource() {
    st.sourceCreated = true;
    if (dm.sourceExists(source)) {
      Optional<String> addr = snapshot().source().address();
      if (addr.isPresent() && addr.get().equalsIgnoreCase(st.targetAddress)) {
        return "source " + source + " already had the new address " + st.targetAddress;
      }
      throw new IllegalStateException("source " + source + " exists again with address " + addr.orElse("(unknown)")
          + ", not the new " + st.targetAddress + ": someone else recreated it");
    }
    dm.createSource(config().newSource());
    return "created source " + source + " with address " + st.targetAddress;
  }

  private String startRelay() {
    st.relayStarted = true;
    if (snapshot().relay().map(r -> r.stage().equalsIgnoreCase("Running")).orElse(false)) {
      return "the relay was already running";
    }
    dm.startRelay(source);
    return "started the relay of " + source;
  }

  private String reconfigureWorker() {
    st.workerReconfigured = true;
    spec.address().flatMap(Spec.AddressParts::reconfigurer).orElseThrow(() -> new IllegalStateException("no WorkerReconfigurer"))
        .reconfigure(source, config().newSource(), spec.policy().stepTimeout());
    return "the worker of " + source + " was pointed at " + st.targetAddress;
  }

  private String startTasks() {
    return startTasks(st.stopped.isEmpty() ? st.allTasks : st.stopped, true);
  }

  private String startTasks(List<String> tasks, boolean recordStarted) {
    DmSnapshot s = snapshot();
    List<String> did = new ArrayList<>();
    for (String t : tasks) {
      if (s.subtasks().stream().anyMatch(sub -> sub.task().equals(t))) {
        continue;
      }
      String yaml = config().tasks().get(t);
      if (yaml == null) {
        throw new IllegalStateException("the configuration of task " + t + " is not known; give it with withTaskConfig");
      }
      if (!DmConfigs.maskedPasswords(yaml, "task " + t).isEmpty()) {
        throw new IllegalStateException("the configuration of task " + t + " still has masked passwords; give the same "
            + "withTargetPassword or withTaskConfig as the original run");
      }
      dm.startTask(yaml, source);
      did.add(t);
      if (recordStarted && !st.started.contains(t)) {
        st.started.add(t);
      }
    }
    List<String> repaused = new ArrayList<>();
    DmSnapshot after = snapshot();
    for (String t : tasks) {
      if (!st.toPause.contains(t) && stage(after, t).equalsIgnoreCase("Running")) {
        dm.pauseTask(t, source);
        repaused.add(t);
      }
    }
    return "started " + did + (repaused.isEmpty() ? "" : "; paused " + repaused + " again as they were before");
  }

  private Validator.Configs config() {
    return configs.orElseThrow(() -> new IllegalStateException("the source and task configurations are not known"));
  }

  // ---- compensation ----

  private SwitchoverReport compensate(int failedAt, Set<String> alreadyDone, String failedStep, String why) {
    List<String> order = new ArrayList<>();
    for (int i = Math.min(failedAt, st.steps.size() - 1); i >= 0; i--) {
      compensationOf(st.steps.get(i)).filter(c -> !alreadyDone.contains(c)).ifPresent(order::add);
    }
    for (String c : order) {
      Instant t0 = clock.instant();
      journal.tryAppend(c, Phase.COMPENSATION_STARTED, st.detail("undoing after " + failedStep + " failed"));
      listeners.emit(l -> l.compensationStarted(id, c));
      try {
        String detail = undo(c);
        Duration took = Duration.between(t0, clock.instant());
        journal.tryAppend(c, Phase.COMPENSATED, st.detail(detail));
        compensations.add(new StepRecord(c, "succeeded", t0, took, redactor.clean(detail), Optional.empty()));
        listeners.emit(l -> l.compensationSucceeded(id, c, took));
      } catch (RuntimeException e) {
        Duration took = Duration.between(t0, clock.instant());
        journal.tryAppend(c, Phase.COMPENSATION_FAILED, st.detail("failed: " + redactor.describe(e)));
        compensations.add(new StepRecord(c, "failed", t0, took, "", Optional.of(redactor.describe(e))));
        listeners.emit(l -> l.compensationFailed(id, c, took, e));
        return finish(SwitchoverOutcome.NEEDS_ATTENTION, failedStep + " failed (" + why + ") and compensation " + c
            + " failed too (" + redactor.describe(e) + "); later compensations were not attempted. " + liveState());
      }
    }
    return finish(SwitchoverOutcome.COMPENSATED, failedStep + " failed (" + why + "); "
        + (order.isEmpty() ? "nothing had changed" : "undone by " + order) + ": DM reads the old instance as before. " + liveState());
  }

  static Optional<String> compensationOf(String step) {
    return Optional.ofNullable(switch (step) {
      case Flows.PAUSE_RELAY -> "resume-relay-again";
      case Flows.PAUSE_TASKS -> "resume-paused-tasks";
      case Flows.MOVE_VIP -> "move-vip-back";
      case Flows.RESUME_RELAY -> "pause-relay-again";
      case Flows.RESUME_TASKS -> "pause-resumed-tasks";
      case Flows.STOP_TASKS -> "start-stopped-tasks";
      case Flows.STOP_RELAY -> "start-relay-again";
      case Flows.REMOVE_SOURCE -> "recreate-old-source";
      case Flows.CREATE_SOURCE -> "remove-new-source";
      case Flows.START_RELAY -> "stop-relay-again";
      case Flows.RECONFIGURE_WORKER -> "reconfigure-worker-back";
      default -> null;
    });
  }

  private String undo(String compensation) {
    return switch (compensation) {
      case "resume-relay-again" -> {
        if (!st.relayPaused) {
          yield "the relay was not paused";
        }
        DmSnapshot s = snapshot();
        if (s.relay().map(r -> r.stage().equalsIgnoreCase("Running")).orElse(true)) {
          yield "the relay was running";
        }
        dm.resumeRelay(source);
        yield "resumed the relay of " + source;
      }
      case "resume-paused-tasks" -> {
        DmSnapshot s = snapshot();
        List<String> did = new ArrayList<>();
        for (String t : st.paused) {
          if (!stage(s, t).equalsIgnoreCase("Running") && !stage(s, t).isEmpty()) {
            dm.resumeTask(t, source);
            did.add(t);
          }
        }
        yield "resumed " + did;
      }
      case "move-vip-back" -> moveVipBack();
      case "pause-relay-again" -> {
        DmSnapshot s = snapshot();
        if (s.relay().map(r -> !r.stage().equalsIgnoreCase("Running")).orElse(true)) {
          yield "the relay was not running";
        }
        dm.pauseRelay(source);
        yield "paused the relay of " + source + " again";
      }
      case "pause-resumed-tasks" -> {
        DmSnapshot s = snapshot();
        List<String> did = new ArrayList<>();
        for (String t : st.resumed) {
          if (stage(s, t).equalsIgnoreCase("Running")) {
            dm.pauseTask(t, source);
            did.add(t);
          }
        }
        yield "paused " + did + " again";
      }
      case "start-stopped-tasks" -> startTasks(st.stopped, false);
      case "start-relay-again" -> {
        if (!st.relayStopped || snapshot().relay().map(r -> r.stage().equalsIgnoreCase("Running")).orElse(false)) {
          yield "the relay was running";
        }
        dm.startRelay(source);
        yield "started the relay of " + source + " again";
      }
      case "recreate-old-source" -> recreateOldSource();
      case "remove-new-source" -> {
        if (!dm.sourceExists(source)) {
          yield "source " + source + " did not exist";
        }
        Optional<String> addr = snapshot().source().address();
        if (addr.isPresent() && !addr.get().equalsIgnoreCase(st.targetAddress)) {
          yield "source " + source + " has address " + addr.get() + ", not the new one; left as it is";
        }
        if (snapshot().relay().isPresent()) {
          dm.stopRelay(source);
        }
        dm.removeSource(source);
        yield "removed source " + source + " with the new address";
      }
      case "stop-relay-again" -> {
        if (!dm.sourceExists(source) || snapshot().relay().isEmpty()) {
          yield "the relay was not running";
        }
        dm.stopRelay(source);
        yield "stopped the relay of " + source;
      }
      case "reconfigure-worker-back" -> {
        String old = config().oldSource().orElseThrow(() -> new IllegalStateException(
            "the old source configuration is not known (DM did not report the old address)"));
        spec.address().flatMap(Spec.AddressParts::reconfigurer).orElseThrow().reconfigure(source, old, spec.policy().stepTimeout());
        yield "the worker of " + source + " was pointed back at " + st.oldAddress;
      }
      default -> throw new IllegalStateException("unknown compensation " + compensation);
    };
  }

  private String moveVipBack() {
    if (!st.vipMoved) {
      return "the VIP was not moved";
    }
    Spec.VipParts vip = spec.vip().orElseThrow();
    vip.mover().moveBack(move(), spec.policy().stepTimeout());
    if (st.relaySwitched) {
      dm.switchRelayMaster(source);
    }
    List<String> seen = Validator.readThrough(vip.probe(), spec.policy().vipIdentityReads());
    boolean back = st.oldIdentity.isEmpty() ? seen.stream().noneMatch(st.targetIdentity::equals)
        : seen.stream().allMatch(st.oldIdentity::equals);
    if (!back) {
      throw new IllegalStateException("after moving back, the VIP " + st.vip + " led to " + seen + ", not to the old instance "
          + (st.oldIdentity.isEmpty() ? "(identity unknown)" : st.oldIdentity));
    }
    return "moved the VIP " + st.vip + " back; " + seen.size() + " reads through it saw " + seen.get(0);
  }

  private String recreateOldSource() {
    String old = config().oldSource().orElseThrow(() -> new IllegalStateException(
        "the old source configuration is not known (DM did not report the old address)"));
    if (dm.sourceExists(source)) {
      DmSnapshot s = snapshot();
      Optional<String> addr = s.source().address();
      if (addr.isPresent() && addr.get().equalsIgnoreCase(st.oldAddress)) {
        return "source " + source + " already had the old address";
      }
      if (s.relay().isPresent()) {
        dm.stopRelay(source);
      }
      dm.removeSource(source);
    }
    if (!DmConfigs.maskedPasswords(old, "the old source configuration").isEmpty()) {
      throw new IllegalStateException("the old source configuration still has a masked password; give the same "
          + "withSourcePassword or withSourceConfig as the original run");
    }
    dm.createSource(old);
    return "recreated source " + source + " with the old address " + st.oldAddress;
  }

  // ---- helpers ----

  private static String stage(DmSnapshot s, String task) {
    return s.subtasks().stream().filter(sub -> sub.task().equals(task)).map(DmSnapshot.SubtaskInfo::stage).findFirst().orElse("");
  }

  private void waitUntil(String what, Duration timeout, java.util.function.BooleanSupplier done) {
    Duration waited = Duration.ZERO;
    java.time.Instant waitStart = spec.common().clock().instant();
    while (!done.getAsBoolean()) {
      if (waited.compareTo(timeout) >= 0) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      Duration w = waited;
      listeners.emit(l -> l.waitProgress(id, what, w, ""));
      pause(spec.policy().pollInterval());
      waited = Waits.next(waited, spec.policy().pollInterval(), waitStart, spec.common().clock());
    }
  }

  private void pause(Duration d) {
    try {
      spec.common().sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** The live state in words, best effort: task stages, the source's address, the relay, the VIP. */
  private String liveState() {
    StringBuilder sb = new StringBuilder("Live state: ");
    try {
      if (!dm.sourceExists(source)) {
        sb.append("source ").append(source).append(" does not exist in DM");
      } else {
        DmSnapshot s = snapshot();
        sb.append("source ").append(source).append(" at ").append(s.source().address().orElse("(address not reported)"));
        sb.append(", tasks ");
        List<String> parts = new ArrayList<>();
        s.subtasks().forEach(sub -> parts.add(sub.task() + "=" + sub.stage() + (sub.errors().isEmpty() ? "" : " " + sub.errors())));
        sb.append(parts.isEmpty() ? "(none)" : parts);
        s.relay().ifPresent(r -> sb.append(", relay ").append(r.stage()).append(" in ").append(r.subDir()));
      }
    } catch (RuntimeException e) {
      sb.append("DM could not be read (").append(redactor.describe(e)).append(')');
    }
    spec.vip().ifPresent(v -> {
      try {
        sb.append("; the VIP ").append(v.vip()).append(" leads to ").append(v.probe().read().identity());
      } catch (ProbeException e) {
        sb.append("; the VIP ").append(v.vip()).append(" could not be read");
      }
    });
    return sb.toString();
  }

  private List<String> refusalLines() {
    List<String> out = new ArrayList<>(plan.blockers());
    plan.refusals().forEach(g -> out.add(g.gate().code() + " " + g.summary()));
    return out;
  }

  private SwitchoverReport finish(SwitchoverOutcome outcome, String finalState) {
    String state = redactor.clean(finalState);
    journal.tryAppend("finish", Phase.FINISHED, st.detail(outcome.name() + ": " + state));
    notes.addAll(journal.failures());
    Duration took = Duration.between(startedAt, clock.instant());
    SwitchoverReport r = new SwitchoverReport(plan, recheck, steps, compensations, outcome, state, startedAt, took, notes);
    listeners.emit(l -> l.switchoverFinished(id, outcome, took));
    return r;
  }
}
