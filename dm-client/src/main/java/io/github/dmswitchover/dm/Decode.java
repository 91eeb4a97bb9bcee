package io.github.dmswitchover.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads DM's answers into the client's model: the gateway's and dmctl's protobuf JSON (camelCase,
 * int64 as strings; DM 1.0's {@code workers} form too) and the OpenAPI's JSON (snake_case).
 */
final class Decode {
  private Decode() {}

  // ------------------------------------------------------------------ common

  /** Throws {@link DmRefusedException} when a gateway / dmctl answer says {@code "result": false}. */
  static void requireResult(Node root, String what) {
    if (!root.bool("result").orElse(true)) {
      throw new DmRefusedException(what, root.textOr("msg", ""));
    }
  }

  /** A {@code ProcessResult} ({@code {isCanceled, errors, detail}}) or null: its errors. */
  static List<DmError> processErrors(Node parent, String field) {
    Optional<Node> result = parent.object(field);
    if (result.isEmpty()) {
      return List.of();
    }
    List<DmError> out = new ArrayList<>();
    for (Node e : result.get().array("errors")) {
      out.add(errorObject(e));
    }
    return out;
  }

  static boolean canceled(Node parent, String field) {
    return parent.object(field).flatMap(r -> r.bool("isCanceled")).orElse(false);
  }

  /** One error object in any of DM's three generations. */
  static DmError errorObject(Node e) {
    if (e.isText()) {
      return ErrorTexts.parseLine(e.asText());
    }
    if (!e.isObject()) {
      throw e.wrong("an error object");
    }
    if (e.has("ErrCode") || e.has("ErrClass") || e.has("Message")) {
      return terror(e, Optional.empty(), Optional.empty());
    }
    Optional<String> type = e.nonEmptyText("Type");
    String msg = e.textOr("msg", "");
    Optional<Node> nested = e.object("error");
    if (nested.isPresent()) {
      DmError inner = terror(nested.get(), type, Optional.of(msg));
      return inner;
    }
    return new DmError(OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty(), msg,
        Optional.empty(), Optional.empty(), type);
  }

  /** {@code {ErrCode, ErrClass, ErrScope, ErrLevel, Message, RawCause[, Workaround]}}; class/scope/level text or (1.0.2–1.0.7) numbers. */
  private static DmError terror(Node e, Optional<String> type, Optional<String> outerMsg) {
    OptionalInt code = e.int32("ErrCode");
    String message = e.textOr("Message", "");
    if (message.isEmpty() && outerMsg.isPresent()) {
      message = outerMsg.get();
    }
    return new DmError(code, textOrNumber(e, "ErrClass"), textOrNumber(e, "ErrScope"), textOrNumber(e, "ErrLevel"),
        message, e.nonEmptyText("RawCause"), e.nonEmptyText("Workaround"), type);
  }

  private static Optional<String> textOrNumber(Node e, String name) {
    Node f = e.field(name);
    if (f.json().isIntegralNumber()) {
      return Optional.of(f.json().asText());
    }
    return e.nonEmptyText(name);
  }

  static DmGtids gtids(Node n, String field) {
    return DmGtids.parse(n.textOr(field, ""));
  }

  // ------------------------------------------------------------------ gateway / dmctl status

  /**
   * {@code query-status <task>} / {@code query-status -s <source>} (2.0+ {@code sources}, 1.0
   * {@code workers}); {@code task} filters subtasks when not empty.
   */
  static TaskStatus queryStatus(Node root, String task, String what) {
    requireResult(root, what);
    List<SubtaskStatus> subtasks = new ArrayList<>();
    List<SourceStatus> sources = new ArrayList<>();
    if (root.has("workers") && !root.has("sources")) {
      for (Node w : root.array("workers")) {
        String worker = w.textOr("worker", "");
        String source = w.textOr("sourceID", "");
        Optional<RelayStatus> relay = w.object("relayStatus").map(Decode::relay);
        sources.add(new SourceStatus(source, nonEmpty(worker), w.bool("result").orElse(true), w.textOr("msg", ""), relay,
            List.of()));
        for (Node st : w.array("subTaskStatus")) {
          SubtaskStatus s = subtask(st, source, worker);
          if (task.isEmpty() || s.task().equals(task)) {
            subtasks.add(s);
          }
        }
      }
    } else {
      for (Node s : root.array("sources")) {
        Optional<Node> ss = s.object("sourceStatus");
        String source = ss.map(x -> x.textOr("source", "")).orElse("");
        String worker = ss.map(x -> x.textOr("worker", "")).orElse("");
        Optional<RelayStatus> relay = ss.flatMap(x -> x.object("relayStatus")).map(Decode::relay);
        List<DmError> errors = ss.map(x -> processErrors(x, "result")).orElse(List.of());
        sources.add(new SourceStatus(source, nonEmpty(worker), s.bool("result").orElse(true), s.textOr("msg", ""), relay,
            errors));
        for (Node st : s.array("subTaskStatus")) {
          SubtaskStatus sub = subtask(st, source, worker);
          if (task.isEmpty() || sub.task().equals(task)) {
            subtasks.add(sub);
          }
        }
      }
    }
    return new TaskStatus(task, subtasks, sources);
  }

  static SubtaskStatus subtask(Node st, String source, String worker) {
    Optional<SyncStatus> sync = st.object("sync").map(Decode::sync);
    Optional<LoadStatus> load = st.object("load").map(l -> new LoadStatus(l.int64("finishedBytes"), l.int64("totalBytes"),
        l.textOr("progress", ""), l.textOr("metaBinlog", ""),
        DmGtids.parse(l.text("metaBinlogGTID").or(() -> l.text("metaBinlogGtid")).orElse(""))));
    Optional<DumpStatus> dump = st.object("dump").map(d -> new DumpStatus(d.number("totalTables"), d.number("completedTables"),
        d.number("finishedBytes"), d.number("finishedRows"), d.number("estimateTotalRows"), d.textOr("progress", "")));
    Optional<ValidationStatus> validation = st.object("validation").map(Decode::validation);
    return new SubtaskStatus(st.textOr("name", ""), source, nonEmpty(worker), Stage.of(st.textOr("stage", "")),
        Unit.of(st.textOr("unit", "")), processErrors(st, "result"), canceled(st, "result"),
        st.nonEmptyText("unresolvedDDLLockID"), sync, load, dump, validation, st.nonEmptyText("msg"));
  }

  static SyncStatus sync(Node s) {
    List<ShardGroup> groups = new ArrayList<>();
    for (Node g : s.array("unresolvedGroups")) {
      groups.add(new ShardGroup(g.textOr("target", ""), g.strings("DDLs"),
          g.text("firstLocation").or(() -> g.text("firstPos")).orElse(""), g.strings("synced"), g.strings("unsynced")));
    }
    return new SyncStatus(s.textOr("masterBinlog", ""), gtids(s, "masterBinlogGtid"), s.textOr("syncerBinlog", ""),
        gtids(s, "syncerBinlogGtid"), s.bool("synced").orElse(false), s.nonEmptyText("binlogType"),
        s.int64("secondsBehindMaster"), s.int64("totalEvents"), s.int64("totalRows"), s.strings("blockingDDLs"), groups,
        s.nonEmptyText("blockDDLOwner"), s.nonEmptyText("conflictMsg"));
  }

  static RelayStatus relay(Node r) {
    return new RelayStatus(r.textOr("masterBinlog", ""), gtids(r, "masterBinlogGtid"), r.textOr("relaySubDir", ""),
        r.text("relayBinlog"), gtids(r, "relayBinlogGtid"), r.bool("relayCatchUpMaster").orElse(false),
        Stage.of(r.textOr("stage", "")), processErrors(r, "result"));
  }

  static ValidationStatus validation(Node v) {
    return new ValidationStatus(Stage.of(v.textOr("stage", "")), v.textOr("mode", ""), v.textOr("validatorBinlog", ""),
        gtids(v, "validatorBinlogGtid"),
        DmGtids.parse(v.text("cutoverBinlogGtid").or(() -> v.text("cutoverBinlogGTID")).orElse("")),
        v.textOr("processedRowsStatus", ""), v.textOr("pendingRowsStatus", ""), v.textOr("errorRowsStatus", ""));
  }

  /** dmctl's summary ({@code query-status} alone): {@code tasks[].{taskName, taskStatus, sources|workers}}. */
  static List<TaskSummary> summary(Node root, String what) {
    requireResult(root, what);
    List<TaskSummary> out = new ArrayList<>();
    for (Node t : root.array("tasks")) {
      List<String> members = t.has("sources") ? t.strings("sources") : t.strings("workers");
      out.add(new TaskSummary(t.requiredText("taskName"), t.textOr("taskStatus", ""), members));
    }
    return out;
  }

  /** dmctl {@code validation status}: {@code validators[]}. */
  static List<ValidationStatus> validators(Node root, String what) {
    requireResult(root, what);
    List<ValidationStatus> out = new ArrayList<>();
    for (Node v : root.array("validators")) {
      out.add(validation(v));
    }
    return out;
  }

  // ------------------------------------------------------------------ OpenAPI status

  /** {@code GET /api/v1/tasks/{name}/status}: {@code {total, data: [SubTaskStatus]}}. */
  static TaskStatus openApiTaskStatus(Node root, String task) {
    List<SubtaskStatus> subtasks = new ArrayList<>();
    List<SourceStatus> sources = new ArrayList<>();
    for (Node st : root.array("data")) {
      String source = st.textOr("source_name", "");
      String worker = st.textOr("worker_name", "");
      List<DmError> errors = ErrorTexts.parseLines(st.textOr("error_msg", ""));
      Optional<SyncStatus> sync = st.object("sync_status").map(Decode::openApiSync);
      Optional<LoadStatus> load = st.object("load_status").map(l -> new LoadStatus(l.int64("finished_bytes"),
          l.int64("total_bytes"), l.textOr("progress", ""), l.textOr("meta_binlog", ""), gtids(l, "meta_binlog_gtid")));
      Optional<DumpStatus> dump = st.object("dump_status").map(d -> new DumpStatus(d.number("total_tables"),
          d.number("completed_tables"), d.number("finished_bytes"), d.number("finished_rows"),
          d.number("estimate_total_rows"), d.textOr("progress", "")));
      subtasks.add(new SubtaskStatus(st.textOr("name", task), source, nonEmpty(worker), Stage.of(st.textOr("stage", "")),
          Unit.of(st.textOr("unit", "")), errors, false, st.nonEmptyText("unresolved_ddl_lock_id"), sync, load, dump,
          Optional.empty(), Optional.empty()));
      sources.add(new SourceStatus(source, nonEmpty(worker), !worker.isEmpty(), "", Optional.empty(), List.of()));
    }
    return new TaskStatus(task, subtasks, sources);
  }

  static SyncStatus openApiSync(Node s) {
    List<ShardGroup> groups = new ArrayList<>();
    for (Node g : s.array("unresolved_groups")) {
      groups.add(new ShardGroup(g.textOr("target", ""), g.strings("ddl_list"), g.textOr("first_location", ""),
          g.strings("synced"), g.strings("unsynced")));
    }
    return new SyncStatus(s.textOr("master_binlog", ""), gtids(s, "master_binlog_gtid"), s.textOr("syncer_binlog", ""),
        gtids(s, "syncer_binlog_gtid"), s.bool("synced").orElse(false), s.nonEmptyText("binlog_type"),
        s.int64("seconds_behind_master"), s.int64("total_events"), java.util.OptionalLong.empty(),
        s.strings("blocking_ddls"), groups, Optional.empty(), Optional.empty());
  }

  /** One OpenAPI {@code SourceStatus}; a lone {@code source_name} means the source is bound to no worker. */
  static SourceStatus openApiSourceStatus(Node s) {
    String worker = s.textOr("worker_name", "");
    List<DmError> errors = ErrorTexts.parseLines(s.textOr("error_msg", ""));
    Optional<RelayStatus> relay = s.object("relay_status").map(r -> new RelayStatus(r.textOr("master_binlog", ""),
        gtids(r, "master_binlog_gtid"), r.textOr("relay_dir", ""), Optional.empty(), gtids(r, "relay_binlog_gtid"),
        r.bool("relay_catch_up_master").orElse(false), Stage.of(r.textOr("stage", "")), errors));
    return new SourceStatus(s.textOr("source_name", ""), nonEmpty(worker), !worker.isEmpty(), "", relay, errors);
  }

  // ------------------------------------------------------------------ operations

  /**
   * An operation's answer: 2.0+ {@code {op?, result, msg, sources?: [{result, msg, source, worker}]}},
   * DM 1.0 {@code {op?, result, msg, workers: [{op?, result, worker, msg}]}} (or {@code {meta: {...}}}).
   */
  static OperationResult operation(Node root) {
    List<SourceOutcome> outcomes = new ArrayList<>();
    for (Node s : root.array("sources")) {
      outcomes.add(new SourceOutcome(s.textOr("source", ""), s.textOr("worker", ""), s.bool("result").orElse(false),
          s.textOr("msg", "")));
    }
    for (Node w : root.array("workers")) {
      Node m = w.object("meta").orElse(w);
      outcomes.add(new SourceOutcome(m.textOr("source", ""), m.textOr("worker", ""), m.bool("result").orElse(false),
          m.textOr("msg", "")));
    }
    return new OperationResult(root.bool("result").orElse(false), root.textOr("msg", ""), outcomes);
  }

  /** {@code GetCfg}: {@code {result, msg, cfg}}. */
  static String config(Node root, String what) {
    requireResult(root, what);
    return root.textOr("cfg", "");
  }

  // ------------------------------------------------------------------ members

  /** {@code list-member}: {@code members[]} of {@code {leader}}, {@code {master}}, {@code {worker}}. */
  static ClusterMembers members(Node root, String what) {
    requireResult(root, what);
    Optional<LeaderInfo> leader = Optional.empty();
    List<MasterMember> masters = new ArrayList<>();
    List<WorkerMember> workers = new ArrayList<>();
    for (Node m : root.array("members")) {
      Optional<Node> l = m.object("leader");
      if (l.isPresent()) {
        String name = l.get().textOr("name", "");
        if (!name.isEmpty()) {
          leader = Optional.of(new LeaderInfo(name, l.get().textOr("addr", "")));
        }
      }
      Optional<Node> ms = m.object("master");
      if (ms.isPresent()) {
        for (Node x : ms.get().array("masters")) {
          masters.add(new MasterMember(x.requiredText("name"), x.uint64("memberID"), x.bool("alive").orElse(false),
              x.strings("peerURLs"), x.strings("clientURLs")));
        }
      }
      Optional<Node> ws = m.object("worker");
      if (ws.isPresent()) {
        for (Node x : ws.get().array("workers")) {
          workers.add(new WorkerMember(x.requiredText("name"), x.textOr("addr", ""), WorkerStage.of(x.textOr("stage", "")),
              x.nonEmptyText("source")));
        }
      }
    }
    return new ClusterMembers(leader, masters, workers);
  }

  /** OpenAPI {@code GET /cluster/masters} and {@code /cluster/workers}. */
  static ClusterMembers openApiMembers(Node masters, Node workers) {
    Optional<LeaderInfo> leader = Optional.empty();
    List<MasterMember> ms = new ArrayList<>();
    for (Node m : masters.array("data")) {
      String name = m.requiredText("name");
      String addr = m.textOr("addr", "");
      if (m.bool("leader").orElse(false)) {
        leader = Optional.of(new LeaderInfo(name, ""));
      }
      ms.add(new MasterMember(name, Optional.empty(), m.bool("alive").orElse(false),
          addr.isEmpty() ? List.of() : List.of(addr), List.of()));
    }
    List<WorkerMember> ws = new ArrayList<>();
    for (Node w : workers.array("data")) {
      ws.add(new WorkerMember(w.requiredText("name"), w.textOr("addr", ""), WorkerStage.of(w.textOr("bound_stage", "")),
          w.nonEmptyText("bound_source_name")));
    }
    return new ClusterMembers(leader, ms, ws);
  }

  // ------------------------------------------------------------------ shard DDL locks

  /** {@code show-ddl-locks} / {@code shard-ddl-lock}; DM 1.0 prints {@code workers} and {@code ready}. */
  static List<ShardDdlLock> locks(Node root, String what) {
    requireResult(root, what);
    List<ShardDdlLock> out = new ArrayList<>();
    for (Node l : root.array("locks")) {
      List<String> synced;
      List<String> unsynced;
      if (l.has("ready") || l.has("workers")) {
        synced = l.strings("ready");
        List<String> all = l.strings("workers");
        unsynced = all.stream().filter(w -> !synced.contains(w)).toList();
      } else {
        synced = l.strings("synced");
        unsynced = l.strings("unsynced");
      }
      out.add(new ShardDdlLock(l.requiredText("ID"), l.textOr("task", ""), l.textOr("mode", ""), l.textOr("owner", ""),
          l.strings("DDLs"), synced, unsynced));
    }
    return out;
  }

  // ------------------------------------------------------------------ sources and tasks (OpenAPI)

  /** An OpenAPI {@code Source}. */
  static SourceInfo openApiSource(Node s, String text) {
    OptionalInt port = s.int32("port");
    return new SourceInfo(s.requiredText("source_name"), s.nonEmptyText("host"), port, s.nonEmptyText("user"),
        s.bool("enable_gtid").orElse(false), s.bool("enable"),
        s.object("relay_config").flatMap(r -> r.bool("enable_relay")), s.nonEmptyText("flavor"), text);
  }

  /** The names of the tasks in an OpenAPI {@code GetTaskListResponse}, with the sources each uses. */
  static List<OpenApiTask> openApiTasks(Node root) {
    List<OpenApiTask> out = new ArrayList<>();
    for (Node t : root.array("data")) {
      List<String> sources = new ArrayList<>();
      for (Node sc : t.object("source_config").map(c -> c.array("source_conf")).orElse(List.of())) {
        sc.nonEmptyText("source_name").ifPresent(sources::add);
      }
      out.add(new OpenApiTask(t.requiredText("name"), sources));
    }
    return out;
  }

  /** A task from an OpenAPI task list: its name and sources. */
  record OpenApiTask(String name, List<String> sources) {}

  /** A source's configuration from {@code get-config} YAML (passwords already masked by DM). */
  static SourceInfo yamlSource(String yaml, String what) {
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      tree = SimpleYaml.read(yaml);
    } catch (IllegalArgumentException e) {
      throw new DmDecodeException(what, "", Secrets.mask(e.getMessage()), e);
    }
    Node n = new Node(tree, "", what);
    Node from = n.object("from").orElse(new Node(Json.newObject(), "/from", what));
    OptionalInt port = OptionalInt.empty();
    Optional<String> portText = from.nonEmptyText("port");
    if (portText.isPresent()) {
      try {
        port = OptionalInt.of(Integer.parseInt(portText.get()));
      } catch (NumberFormatException e) {
        throw from.field("port").problem("\"" + portText.get() + "\" is not a port");
      }
    }
    return new SourceInfo(n.requiredText("source-id"), from.nonEmptyText("host"), port, from.nonEmptyText("user"),
        yamlBool(n, "enable-gtid").orElse(false), yamlBool(n, "enable"), yamlBool(n, "enable-relay"), n.nonEmptyText("flavor"),
        yaml);
  }

  private static Optional<Boolean> yamlBool(Node n, String name) {
    return n.nonEmptyText(name).map(v -> {
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      throw n.field(name).problem("\"" + v + "\" is not a boolean");
    });
  }

  static Optional<String> nonEmpty(String s) {
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
