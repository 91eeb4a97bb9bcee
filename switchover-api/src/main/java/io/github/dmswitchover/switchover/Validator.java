package io.github.dmswitchover.switchover;

import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import io.github.dmswitchover.switchover.spi.WaitResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads DM and the instances, waits where the policy allows (relay catch-up on DM 1.0, shard DDL
 * locks, a lagging new instance), evaluates every gate and lays out the steps: the dry run and the
 * first half of every execution use this same code.
 */
final class Validator {

  private final Spec spec;
  private final Redactor redactor;

  Validator(Spec spec) {
    this.spec = spec;
    this.redactor = spec.redactor();
  }

  /** What validation read and decided; the executor continues from it. */
  record Validation(SwitchoverPlan plan, Optional<DmSnapshot> dm, Optional<InstanceReading> target,
      Optional<InstanceReading> old, Optional<Configs> configs) {}

  /** The configurations the address flow writes to DM (with passwords; never reported). */
  record Configs(String newSource, Optional<String> oldSource, Map<String, String> tasks) {}

  /** Why a validation runs: it decides which waits happen. */
  enum Mode {
    /** Before acting (dry run or execution): every wait of the policy. */
    PLAN,
    /** On the frozen positions after the pause: the catch-up waits only (new instance, DM 1.0's relay). */
    RECHECK,
    /** When resuming a crashed run, for the report: no wait. */
    RESUME
  }

  /** The dry run: emits the start, the gates and the end to the listeners. */
  SwitchoverPlan dryRun(String id) {
    Listeners listeners = spec.common().listeners();
    Instant t0 = spec.common().clock().instant();
    listeners.emit(l -> l.switchoverStarted(id, spec.sourceId(), true));
    SwitchoverPlan plan = validate(id, Mode.PLAN, true).plan();
    SwitchoverOutcome outcome = plan.isRefused() ? SwitchoverOutcome.REFUSED : SwitchoverOutcome.PLANNED;
    Duration took = Duration.between(t0, spec.common().clock().instant());
    listeners.emit(l -> l.switchoverFinished(id, outcome, took));
    return plan;
  }

