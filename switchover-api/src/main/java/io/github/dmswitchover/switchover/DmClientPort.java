package io.github.dmswitchover.switchover;

import io.github.dmswitchover.dm.ClusterMembers;
import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.dm.DmError;
import io.github.dmswitchover.dm.DmException;
import io.github.dmswitchover.dm.DmOperation;
import io.github.dmswitchover.dm.DmRefusedException;
import io.github.dmswitchover.dm.DmUnsupportedOperationException;
import io.github.dmswitchover.dm.DmVersion;
import io.github.dmswitchover.dm.OperationResult;
import io.github.dmswitchover.dm.RelayStatus;
import io.github.dmswitchover.dm.ShardDdlLock;
import io.github.dmswitchover.dm.SourceInfo;
import io.github.dmswitchover.dm.SourceOutcome;
import io.github.dmswitchover.dm.SourceStatus;
import io.github.dmswitchover.dm.SubtaskStatus;
import io.github.dmswitchover.dm.Surface;
import io.github.dmswitchover.dm.SyncStatus;
import io.github.dmswitchover.dm.TaskStatus;
import io.github.dmswitchover.dm.WorkerMember;
import io.github.dmswitchover.dm.WorkerStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/** {@link DmPort} over dm-client's {@link DmClient}: reads become a {@link DmSnapshot}, refusals a {@link DmActionException}. */
final class DmClientPort implements DmPort {
  private final DmClient dm;
  private volatile DmClient yamlClient;

  private DmClientPort(DmClient dm) {
    this.dm = dm;
  }

