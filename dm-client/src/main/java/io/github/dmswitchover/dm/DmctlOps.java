package io.github.dmswitchover.dm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dmctl surface: the commands of the detected release (DM-FACTS b.2). DM 1.0 addresses workers
 * ({@code -w host:port}); this class maps source ids to workers there through {@code query-status},
 * so callers can use source ids on every version (a worker address is accepted as is).
 */
final class DmctlOps {
  private final DmctlRunner dmctl;
  private final DmVersion version;
  private final boolean v1;
  private final V1Deployment deployment;

  DmctlOps(DmctlRunner dmctl, DmVersion version, V1Deployment deployment) {
    this.dmctl = dmctl;
    this.version = version;
    this.v1 = !version.atLeast(2, 0, 0);
    this.deployment = deployment;
  }

  private Node run(DmOperation op, HttpTransport.Kind kind, String... args) {
    return dmctl.run(op, List.of(args), Optional.empty(), kind);
  }

  private Node run(DmOperation op, HttpTransport.Kind kind, List<String> args) {
    return dmctl.run(op, args, Optional.empty(), kind);
  }

  private static void flags(List<String> args, String flag, List<String> values) {
    for (String v : values) {
      args.add(flag);
      args.add(v);
    }
  }

  // ---------------------------------------------------------------- status

  TaskStatus taskStatus(String task) {
    String what = "query-status " + task;
    return Decode.queryStatus(run(DmOperation.TASK_STATUS, HttpTransport.Kind.READ, "query-status", task), task, what);
  }

  List<TaskSummary> summary(DmOperation op) {
    return Decode.summary(run(op, HttpTransport.Kind.READ, "query-status"), "query-status");
  }

  SourceStatus sourceStatus(String source) {
    String what = "query-status -s " + source;
    TaskStatus st;
    if (v1) {
      String worker = v1Workers(List.of(source)).get(0);
      st = Decode.queryStatus(run(DmOperation.SOURCE_STATUS, HttpTransport.Kind.READ, "query-status", "-w", worker), "", what);
      return st.sources().stream().findFirst()
          .orElseThrow(() -> new DmRefusedException(what, "DM reported nothing for worker " + worker));
    }
    st = Decode.queryStatus(run(DmOperation.SOURCE_STATUS, HttpTransport.Kind.READ, "query-status", "-s", source), "", what);
    return st.sources().stream().filter(s -> s.source().equals(source)).findFirst()
        .orElseThrow(() -> new DmRefusedException(what, "DM reported nothing for source " + source));
  }

  /** DM 1.0: {@code query-status -w <worker>}, the worker's source and relay. */
  SourceStatus v1WorkerStatus(String worker) {
    String what = "query-status -w " + worker;
    TaskStatus st = Decode.queryStatus(run(DmOperation.SOURCE_STATUS, HttpTransport.Kind.READ, "query-status", "-w", worker), "",
        what);
    return st.sources().stream().findFirst()
        .orElseThrow(() -> new DmRefusedException(what, "DM reported nothing for worker " + worker));
  }