  Validation validate(String id, Mode mode, boolean emitGates) {
    Instant created = spec.common().clock().instant();
    List<String> notes = new ArrayList<>();
    List<String> blockers = new ArrayList<>();
    Listeners listeners = spec.common().listeners();

    // 1. DM
    DmSnapshot dm;
    try {
      dm = spec.dm().snapshot(spec.sourceId(), spec.common().tasks());
    } catch (RuntimeException e) {
      String why = "DM could not be read: " + redactor.describe(e);
      return new Validation(unreadable(id, why, created), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
    notes.addAll(dm.notes());
    if (mode != Mode.RESUME) {
      // On the frozen positions too: a relay that keeps reading while the old master takes writes
      // falls behind for a moment at every commit, and G7 must not refuse on such a moment.
      dm = waitForRelayCatchUp(id, dm, notes);
    }
    if (mode == Mode.PLAN) {
      dm = waitForDdlLocks(id, dm, notes);
    }

    // 2. the instances
    Optional<InstanceReading> target;
    Optional<String> targetError = Optional.empty();
    try {
      target = Optional.of(spec.common().target().read());
    } catch (ProbeException e) {
      target = Optional.empty();
      targetError = Optional.of(redactor.describe(e));
    }
    Optional<InstanceReading> old = Optional.empty();
    if (spec.common().old().isPresent()) {
      try {
        old = Optional.of(spec.common().old().get().read());
      } catch (ProbeException e) {
        notes.add("the old instance could not be read (" + redactor.describe(e) + "); gates that compare with it check less");
      }
    } else {
      notes.add("no probe of the old instance was given; gates that compare with it check less");
    }
    List<String> vipIds = new ArrayList<>();
    Optional<String> vipError = Optional.empty();
    if (spec.vip().isPresent()) {
      try {
        vipIds = readThrough(spec.vip().get().probe(), spec.policy().vipIdentityReads());
      } catch (ProbeException e) {
        vipError = Optional.of(redactor.describe(e));
      }
    }

    // 3. catch-up, then the gates
    List<GateVerdict> gates;
    if (target.isEmpty()) {
      gates = unreadableTarget(dm, targetError.orElse("unknown error"));
    } else {
      Optional<Gates.CatchUp> catchUp = Optional.empty();
      InstanceReading n = target.get();
      Gates.Positions pos = Gates.positions(dm, n.flavor());
      Gtids need = pos.union(n.flavor());
      if (mode != Mode.RESUME && pos.problems().isEmpty() && !Gates.executed(n).containsAll(need) && Gates.catchingUp(n)
          && !spec.policy().catchUpTimeout().isZero()) {
        catchUp = Optional.of(catchUp(id, spec.common().target(), need));
        try {
          target = Optional.of(spec.common().target().read());
        } catch (ProbeException e) {
          notes.add("the new instance could not be read again after the catch-up wait: " + redactor.describe(e));
        }
      }
      gates = Gates.evaluate(new Gates.Context(spec.flow(), dm, target.get(), old, vipIds, vipError,
          spec.common().expectedUpstream(), spec.policy(), catchUp));
    }
    if (emitGates) {
      List<GateVerdict> all = gates;
      all.forEach(g -> listeners.emit(l -> l.gateEvaluated(id, g)));
    }

    // 4. what else keeps it from running
    versionBlocker(dm).ifPresent(blockers::add);
    for (String t : spec.common().tasks()) {
      if (dm.subtasks().stream().noneMatch(s -> s.task().equals(t))) {
        blockers.add("task " + t + " has no subtask on source " + spec.sourceId());
      }
    }
    Optional<Configs> configs = Optional.empty();
    if (spec.flow() == Gates.Flow.VIP) {
      vipBlockers(dm, blockers, notes);
    } else {
      configs = addressConfigs(dm, target, blockers, notes);
    }
    if (dm.version().isV1() && dm.relay().isEmpty()) {
      blockers.add("DM 1.0 reports no relay for source " + spec.sourceId() + "; its switch procedure needs the relay position");
    }

    List<PlannedStep> steps = Flows.plan(spec, dm);
    SwitchoverPlan plan = new SwitchoverPlan(id, spec.sourceId(), Flows.flowName(spec.flow(), dm), dm.version().raw(),
        spec.dm().describe(), subtasks(dm), relay(dm), instances(target, old), vipIds, gates, steps, blockers, notes, created,
        redactor);
    return new Validation(plan, Optional.of(dm), target, old, configs);
  }

  // ---- waits ----

  private DmSnapshot waitForRelayCatchUp(String id, DmSnapshot dm, List<String> notes) {
    if (!dm.version().isV1() || dm.relay().isEmpty() || dm.relay().get().catchUpMaster()
        || !dm.relay().get().stage().equalsIgnoreCase("Running")) {
      return dm;
    }
    Duration limit = spec.policy().catchUpTimeout();
    Duration waited = Duration.ZERO;
    java.time.Instant waitStart = spec.common().clock().instant();
    DmSnapshot now = dm;
    while (!now.relay().map(DmSnapshot.RelayInfo::catchUpMaster).orElse(true) && waited.compareTo(limit) < 0) {
      Duration w = waited;
      spec.common().listeners().emit(l -> l.waitProgress(id, "relay catching up with the old master", w,
          "relayCatchUpMaster is false"));
      sleep(spec.policy().pollInterval());
      waited = Waits.next(waited, spec.policy().pollInterval(), waitStart, spec.common().clock());
      try {
        now = spec.dm().snapshot(spec.sourceId(), spec.common().tasks());
      } catch (RuntimeException e) {
        notes.add("DM could not be read while waiting for the relay to catch up: " + redactor.describe(e));
        return now;
      }
    }
    notes.add("waited " + waited.toSeconds() + " s for DM 1.0's relay to catch up with the old master ("
        + (now.relay().map(DmSnapshot.RelayInfo::catchUpMaster).orElse(false) ? "caught up" : "not caught up") + ")");
    return now;
  }

  private DmSnapshot waitForDdlLocks(String id, DmSnapshot dm, List<String> notes) {
    if (spec.policy().ddlLocks() != SwitchoverPolicy.DdlLockPolicy.WAIT || !hasLocks(dm)) {
      return dm;
    }
    Duration limit = spec.policy().ddlLockWait();
    Duration waited = Duration.ZERO;
    java.time.Instant waitStart = spec.common().clock().instant();
    DmSnapshot now = dm;
    while (hasLocks(now) && waited.compareTo(limit) < 0) {
      Duration w = waited;
      List<String> ids = now.locks().stream().map(DmSnapshot.LockInfo::id).toList();
      spec.common().listeners().emit(l -> l.waitProgress(id, "shard DDL locks to clear", w, ids.toString()));
      sleep(spec.policy().pollInterval());
      waited = Waits.next(waited, spec.policy().pollInterval(), waitStart, spec.common().clock());
      try {
        now = spec.dm().snapshot(spec.sourceId(), spec.common().tasks());
      } catch (RuntimeException e) {
        notes.add("DM could not be read while waiting for shard DDL locks: " + redactor.describe(e));
        return now;
      }
    }
    notes.add("waited " + waited.toSeconds() + " s for shard DDL locks to clear (" + (hasLocks(now) ? "still held" : "cleared") + ")");
    return now;
  }

  private static boolean hasLocks(DmSnapshot dm) {
    return !dm.locks().isEmpty() || dm.subtasks().stream().anyMatch(s -> !s.unresolvedLockId().isEmpty() || !s.blockingDdls().isEmpty());
  }

  private Gates.CatchUp catchUp(String id, UpstreamProbe probe, Gtids need) {
    GtidTarget t = need instanceof Gtids.Mysql m ? new GtidTarget.Mysql(m.set()) : new GtidTarget.Mariadb(((Gtids.Mariadb) need).list());
    WaitResult r = probe.waitForExecuted(t, spec.policy().catchUpTimeout(),
        (elapsed, remaining) -> spec.common().listeners().emit(l -> l.waitProgress(id, "new instance catching up", elapsed, remaining)),
        Cancellation.NEVER);
    return new Gates.CatchUp(r.outcome() == WaitResult.Outcome.REACHED, r.waited(), need.text());
  }

  private void sleep(Duration d) {
    try {
      spec.common().sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  static List<String> readThrough(UpstreamProbe probe, int reads) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < reads; i++) {
      ids.add(probe.read().identity());
    }
    return ids;
  }

  // ---- blockers ----

  /** Versions the library knows: 1.0, 2.0, 5.3–5.4, 6.x–8.x and the 26.x line up to 26.3. */
  static boolean knownVersion(DmSnapshot.Version v) {
    return switch (v.major()) {
      case 1, 2 -> v.minor() == 0;
      case 5 -> v.minor() == 3 || v.minor() == 4;
      case 6, 7, 8 -> true;
      case 26 -> v.minor() <= 3;
      default -> false;
    };
  }

  private Optional<String> versionBlocker(DmSnapshot dm) {
    if (knownVersion(dm.version())) {
      return Optional.empty();
    }
    if (spec.policy().versionPolicy() == SwitchoverPolicy.VersionPolicy.LENIENT) {
      return Optional.empty();
    }
    return Optional.of("DM version " + dm.version().raw() + " is not one this library knows (1.0, 2.0, 5.3-5.4, 6.x-8.x, 26.0-26.3); "
        + "use SwitchoverPolicy.VersionPolicy.LENIENT to treat it like the nearest known version");
  }

  private void vipBlockers(DmSnapshot dm, List<String> blockers, List<String> notes) {
    String vip = spec.vip().get().vip();
    Optional<String> address = dm.source().address();
    if (address.isEmpty()) {
      notes.add("DM did not report the address of source " + spec.sourceId() + "; that it reads through the VIP " + vip
          + " is the caller's word");
    } else if (!address.get().equalsIgnoreCase(vip)) {
      blockers.add("source " + spec.sourceId() + " reads from " + address.get() + ", not through the VIP " + vip
          + ": moving the VIP would not move DM");
    }
    if (!knownVersion(dm.version()) && spec.policy().versionPolicy() == SwitchoverPolicy.VersionPolicy.LENIENT) {
      notes.add("DM version " + dm.version().raw() + " is unknown; treated like the nearest known version (lenient policy)");
    }
  }

  private Optional<Configs> addressConfigs(DmSnapshot dm, Optional<InstanceReading> target, List<String> blockers,
      List<String> notes) {
    Spec.AddressParts a = spec.address().get();
    String host;
    int port;
    if (a.host().isPresent()) {
      host = a.host().get();
      port = a.port();
    } else {
      String addr = spec.common().target().address();
      int colon = addr.lastIndexOf(':');
      host = addr.substring(0, colon);
      port = Integer.parseInt(addr.substring(colon + 1));
    }
    List<String> tasksOnSource = dm.subtasks().stream().map(DmSnapshot.SubtaskInfo::task).toList();
    if (!spec.common().tasks().isEmpty()) {
      try {
        List<String> all = spec.dm().status(spec.sourceId(), List.of()).subtasks().stream().map(DmSnapshot.SubtaskInfo::task).toList();
        List<String> others = all.stream().filter(t -> !spec.common().tasks().contains(t)).toList();
        if (!others.isEmpty()) {
          blockers.add("the address flow recreates the source, so every task on it must be stopped; tasks " + others
              + " are on source " + spec.sourceId() + " but not in this switchover");
        }
      } catch (RuntimeException e) {
        blockers.add("DM could not list every task on source " + spec.sourceId() + ": " + redactor.describe(e));
      }
    }
    // the new source configuration
    Optional<String> newSource = Optional.empty();
    Optional<String> oldSource = Optional.empty();
    Optional<String> dmSource = dm.version().isV1() ? Optional.empty() : safe(() -> spec.dm().sourceConfig(spec.sourceId()), notes,
        "DM's configuration of source " + spec.sourceId());
    if (a.sourceConfig().isPresent()) {
      try {
        DmConfigs.SourceFields f = DmConfigs.sourceFields(a.sourceConfig().get(), "the new source configuration");
        List<String> problems = DmConfigs.compareSource(f, dm.source(), host, port);
        problems.forEach(p -> blockers.add("the new source configuration: " + p));
        List<String> masked = DmConfigs.maskedPasswords(a.sourceConfig().get(), "the new source configuration");
        if (!masked.isEmpty()) {
          blockers.add("the new source configuration has masked passwords at " + masked + "; give the real ones");
        }
        newSource = Optional.of(a.sourceConfig().get());
        Optional<String> oldAddress = currentAddress(dm);
        if (oldAddress.isPresent()) {
          int colon = oldAddress.get().lastIndexOf(':');
          oldSource = Optional.of(DmConfigs.withAddress(a.sourceConfig().get(), oldAddress.get().substring(0, colon),
              Integer.parseInt(oldAddress.get().substring(colon + 1)), a.sourcePassword(), "the new source configuration"));
        }
      } catch (IllegalArgumentException e) {
        blockers.add(redactor.clean(e.getMessage()));
      }
    } else if (dm.version().isV1()) {
      blockers.add("DM 1.0 keeps the upstream address in the worker's own configuration: give the new one with withSourceConfig(yaml)");
    } else if (dmSource.isEmpty()) {
      blockers.add("DM did not return the configuration of source " + spec.sourceId() + ": give it with withSourceConfig(yaml)");
    } else if (a.sourcePassword().isEmpty() && !DmConfigs.maskedPasswords(dmSource.get(), "DM's source configuration").isEmpty()) {
      blockers.add("DM returns the source's upstream password masked (******): give it with withSourcePassword(...) "
          + "or the whole configuration with withSourceConfig(yaml)");
    } else {
      newSource = Optional.of(DmConfigs.withAddress(dmSource.get(), host, port, a.sourcePassword(), "DM's source configuration"));
      oldSource = Optional.of(DmConfigs.withAddress(dmSource.get(), dm.source().host().orElse(host),
          dm.source().port().orElse(port), a.sourcePassword(), "DM's source configuration"));
    }
    if (dm.version().isV1() && a.reconfigurer().isEmpty()) {
      blockers.add("DM 1.0 needs a WorkerReconfigurer (withWorkerReconfigurer) to point the worker at the new address");
    }
    // the task configurations
    Map<String, String> tasks = new LinkedHashMap<>();
    for (String t : tasksOnSource) {
      Optional<String> yaml = Optional.ofNullable(a.taskConfigs().get(t));
      if (yaml.isEmpty()) {
        Optional<String> fromDm = safe(() -> spec.dm().taskConfig(t), notes, "DM's configuration of task " + t);
        if (fromDm.isEmpty()) {
          blockers.add("DM did not return the configuration of task " + t + ": give it with withTaskConfig(\"" + t + "\", yaml)");
          continue;
        }
        yaml = a.targetPassword().isPresent()
            ? Optional.of(DmConfigs.withPassword(fromDm.get(), a.targetPassword().get(), "DM's configuration of task " + t))
            : fromDm;
      }
      try {
        List<String> masked = DmConfigs.maskedPasswords(yaml.get(), "the configuration of task " + t);
        if (!masked.isEmpty()) {
          blockers.add("the configuration of task " + t + " has masked passwords at " + masked
              + "; give them with withTargetPassword(...) or withTaskConfig(\"" + t + "\", yaml)");
          continue;
        }
      } catch (IllegalArgumentException e) {
        blockers.add(redactor.clean(e.getMessage()));
        continue;
      }
      tasks.put(t, yaml.get());
    }
    if (target.isEmpty() || newSource.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Configs(newSource.get(), oldSource, tasks));
  }

  /** Where DM reads the source now: what DM says, else what the caller expects, else the old instance's address. */
  Optional<String> currentAddress(DmSnapshot dm) {
    return dm.source().address().or(() -> spec.common().expectedUpstream().filter(a -> a.matches(".+:\\d{1,5}")))
        .or(() -> spec.common().old().map(UpstreamProbe::address));
  }

  private Optional<String> safe(java.util.function.Supplier<Optional<String>> read, List<String> notes, String what) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      notes.add(what + " could not be read: " + redactor.describe(e));
      return Optional.empty();
    }
  }