  /**
   * The source's configuration as DM YAML: the OpenAPI answers JSON without {@code server-id}, so
   * where it is the client's choice the gateway's {@code get-config} (2.0.1+) is asked instead.
   */
  private Optional<String> sourceYaml(String source, SourceInfo info) {
    if (!info.config().strip().startsWith("{")) {
      return Optional.of(info.config());
    }
    DmClient c = yamlClient;
    if (c == null) {
      c = dm.toBuilder().withSurface(Surface.GATEWAY).build();
      yamlClient = c;
    }
    try {
      return Optional.of(c.getSource(source).config());
    } catch (DmUnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  static DmClientPort of(DmClient dm) {
    return new DmClientPort(Objects.requireNonNull(dm, "dm"));
  }

  @Override
  public DmSnapshot snapshot(String sourceId, List<String> tasks) {
    return read(sourceId, tasks, true);
  }

  @Override
  public DmSnapshot status(String sourceId, List<String> tasks) {
    return read(sourceId, tasks, false);
  }

  private DmSnapshot read(String sourceId, List<String> tasks, boolean full) {
    DmVersion v = call("read DM's version", dm::version);
    List<String> notes = new ArrayList<>();
    DmSnapshot.Version version = new DmSnapshot.Version(v.text(), v.major(), v.minor(), v.patch(), describe());
    List<String> names = tasks.isEmpty() ? call("list the tasks of source " + sourceId, () -> dm.tasksUsingSource(sourceId)) : tasks;
    List<DmSnapshot.SubtaskInfo> subtasks = new ArrayList<>();
    Optional<SourceStatus> sourceStatus = Optional.empty();
    Optional<String> worker = Optional.empty();
    for (String task : names) {
      TaskStatus ts;
      try {
        ts = dm.taskStatus(task);
      } catch (DmRefusedException e) {
        notes.add("task " + task + " could not be read: " + e.getMessage());
        continue;
      } catch (DmException e) {
        throw new DmActionException("query-status " + task + " failed: " + e.getMessage(), e);
      }
      Optional<SubtaskStatus> sub = ts.subtask(sourceId);
      if (sub.isEmpty()) {
        continue;
      }
      SubtaskStatus s = sub.get();
      worker = worker.or(s::worker);
      Optional<SyncStatus> sync = s.sync();
      List<String> errors = s.errors().stream().map(DmClientPort::text).toList();
      subtasks.add(new DmSnapshot.SubtaskInfo(task, s.stage().dmName(), s.unit().dmName(),
          sync.map(x -> x.syncerBinlogGtid().raw()).orElse(""), sync.map(SyncStatus::syncerBinlog).orElse(""),
          sync.map(SyncStatus::synced).orElse(false), s.unresolvedDdlLockId().orElse(""), s.blockingDdls(), errors));
      if (sourceStatus.isEmpty()) {
        sourceStatus = ts.sources().stream().filter(x -> x.source().equals(sourceId)).findFirst();
      }
    }
    if (sourceStatus.isEmpty() || sourceStatus.get().relay().isEmpty()) {
      try {
        sourceStatus = Optional.of(dm.sourceStatus(sourceId));
      } catch (DmUnsupportedOperationException e) {
        notes.add("the relay of " + sourceId + " cannot be read here: " + e.getMessage());
      } catch (DmRefusedException e) {
        throw new DmActionException("source " + sourceId + " is not known to DM: " + e.getMessage(), e);
      } catch (DmException e) {
        throw new DmActionException("query-status -s " + sourceId + " failed: " + e.getMessage(), e);
      }
    }
    Optional<SourceStatus> status = sourceStatus;
    worker = worker.or(() -> status.flatMap(SourceStatus::worker));
    Optional<DmSnapshot.RelayInfo> relay = status.flatMap(SourceStatus::relay).map(DmClientPort::relay);
    // the source's configuration
    Optional<SourceInfo> info = Optional.empty();
    if (v.major() != 1) {
      try {
        info = Optional.of(dm.getSource(sourceId));
      } catch (DmRefusedException e) {
        throw new DmActionException("source " + sourceId + " is not known to DM: " + e.getMessage(), e);
      } catch (DmUnsupportedOperationException e) {
        notes.add("the configuration of source " + sourceId + " cannot be read here: " + e.getMessage());
      } catch (DmException e) {
        throw new DmActionException("get-config source " + sourceId + " failed: " + e.getMessage(), e);
      }
    } else if (subtasks.isEmpty() && sourceStatus.isEmpty()) {
      throw new DmActionException("DM 1.0 reports nothing for source " + sourceId, null);
    }
    Optional<String> yaml = Optional.empty();
    if (info.isPresent()) {
      try {
        yaml = sourceYaml(sourceId, info.get());
      } catch (DmException e) {
        notes.add("the YAML configuration of source " + sourceId + " could not be read: " + e.getMessage());
      }
    }
    OptionalLong serverId = yaml.map(DmClientPort::serverId).orElse(OptionalLong.empty());
    boolean enableGtid = info.map(SourceInfo::enableGtid).orElse(v.major() == 1 || relay.isPresent());
    if (info.isEmpty()) {
      notes.add("DM did not report the source's configuration; enable-gtid is assumed from the relay (DM 1.0 needs it to switch)");
    }
    boolean relayEnabled = relay.isPresent() || info.flatMap(SourceInfo::relayEnabled).orElse(false);
    DmSnapshot.SourceInfo source = new DmSnapshot.SourceInfo(sourceId, info.flatMap(SourceInfo::host),
        info.map(SourceInfo::port).orElse(OptionalInt.empty()), info.flatMap(SourceInfo::user), enableGtid, relayEnabled, worker,
        true, serverId, info.flatMap(SourceInfo::flavor));
    // the cluster
    DmSnapshot.ClusterInfo cluster;
    if (v.major() == 1) {
      cluster = new DmSnapshot.ClusterInfo(Optional.of("dm-master (DM 1.0 has one master)"), 1, 1);
    } else if (!full) {
      cluster = new DmSnapshot.ClusterInfo(Optional.of("(not read)"), 0, 0);
    } else {
      ClusterMembers members = call("list the cluster's members", dm::listMembers);
      cluster = new DmSnapshot.ClusterInfo(members.leader().map(l -> l.name()),
          (int) members.masters().stream().filter(m -> m.alive()).count(), members.masters().size());
      if (worker.isPresent()) {
        Optional<WorkerMember> w = members.worker(worker.get());
        boolean online = w.map(m -> m.stage() != WorkerStage.OFFLINE).orElse(false);
        source = new DmSnapshot.SourceInfo(source.id(), source.host(), source.port(), source.user(), source.enableGtid(),
            source.relayEnabled(), source.worker(), online, source.serverId(), source.flavor());
      }
    }
    // shard DDL locks
    List<DmSnapshot.LockInfo> locks = new ArrayList<>();
    Set<String> lockTasks = new LinkedHashSet<>(subtasks.stream().map(DmSnapshot.SubtaskInfo::task).toList());
    for (String task : full ? lockTasks : Set.<String>of()) {
      try {
        for (ShardDdlLock l : dm.shardDdlLocks(Optional.of(task))) {
          if (l.involves(sourceId)) {
            locks.add(new DmSnapshot.LockInfo(l.id(), l.task(), l.mode(), l.owner(), l.ddls()));
          }
        }
      } catch (DmUnsupportedOperationException e) {
        notes.add("shard DDL locks are read from the subtasks only (" + e.getMessage() + ")");
        break;
      } catch (DmException e) {
        throw new DmActionException("shard-ddl-lock " + task + " failed: " + e.getMessage(), e);
      }
    }
    return new DmSnapshot(version, source, subtasks, relay, cluster, locks, Instant.now(), notes);
  }

  private static DmSnapshot.RelayInfo relay(RelayStatus r) {
    return new DmSnapshot.RelayInfo(r.stage().dmName(), r.relaySubDir(), r.relayBinlogGtid().raw(), r.relayCatchUpMaster(),
        r.errors().stream().map(DmClientPort::text).toList());
  }

  private static String text(DmError e) {
    return e.flattened();
  }

  /** The {@code server-id} of a source configuration (YAML; JSON is YAML too), if it has one. */
  static OptionalLong serverId(String config) {
    try {
      com.fasterxml.jackson.databind.node.ObjectNode root = DmConfigs.parse(config, "DM's source configuration");
      for (String key : List.of("server-id", "server_id", "serverID")) {
        if (root.path(key).canConvertToLong() && root.path(key).asLong() != 0) {
          return OptionalLong.of(root.path(key).asLong());
        }
      }
    } catch (IllegalArgumentException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  @Override
  public boolean sourceExists(String sourceId) {
    DmVersion v = call("read DM's version", dm::version);
    try {
      if (v.major() == 1) {
        dm.sourceStatus(sourceId);
      } else {
        dm.getSource(sourceId);
      }
      return true;
    } catch (DmRefusedException e) {
      return false;
    } catch (DmException e) {
      throw new DmActionException("whether source " + sourceId + " exists could not be read: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    try {
      DmVersion v = dm.version();
      Set<String> surfaces = new LinkedHashSet<>();
      for (DmOperation op : List.of(DmOperation.TASK_STATUS, DmOperation.PAUSE_TASK, DmOperation.STOP_TASK,
          DmOperation.CREATE_SOURCE, DmOperation.PAUSE_RELAY)) {
        try {
          surfaces.add(dm.surfaceFor(op).label());
        } catch (DmUnsupportedOperationException e) {
          // not every operation is served on every version
        }
      }
      return "DM " + v.text() + " via " + String.join(", ", surfaces);
    } catch (DmException e) {
      return "DM (version not readable: " + e.getMessage() + ")";
    }
  }

  @Override
  public String describe(String action) {
    String command = action.split(" ")[0];
    Optional<DmOperation> op = switch (command) {
      case "pause-task" -> Optional.of(DmOperation.PAUSE_TASK);
      case "resume-task" -> Optional.of(DmOperation.RESUME_TASK);
      case "stop-task" -> Optional.of(DmOperation.STOP_TASK);
      case "start-task" -> Optional.of(DmOperation.START_TASK);
      case "operate-source" -> Optional.of(action.contains(" create") ? DmOperation.CREATE_SOURCE : DmOperation.REMOVE_SOURCE);
      case "start-relay" -> Optional.of(DmOperation.START_RELAY);
      case "stop-relay" -> Optional.of(DmOperation.STOP_RELAY);
      case "pause-relay" -> Optional.of(DmOperation.PAUSE_RELAY);
      case "resume-relay" -> Optional.of(DmOperation.RESUME_RELAY);
      case "switch-relay-master" -> Optional.of(DmOperation.SWITCH_RELAY_MASTER);
      default -> Optional.empty();
    };
    if (op.isEmpty()) {
      return action;
    }
    try {
      return action + " (" + dm.surfaceFor(op.get()).label() + ")";
    } catch (DmUnsupportedOperationException e) {
      return action + " (NOT AVAILABLE: " + e.getMessage() + ")";
    } catch (DmException e) {
      return action;
    }
  }

  @Override
  public boolean canPauseRelay() {
    try {
      dm.surfaceFor(DmOperation.PAUSE_RELAY);
      return true;
    } catch (DmException e) {
      return false;
    }
  }

  @Override
  public void pauseTask(String task, String source) {
    check("pause-task " + task + " -s " + source, () -> dm.pauseTask(task, source));
  }

  @Override
  public void resumeTask(String task, String source) {
    check("resume-task " + task + " -s " + source, () -> dm.resumeTask(task, source));
  }

  @Override
  public void stopTask(String task, String source) {
    check("stop-task " + task + " -s " + source, () -> dm.stopTask(task, source));
  }

  @Override
  public void startTask(String taskYaml, String source) {
    check("start-task -s " + source, () -> dm.startTask(taskYaml, List.of(source), false));
  }

  @Override
  public Optional<String> taskConfig(String task) {
    try {
      return Optional.of(dm.taskConfig(task));
    } catch (DmUnsupportedOperationException e) {
      return Optional.empty();
    } catch (DmException e) {
      throw new DmActionException("get-config task " + task + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> sourceConfig(String source) {
    try {
      return sourceYaml(source, dm.getSource(source));
    } catch (DmUnsupportedOperationException e) {
      return Optional.empty();
    } catch (DmException e) {
      throw new DmActionException("get-config source " + source + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void removeSource(String source) {
    check("operate-source stop " + source, () -> dm.removeSource(source));
  }

  @Override
  public void createSource(String sourceYaml) {
    check("operate-source create", () -> dm.createSource(sourceYaml));
  }

  @Override
  public void startRelay(String source) {
    check("start-relay -s " + source, () -> dm.startRelay(source, relayWorkers(source)));
  }

  @Override
  public void stopRelay(String source) {
    check("stop-relay -s " + source, () -> dm.stopRelay(source, relayWorkers(source)));
  }

  /** Before 5.4, start-relay and stop-relay need the worker names; from 5.4 none means the bound worker. */
  private String[] relayWorkers(String source) {
    DmVersion v = call("read DM's version", dm::version);
    if (v.atLeast(5, 4, 0)) {
      return new String[0];
    }
    Optional<String> worker = call("query-status -s " + source, () -> dm.sourceStatus(source)).worker();
    return worker.map(w -> new String[] {w}).orElseThrow(() -> new DmActionException("source " + source
        + " is bound to no worker, and DM " + v.text() + " needs one for the relay", null));
  }

  @Override
  public void pauseRelay(String source) {
    check("pause-relay -s " + source, () -> dm.pauseRelay(source));
  }

  @Override
  public void resumeRelay(String source) {
    check("resume-relay -s " + source, () -> dm.resumeRelay(source));
  }

  @Override
  public void switchRelayMaster(String source) {
    check("switch-relay-master " + source, () -> dm.switchRelayMaster(source));
  }

  private static <T> T call(String what, Supplier<T> read) {
    try {
      return read.get();
    } catch (DmException e) {
      throw new DmActionException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static void check(String what, Supplier<OperationResult> action) {
    OperationResult r;
    try {
      r = action.get();
    } catch (DmException e) {
      throw new DmActionException(what + " failed: " + e.getMessage(), e);
    }
    if (!r.succeeded()) {
      List<String> parts = new ArrayList<>();
      if (!r.message().isBlank()) {
        parts.add(r.message());
      }
      for (SourceOutcome f : r.failedSources()) {
        parts.add(f.source() + (f.worker().isEmpty() ? "" : " on " + f.worker()) + ": " + f.message());
      }
      throw new DmActionException(what + " was refused by DM: " + (parts.isEmpty() ? "(no message)" : String.join("; ", parts)).replace("\n", " "), null);
    }
  }
}