  List<String> tasksUsingSource(String source) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    if (v1) {
      List<TaskSummary> tasks = summary(DmOperation.TASKS_USING_SOURCE);
      String worker;
      try {
        worker = v1Workers(List.of(source)).get(0);
      } catch (IllegalArgumentException e) {
        // DM 1.0 learns a source's worker only through its tasks: none is known, so none runs there.
        return List.of();
      }
      for (TaskSummary t : tasks) {
        if (t.members().contains(worker)) {
          names.add(t.task());
        }
      }
      return List.copyOf(names);
    }
    TaskStatus st = Decode.queryStatus(run(DmOperation.TASKS_USING_SOURCE, HttpTransport.Kind.READ, "query-status", "-s",
        source), "", "query-status -s " + source);
    for (SubtaskStatus s : st.subtasks()) {
      names.add(s.task());
    }
    return List.copyOf(names);
  }

  // ---------------------------------------------------------------- tasks

  OperationResult operateTask(DmOperation op, String command, String task, List<String> sources, HttpTransport.Kind kind) {
    List<String> args = new ArrayList<>(List.of(command));
    if (v1) {
      flags(args, "-w", v1Workers(sources));
      args.add(task);
      return withSources(Decode.operation(run(op, kind, args)));
    }
    flags(args, "-s", sources);
    args.add(task);
    return Decode.operation(run(op, kind, args));
  }

  OperationResult startTask(String yaml, List<String> sources, boolean removeMeta) {
    List<String> args = new ArrayList<>(List.of("start-task"));
    if (v1) {
      flags(args, "-w", v1Workers(sources));
    } else {
      flags(args, "-s", sources);
    }
    if (removeMeta) {
      args.add("--remove-meta");
    }
    args.add(DmctlRunner.FILE);
    return withSources(Decode.operation(dmctl.run(DmOperation.START_TASK, args, Optional.of(yaml), HttpTransport.Kind.ONCE)));
  }

  String config(DmOperation op, String type, String name) {
    String what = "get-config " + type + " " + name;
    return Decode.config(run(op, HttpTransport.Kind.READ, "get-config", type, name), what);
  }

  // ---------------------------------------------------------------- sources

  OperationResult createSource(String yaml, Optional<String> worker) {
    List<String> args = new ArrayList<>(List.of("operate-source", "create"));
    worker.ifPresent(w -> {
      args.add("-w");
      args.add(w);
    });
    args.add(DmctlRunner.FILE);
    return Decode.operation(dmctl.run(DmOperation.CREATE_SOURCE, args, Optional.of(yaml), HttpTransport.Kind.ONCE));
  }

  OperationResult removeSource(String source) {
    return Decode.operation(run(DmOperation.REMOVE_SOURCE, HttpTransport.Kind.ONCE, "operate-source", "stop", source));
  }

  OperationResult transferSource(String source, String worker) {
    OperationResult r = Decode.operation(run(DmOperation.TRANSFER_SOURCE, HttpTransport.Kind.ONCE, "transfer-source", source,
        worker));
    return new OperationResult(r.result(), r.message(), List.of(new SourceOutcome(source, worker, r.result(), r.message())));
  }

  OperationResult relay(DmOperation op, String command, String source, List<String> workers) {
    List<String> args = new ArrayList<>(List.of(command, "-s", source));
    args.addAll(workers);
    return Decode.operation(run(op, HttpTransport.Kind.ONCE, args));
  }

  OperationResult pauseResumeRelay(DmOperation op, String command, List<String> sources) {
    List<String> args = new ArrayList<>(List.of(command));
    if (v1) {
      return onV1Workers(op, args, sources);
    }
    flags(args, "-s", sources);
    return Decode.operation(run(op, HttpTransport.Kind.ONCE, args));
  }

  OperationResult switchRelayMaster(List<String> workers) {
    return onV1Workers(DmOperation.SWITCH_RELAY_MASTER, new ArrayList<>(List.of("switch-relay-master")), workers);
  }

  /** DM 1.0 relay commands: {@code -w} for each worker (source ids mapped to their workers). */
  private OperationResult onV1Workers(DmOperation op, List<String> args, List<String> sourcesOrWorkers) {
    flags(args, "-w", v1Workers(sourcesOrWorkers));
    return withSources(Decode.operation(run(op, HttpTransport.Kind.ONCE, args)));
  }

  // ---------------------------------------------------------------- members and locks

  ClusterMembers members() {
    return Decode.members(run(DmOperation.LIST_MEMBERS, HttpTransport.Kind.READ, "list-member"), "list-member");
  }

  OperationResult offlineMember(MemberType type, String name) {
    return Decode.operation(run(DmOperation.OFFLINE_MEMBER, HttpTransport.Kind.ONCE, "offline-member", "--" + type.dmName(),
        "--name", name));
  }

  List<ShardDdlLock> locks(Optional<String> task) {
    List<String> args = new ArrayList<>();
    args.add(version.atLeast(5, 3, 0) ? "shard-ddl-lock" : "show-ddl-locks");
    task.ifPresent(args::add);
    return Decode.locks(run(DmOperation.SHARD_DDL_LOCKS, HttpTransport.Kind.READ, args), String.join(" ", args));
  }

  // ---------------------------------------------------------------- DM 1.0: sources and workers

  /**
   * DM 1.0: the worker address of each source id; an argument that is a worker address ({@code
   * host:port}) is used as it is. DM 1.0 binds each source to a worker in the master's deployment
   * configuration, so the mapping is cached per client and read again only when a source is
   * missing from it.
   *
   * @throws IllegalArgumentException for a source DM 1.0 names no worker for (no task runs on it)
   */
  List<String> v1Workers(List<String> sourcesOrWorkers) {
    if (sourcesOrWorkers.isEmpty()) {
      return List.of();
    }
    Map<String, String> cached = deployment.map();
    Map<String, String> bySource = sourcesOrWorkers.stream().allMatch(s -> cached.containsKey(s) || cached.containsValue(s))
        ? cached : refresh();
    List<String> out = new ArrayList<>();
    for (String s : sourcesOrWorkers) {
      String worker = bySource.get(s);
      if (worker == null && !isAddress(s)) {
        throw new IllegalArgumentException("DM 1.0 addresses workers, and query-status names no worker for source " + s
            + " (no task runs on it); pass the worker's address (host:port) instead");
      }
      out.add(worker == null ? s : worker);
    }
    return out;
  }

  private static boolean isAddress(String s) {
    int colon = s.lastIndexOf(':');
    return colon > 0 && colon < s.length() - 1 && s.substring(colon + 1).chars().allMatch(Character::isDigit);
  }

  /** DM 1.0: source id to worker address, as far as query-status can tell (cached). */
  Map<String, String> v1SourceMap() {
    Map<String, String> cached = deployment.map();
    return cached.isEmpty() ? refresh() : cached;
  }

  /** Reads the mapping again: the summary's workers, then {@code query-status -w} on all of them. */
  private Map<String, String> refresh() {
    LinkedHashSet<String> workers = new LinkedHashSet<>();
    summary(DmOperation.LIST_TASKS).forEach(t -> workers.addAll(t.members()));
    Map<String, String> bySource = new LinkedHashMap<>();
    if (!workers.isEmpty()) {
      List<String> args = new ArrayList<>(List.of("query-status"));
      flags(args, "-w", List.copyOf(workers));
      TaskStatus st = Decode.queryStatus(run(DmOperation.SOURCE_STATUS, HttpTransport.Kind.READ, args), "", "query-status -w");
      for (SourceStatus s : st.sources()) {
        if (!s.source().isEmpty() && s.worker().isPresent()) {
          bySource.put(s.source(), s.worker().get());
        }
      }
    }
    return deployment.merge(bySource);
  }

  /** DM 1.0 names workers only; fill in the source ids it is known to serve. */
  private OperationResult withSources(OperationResult r) {
    if (!v1 || r.sources().stream().allMatch(s -> !s.source().isEmpty())) {
      return r;
    }
    Map<String, String> byWorker = new LinkedHashMap<>();
    Map<String, String> bySource = deployment.map();
    if (r.sources().stream().anyMatch(o -> o.source().isEmpty() && !bySource.containsValue(o.worker()))) {
      try {
        refresh();
      } catch (DmException e) {
        return r;
      }
    }
    deployment.map().forEach((source, worker) -> byWorker.put(worker, source));
    List<SourceOutcome> outcomes = new ArrayList<>();
    for (SourceOutcome o : r.sources()) {
      outcomes.add(o.source().isEmpty() ? new SourceOutcome(byWorker.getOrDefault(o.worker(), ""), o.worker(), o.ok(), o.message())
          : o);
    }
    return new OperationResult(r.result(), r.message(), outcomes);
  }
}
