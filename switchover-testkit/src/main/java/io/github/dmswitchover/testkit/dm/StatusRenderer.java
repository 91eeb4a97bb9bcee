package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders the cluster's status in each surface's own JSON: the protobuf messages dmctl and the
 * gateway print ({@code QueryStatusListResponse}, DM 1.0's {@code workers} form) and the OpenAPI
 * schemas. Field names, order and JSON types follow dmworker.proto / dm.yaml per profile
 * (DM-FACTS a.5, b.3).
 */
final class StatusRenderer {
  private final SimCluster cluster;

  StatusRenderer(SimCluster cluster) {
    this.cluster = cluster;
  }

  /** Reads every named source's upstream (outside the cluster monitor: each is a network round trip). */
  Map<String, Optional<UpstreamStatus.Reading>> readUpstreams(List<String> sourceIds) {
    Map<String, SourceConfig> configs = new HashMap<>();
    Map<String, Boolean> flavors = new HashMap<>();
    synchronized (cluster) {
      for (String id : sourceIds) {
        cluster.findSource(id).ifPresent(s -> {
          configs.put(id, s.workerConfig);
          flavors.put(id, s.mariadb);
        });
      }
    }
    Map<String, Optional<UpstreamStatus.Reading>> out = new HashMap<>();
    configs.forEach((id, cfg) -> out.put(id, UpstreamStatus.read(cfg, flavors.get(id))));
    return out;
  }

  // ---------------------------------------------------------------- gateway / dmctl 2.0+

  /**
   * {@code QueryStatusListResponse} for a task ({@code name}), a set of sources, or everything.
   *
   * @throws DmOperationException with DM's plain-text refusal when the task or a source is unknown
   */
  ObjectNode queryStatus(String name, List<String> onlySources) {
    List<String> sourceIds = sourcesFor(name, onlySources);
    Map<String, Optional<UpstreamStatus.Reading>> upstream = readUpstreams(sourceIds);
    synchronized (cluster) {
      ObjectNode root = JsonText.object();
      root.put("result", true);
      root.put("msg", "");
      ArrayNode list = root.putArray("sources");
      for (String id : sourceIds) {
        list.add(sourceResponse(id, name, upstream.getOrDefault(id, Optional.empty())));
      }
      return root;
    }
  }

  private List<String> sourcesFor(String name, List<String> onlySources) {
    synchronized (cluster) {
      if (!onlySources.isEmpty()) {
        List<String> unknown = onlySources.stream().filter(s -> cluster.findSource(s).isEmpty()).toList();
        if (!unknown.isEmpty()) {
          throw new DmOperationException("sources " + unknown.toString().replace(",", "") + " haven't been added");
        }
        return onlySources;
      }
      if (!name.isEmpty()) {
        List<String> s = cluster.sourcesOfTask(name);
        if (s.isEmpty()) {
          throw new DmOperationException("task " + name + " has no source or not exist");
        }
        return s;
      }
      List<String> bound = new ArrayList<>();
      for (SimCluster.SourceState s : cluster.allSources()) {
        if (s.worker != null) {
          bound.add(s.config.sourceId());
        }
      }
      return bound;
    }
  }

  private ObjectNode sourceResponse(String id, String task, Optional<UpstreamStatus.Reading> up) {
    SimCluster.SourceState src = cluster.source(id);
    ObjectNode r = JsonText.object();
    if (src.worker == null) {
      r.put("result", false);
      r.put("msg", "source " + id + " relevant worker-client not found");
      ObjectNode ss = r.putObject("sourceStatus");
      ss.put("source", id);
      ss.put("worker", "");
      ss.putNull("result");
      ss.putNull("relayStatus");
      r.putArray("subTaskStatus");
      return r;
    }
    List<SubtaskRuntime> subtasks = cluster.subtasksOf(id).stream().filter(st -> task.isEmpty() || st.task.equals(task)).toList();
    r.put("result", true);
    r.put("msg", subtasks.isEmpty() ? "no sub task started" : "");
    ObjectNode ss = r.putObject("sourceStatus");
    ss.put("source", id);
    ss.put("worker", src.worker);
    ss.putNull("result");
    if (src.relay == null) {
      ss.putNull("relayStatus");
    } else {
      ss.set("relayStatus", relayStatus(src.relay, up));
    }
    ArrayNode sts = r.putArray("subTaskStatus");
    for (SubtaskRuntime st : subtasks) {
      sts.add(subtaskStatus(st, up));
    }
    return r;
  }

  ObjectNode relayStatus(RelayRuntime relay, Optional<UpstreamStatus.Reading> up) {
    ObjectNode n = JsonText.object();
    String master = up.map(UpstreamStatus.Reading::masterBinlog).orElse("");
    String masterGtid = up.map(u -> u.executed().toDmString()).orElse("");
    String relayGtid = relay.relayed().toDmString();
    n.put("masterBinlog", master);
    n.put("masterBinlogGtid", masterGtid);
    n.put("relaySubDir", relay.subDir());
    n.put("relayBinlog", relay.relayBinlog());
    n.put("relayBinlogGtid", relayGtid);
    // DM compares the two texts (DM-FACTS b.3); an empty upstream reading never counts as caught up.
    n.put("relayCatchUpMaster", up.isPresent() && masterGtid.equals(relayGtid));
    n.put("stage", relay.stage.name());
    if (relay.errors.isEmpty()) {
      n.putNull("result");
    } else {
      n.set("result", processResult(relay.errors, false));
    }
    return n;
  }

  ObjectNode subtaskStatus(SubtaskRuntime st, Optional<UpstreamStatus.Reading> up) {
    DmProfile p = cluster.profile();
    ObjectNode n = JsonText.object();
    n.put("name", st.task);
    n.put("stage", st.stage.name());
    n.put("unit", st.unit.protoName());
    if (st.errors.isEmpty() && !st.canceled) {
      n.putNull("result");
    } else {
      n.set("result", processResult(st.errors, st.canceled));
    }
    n.put("unresolvedDDLLockID", st.unresolvedLockId);
    switch (st.unit) {
      case SYNC -> n.set("sync", syncStatus(st, up));
      case LOAD -> n.set("load", loadStatus(st));
      case DUMP -> n.set("dump", dumpStatus());
      case CHECK -> n.set("check", checkStatus());
    }
    if (p.hasValidation()) {
      n.putNull("validation");
    }
    return n;
  }

  private ObjectNode syncStatus(SubtaskRuntime st, Optional<UpstreamStatus.Reading> up) {
    DmProfile p = cluster.profile();
    ObjectNode n = JsonText.object();
    Optional<SimCluster.Checkpoint> cp = st.checkpoint();
    String masterGtid = up.map(u -> u.executed().toDmString()).orElse("");
    // DM 1.0: "syncerBinlogGtid is always empty because Sync does not use GTID" (DM-FACTS b.3).
    String syncerGtid = p == DmProfile.V1_0 ? "" : cp.map(c -> c.gtids().toDmString()).orElse("");
    boolean gtidMode = cluster.source(st.source).config.enableGtid();
    String syncerBinlog = cp.map(c -> "(" + binlogName(st, c.file()) + ", " + c.position() + ")").orElse("");
    String masterBinlog = up.map(UpstreamStatus.Reading::masterBinlog).orElse("");
    n.put("totalEvents", Long.toString(st.totalEvents));
    n.put("totalTps", "0");
    n.put("recentTps", "0");
    n.put("masterBinlog", masterBinlog);
    n.put("masterBinlogGtid", masterGtid);
    n.put("syncerBinlog", syncerBinlog);
    n.put("syncerBinlogGtid", gtidMode ? syncerGtid : "");
    ArrayNode blocking = n.putArray("blockingDDLs");
    st.blockingDdls.forEach(blocking::add);
    ArrayNode groups = n.putArray("unresolvedGroups");
    for (ShardDdlLock lock : cluster.locks(st.task, List.of(st.source))) {
      ObjectNode g = groups.addObject();
      g.put("target", lock.id().startsWith(st.task + "-") ? lock.id().substring(st.task.length() + 1) : lock.id());
      lock.ddls().forEach(g.putArray("DDLs")::add);
      String location = "position: " + syncerBinlog + ", gtid-set: " + syncerGtid;
      g.put(p == DmProfile.V1_0 ? "firstPos" : "firstLocation", p == DmProfile.V1_0 ? syncerBinlog : location);
      lock.synced().forEach(g.putArray("synced")::add);
      lock.unsynced().forEach(g.putArray("unsynced")::add);
    }
    // synced: string equality of the GTID texts in GTID mode, else of the positions (DM-FACTS b.3).
    boolean synced = up.isPresent() && (gtidMode ? masterGtid.equals(syncerGtid) : masterBinlog.equals(syncerBinlog));
    n.put("synced", synced);
    if (p != DmProfile.V1_0) {
      n.put("binlogType", st.fromRelay ? "local" : "remote");
    }
    if (p.hasSecondsBehindMaster()) {
      n.put("secondsBehindMaster", "0");
    }
    if (p.hasBlockDdlOwner()) {
      n.put("blockDDLOwner", "");
      n.put("conflictMsg", "");
    }
    if (p.hasRowCounters()) {
      n.put("totalRows", Long.toString(st.totalEvents));
      n.put("totalRps", "0");
      n.put("recentRps", "0");
    }
    if (p.hasIoBytes()) {
      n.put("ioTotalBytes", "0");
      n.put("dumpIOTotalBytes", "0");
    }
    return n;
  }

  /** With relay, DM names the file with the relay sub-directory suffix: {@code mysql-bin|000001.000003}. */
  private String binlogName(SubtaskRuntime st, String file) {
    SimCluster.SourceState src = cluster.source(st.source);
    if (!st.fromRelay || src.relay == null || file.isEmpty() || src.relay.subDirs.isEmpty()) {
      return file;
    }
    int dot = file.lastIndexOf('.');
    int suffix = src.relay.subDirs.get(src.relay.subDirs.size() - 1).suffix();
    return dot < 0 ? file : file.substring(0, dot) + "|" + String.format("%06d", suffix) + file.substring(dot);
  }

  private ObjectNode loadStatus(SubtaskRuntime st) {
    DmProfile p = cluster.profile();
    ObjectNode n = JsonText.object();
    n.put("finishedBytes", Long.toString(st.loadFinishedBytes));
    n.put("totalBytes", "1024");
    n.put("progress", String.format("%.2f %%", st.loadFinishedBytes * 100.0 / 1024));
    if (p != DmProfile.V1_0) {
      n.put("metaBinlog", "");
      n.put("metaBinlogGTID", st.dumpPosition == null ? "" : st.dumpPosition.toDmString());
    }
    if (p.hasRowCounters()) {
      n.put("bps", "0");
    }
    return n;
  }

  private ObjectNode dumpStatus() {
    DmProfile p = cluster.profile();
    ObjectNode n = JsonText.object();
    n.put("totalTables", "1");
    n.put("completedTables", 0);
    n.put("finishedBytes", 0);
    n.put("finishedRows", 0);
    if (p.atLeast(5, 4, 0)) {
      n.put("estimateTotalRows", 0);
    }
    if (p.hasRowCounters()) {
      n.put("bps", "0");
      n.put("progress", "0.00 %");
    }
    return n;
  }

  private static ObjectNode checkStatus() {
    ObjectNode n = JsonText.object();
    n.put("passed", true);
    n.put("total", 0);
    n.put("successful", 0);
    n.put("failed", 0);
    n.put("warning", 0);
    n.putNull("detail");
    return n;
  }

  /** A {@code ProcessResult}: DM 2.0+ terror objects, DM 1.0 {@code {"Type", "msg"}}. */
  ObjectNode processResult(List<DmError> errors, boolean canceled) {
    ObjectNode r = JsonText.object();
    r.put("isCanceled", canceled);
    ArrayNode list = r.putArray("errors");
    for (DmError e : errors) {
      ObjectNode o = list.addObject();
      if (cluster.profile().legacyErrorObjects()) {
        o.put("Type", "UnknownError");
        o.put("msg", e.code() == 0 ? e.message() : e.flattened());
      } else {
        o.put("ErrCode", e.code());
        o.put("ErrClass", e.errClass());
        o.put("ErrScope", e.scope());
        o.put("ErrLevel", e.level());
        o.put("Message", e.message());
        o.put("RawCause", e.rawCause());
        o.put("Workaround", e.workaround());
      }
    }
    r.putNull("detail");
    return r;
  }

  // ---------------------------------------------------------------- DM 1.0

  /** DM 1.0 {@code query-status [task]}: one entry per worker (DM-FACTS b.3, 1.0 samples). */
  ObjectNode queryStatusV1(String name, List<String> onlyWorkers) {
    List<String> sourceIds = new ArrayList<>();
    synchronized (cluster) {
      for (SimCluster.WorkerState w : cluster.workers.values()) {
        if (w.boundSource != null && (onlyWorkers.isEmpty() || onlyWorkers.contains(w.address))
            && (name.isEmpty() || cluster.sourcesOfTask(name).contains(w.boundSource))) {
          sourceIds.add(w.boundSource);
        }
      }
    }
    Map<String, Optional<UpstreamStatus.Reading>> upstream = readUpstreams(sourceIds);
    synchronized (cluster) {
      ObjectNode root = JsonText.object();
      if (!name.isEmpty() && cluster.sourcesOfTask(name).isEmpty()) {
        root.put("result", false);
        // The 1.0 wording of this refusal is not recorded; this is the 2.0+ text with "workers".
        root.put("msg", "task " + name + " has no workers or not exist, please check the task name and status");
        root.putArray("workers");
        return root;
      }
      root.put("result", true);
      root.put("msg", "");
      ArrayNode list = root.putArray("workers");
      for (String id : sourceIds) {
        SimCluster.SourceState src = cluster.source(id);
        SimCluster.WorkerState w = cluster.worker(src.worker);
        Optional<UpstreamStatus.Reading> up = upstream.getOrDefault(id, Optional.empty());
        ObjectNode o = list.addObject();
        o.put("result", true);
        o.put("worker", w.address);
        o.put("msg", "");
        ArrayNode sts = o.putArray("subTaskStatus");
        for (SubtaskRuntime st : cluster.subtasksOf(id)) {
          if (name.isEmpty() || st.task.equals(name)) {
            sts.add(subtaskStatus(st, up));
          }
        }
        if (src.relay == null) {
          o.putNull("relayStatus");
        } else {
          o.set("relayStatus", relayStatus(src.relay, up));
        }
        o.put("sourceID", id);
      }
      return root;
    }
  }

  // ---------------------------------------------------------------- dmctl summary

  /** dmctl {@code query-status} without arguments: a summary built with encoding/json (DM-FACTS b.1). */
  ObjectNode summary(boolean v1) {
    synchronized (cluster) {
      ObjectNode root = JsonText.object();
      root.put("result", true);
      root.put("msg", "");
      ArrayNode list = root.putArray("tasks");
      cluster.allTasks().forEach((name, t) -> {
        ObjectNode o = list.addObject();
        o.put("taskName", name);
        o.put("taskStatus", taskStatus(t));
        ArrayNode members = o.putArray(v1 ? "workers" : "sources");
        for (String s : t.subtasks.keySet()) {
          if (v1) {
            SimCluster.SourceState src = cluster.source(s);
            members.add(src.worker == null ? "" : cluster.worker(src.worker).address);
          } else {
            members.add(s);
          }
        }
      });
      return root;
    }
  }

  /** The summary's {@code taskStatus}: an error string, or the common stage (DM-FACTS b.1). */
  private String taskStatus(SimCluster.TaskState t) {
    boolean v102 = cluster.profile() == DmProfile.V1_0;
    String more = v102 ? "" : ". Please run `query-status " + t.config.name() + "` to get more details.";
    for (SubtaskRuntime st : t.subtasks.values()) {
      if (!st.errors.isEmpty()) {
        return "Error - Some error occurred in subtask" + more;
      }
    }
    for (SubtaskRuntime st : t.subtasks.values()) {
      SimCluster.SourceState src = cluster.source(st.source);
      if (st.unit == Unit.SYNC && src.relay != null && !src.relay.errors.isEmpty()) {
        return "Error - Relay status is " + src.relay.stage.name() + more;
      }
    }
    Stage common = null;
    for (SubtaskRuntime st : t.subtasks.values()) {
      Stage s = st.stage;
      if (common == null) {
        common = s;
      } else if (common != s) {
        common = s == Stage.Paused || common == Stage.Paused ? Stage.Paused : Stage.Running;
      }
    }
    return common == null ? "Stopped" : common.name();
  }

  // ---------------------------------------------------------------- OpenAPI

  /** OpenAPI {@code SubTaskStatus} items for {@code GET /api/v1/tasks/{name}/status} (keys in oapi-codegen's order). */
  ArrayNode openApiTaskStatus(String name) {
    List<String> sourceIds;
    synchronized (cluster) {
      sourceIds = cluster.sourcesOfTask(name);
      if (sourceIds.isEmpty()) {
        throw new DmOperationException("task " + name + " has no source or not exist");
      }
    }
    Map<String, Optional<UpstreamStatus.Reading>> upstream = readUpstreams(sourceIds);
    synchronized (cluster) {
      ArrayNode list = JsonText.array();
      for (String id : sourceIds) {
        SubtaskRuntime st = cluster.subtask(name, id);
        list.add(openApiSubtask(st, upstream.getOrDefault(id, Optional.empty())));
      }
      return list;
    }
  }

  ObjectNode openApiSubtask(SubtaskRuntime st, Optional<UpstreamStatus.Reading> up) {
    DmProfile p = cluster.profile();
    SimCluster.SourceState src = cluster.source(st.source);
    ObjectNode n = JsonText.object();
    if (st.unit == Unit.DUMP && p.newOpenApi()) {
      ObjectNode d = n.putObject("dump_status");
      d.put("bps", 0);
      d.put("completed_tables", 0);
      d.put("estimate_total_rows", 0);
      d.put("finished_bytes", 0);
      d.put("finished_rows", 0);
      d.put("progress", "0.00 %");
      d.put("total_tables", 1);
    }
    if (!st.errors.isEmpty() && p.newOpenApi()) {
      List<String> lines = new ArrayList<>();
      for (DmError e : st.errors) {
        lines.add(p.flattenedErrorMessages() ? e.flattened() : e.message());
      }
      n.put("error_msg", String.join("\n", lines));
    }
    if (st.unit == Unit.LOAD) {
      ObjectNode l = n.putObject("load_status");
      if (p.hasIoBytes()) {
        l.put("bps", 0);
      }
      l.put("finished_bytes", st.loadFinishedBytes);
      l.put("meta_binlog", "");
      l.put("meta_binlog_gtid", st.dumpPosition == null ? "" : st.dumpPosition.toDmString());
      l.put("progress", String.format("%.2f %%", st.loadFinishedBytes * 100.0 / 1024));
      l.put("total_bytes", 1024);
    }
    n.put("name", st.task);
    n.put("source_name", st.source);
    n.put("stage", st.stage.name());
    if (st.unit == Unit.SYNC) {
      Optional<SimCluster.Checkpoint> cp = st.checkpoint();
      String masterGtid = up.map(u -> u.executed().toDmString()).orElse("");
      String syncerGtid = cp.map(c -> c.gtids().toDmString()).orElse("");
      ObjectNode s = n.putObject("sync_status");
      s.put("binlog_type", st.fromRelay ? "local" : "remote");
      s.set("blocking_ddls", JsonText.array());
      st.blockingDdls.forEach(((ArrayNode) s.get("blocking_ddls"))::add);
      if (p.hasIoBytes()) {
        s.put("dump_io_total_bytes", 0);
        s.put("io_total_bytes", 0);
      }
      s.put("master_binlog", up.map(UpstreamStatus.Reading::masterBinlog).orElse(""));
      s.put("master_binlog_gtid", masterGtid);
      s.put("recent_tps", 0);
      s.put("seconds_behind_master", 0);
      s.put("synced", up.isPresent() && masterGtid.equals(syncerGtid));
      s.put("syncer_binlog", cp.map(c -> "(" + binlogName(st, c.file()) + ", " + c.position() + ")").orElse(""));
      s.put("syncer_binlog_gtid", src.config.enableGtid() ? syncerGtid : "");
      s.put("total_events", st.totalEvents);
      s.put("total_tps", 0);
      s.set("unresolved_groups", JsonText.array());
    }
    n.put("unit", st.unit.protoName());
    n.put("unresolved_ddl_lock_id", st.unresolvedLockId);
    n.put("worker_name", src.worker == null ? "" : src.worker);
    return n;
  }

  /** OpenAPI {@code SourceStatus} of one source (a lone {@code source_name} when unbound, DM-FACTS a.5). */
  ObjectNode openApiSourceStatus(String id) {
    Map<String, Optional<UpstreamStatus.Reading>> upstream = readUpstreams(List.of(id));
    synchronized (cluster) {
      SimCluster.SourceState src = cluster.source(id);
      ObjectNode n = JsonText.object();
      if (src.worker == null) {
        n.put("source_name", id);
        return n;
      }
      Optional<UpstreamStatus.Reading> up = upstream.getOrDefault(id, Optional.empty());
      if (src.relay != null && !src.relay.errors.isEmpty()) {
        n.put("error_msg", cluster.profile().flattenedErrorMessages()
            ? src.relay.errors.get(0).flattened() : src.relay.errors.get(0).message());
      }
      if (src.relay != null) {
        ObjectNode r = n.putObject("relay_status");
        String master = up.map(u -> u.executed().toDmString()).orElse("");
        String relayed = src.relay.relayed().toDmString();
        r.put("master_binlog", up.map(UpstreamStatus.Reading::masterBinlog).orElse(""));
        r.put("master_binlog_gtid", master);
        r.put("relay_binlog_gtid", relayed);
        r.put("relay_catch_up_master", up.isPresent() && master.equals(relayed));
        r.put("relay_dir", src.relay.subDir());
        r.put("stage", src.relay.stage.name());
      }
      n.put("source_name", id);
      n.put("worker_name", src.worker);
      return n;
    }
  }
}