  // ---- summaries ----

  private SwitchoverPlan unreadable(String id, String why, Instant created) {
    List<GateVerdict> gates = new ArrayList<>();
    for (Gate g : Gate.values()) {
      gates.add(new GateVerdict(g, GateStatus.FAILED, "not evaluated: " + why, Map.of(), List.of(), List.of()));
    }
    return new SwitchoverPlan(id, spec.sourceId(), spec.flow() == Gates.Flow.VIP ? "vip" : "address", "(unknown)",
        spec.dm().describe(), List.of(), Optional.empty(), List.of(), List.of(), gates, List.of(), List.of(why), List.of(), created,
        redactor);
  }

  private List<GateVerdict> unreadableTarget(DmSnapshot dm, String why) {
    List<GateVerdict> gates = new ArrayList<>();
    for (Gate g : Gate.values()) {
      if (g == Gate.G7_DM_SWITCHABLE) {
        gates.add(Gates.g7(new Gates.Context(spec.flow(), dm, null, Optional.empty(), List.of(), Optional.empty(),
            Optional.empty(), spec.policy(), Optional.empty())));
      } else {
        gates.add(new GateVerdict(g, GateStatus.FAILED, "not evaluated: the new instance could not be read: " + why, Map.of(),
            List.of(), List.of()));
      }
    }
    return gates;
  }

  static List<SwitchoverPlan.SubtaskSummary> subtasks(DmSnapshot dm) {
    return dm.subtasks().stream()
        .map(s -> new SwitchoverPlan.SubtaskSummary(s.task(), s.stage(), s.unit(), s.syncerGtids(), s.syncerBinlog())).toList();
  }

  static Optional<SwitchoverPlan.RelaySummary> relay(DmSnapshot dm) {
    return dm.relay().map(r -> new SwitchoverPlan.RelaySummary(r.stage(), r.subDir(), r.relayGtids(), r.catchUpMaster()));
  }

  static List<InstanceSummary> instances(Optional<InstanceReading> target, Optional<InstanceReading> old) {
    List<InstanceSummary> out = new ArrayList<>();
    target.ifPresent(t -> out.add(InstanceSummary.of("new", t)));
    old.ifPresent(o -> out.add(InstanceSummary.of("old", o)));
    return out;
  }
}
