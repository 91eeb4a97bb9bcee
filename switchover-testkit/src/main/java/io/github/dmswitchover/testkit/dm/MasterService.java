package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DM-master's gRPC service ({@code pb.Master} in dmmaster.proto) as protobuf messages in Jackson
 * trees, in proto field order. The gateway prints them compactly, the dmctl stand-in with jsonpb's
 * indentation; refusals are {@code result: false} with DM's text in {@code msg}, as the real
 * service answers.
 */
final class MasterService {
  private final SimCluster cluster;
  private final StatusRenderer status;

  MasterService(SimCluster cluster) {
    this.cluster = cluster;
    this.status = new StatusRenderer(cluster);
  }

  StatusRenderer status() {
    return status;
  }

  private static ObjectNode resultMsg(boolean result, String msg) {
    ObjectNode n = JsonText.object();
    n.put("result", result);
    n.put("msg", msg);
    return n;
  }

  private static ObjectNode worker(boolean result, String msg, String source, String worker) {
    ObjectNode n = resultMsg(result, msg);
    n.put("source", source);
    n.put("worker", worker);
    return n;
  }

  private String workerOf(String source) {
    synchronized (cluster) {
      return cluster.findSource(source).map(s -> s.worker == null ? "" : s.worker).orElse("");
    }
  }

  // ---- tasks ----

  /** {@code StartTask}: {@code {result, msg, sources, checkResult}}. */
  ObjectNode startTask(String yaml, List<String> sources, boolean removeMeta) {
    ObjectNode n = resultMsg(false, "");
    ArrayNode list = JsonText.array();
    String check = "";
    try {
      TaskConfig cfg = TaskConfig.fromYaml(yaml);
      List<String> started = cluster.startTask(cfg, sources, removeMeta);
      n.put("result", true);
      for (String s : started) {
        list.add(worker(true, "", s, workerOf(s)));
      }
      check = "pre-check is passed. ";
    } catch (DmOperationException e) {
      n.put("msg", e.dmText());
    } catch (IllegalArgumentException e) {
      n.put("msg", e.getMessage());
    }
    n.set("sources", list);
    n.put("checkResult", check);
    return n;
  }

  /** {@code OperateTask}: {@code {op, result, msg, sources}}. */
  ObjectNode operateTask(String op, String name, List<String> sources) {
    ObjectNode n = JsonText.object();
    n.put("op", op);
    n.put("result", false);
    n.put("msg", "");
    ArrayNode list = JsonText.array();
    try {
      for (SimCluster.SourceOutcome o : cluster.operateTask(op, name, sources)) {
        list.add(worker(o.result(), o.msg(), o.source(), o.worker()));
      }
      n.put("result", true);
    } catch (DmOperationException e) {
      n.put("msg", e.dmText());
    }
    n.set("sources", list);
    return n;
  }

  /** {@code QueryStatus}. */
  ObjectNode queryStatus(String name, List<String> sources) {
    try {
      return status.queryStatus(name, sources);
    } catch (DmOperationException e) {
      ObjectNode n = resultMsg(false, e.dmText());
      n.putArray("sources");
      return n;
    }
  }

  /** {@code GetCfg}: the task (or source) configuration with passwords masked. */
  ObjectNode getCfg(String type, String name) {
    ObjectNode n = resultMsg(false, "");
    synchronized (cluster) {
      switch (type) {
        case "TaskType", "1", "" -> cluster.findTask(name).ifPresentOrElse(
            t -> {
              n.put("result", true);
              n.put("cfg", Yaml.write(t.config.toTree(true)));
            },
            () -> n.put("msg", "task " + name + " not found"));
        case "SourceType", "4" -> cluster.findSource(name).ifPresentOrElse(
            s -> {
              n.put("result", true);
              n.put("cfg", Yaml.write(s.config.toTree(true)));
            },
            () -> n.put("msg", "source " + name + " not found"));
        default -> n.put("msg", "invalid config type " + type);
      }
    }
    if (!n.has("cfg")) {
      n.put("cfg", "");
    }
    return n;
  }

  // ---- sources ----

  /** {@code OperateSource}: StartSource, StopSource, ShowSource (UpdateSource was never implemented). */
  ObjectNode operateSource(String op, List<String> configs, List<String> sourceIds, String workerName) {
    ObjectNode n = resultMsg(false, "");
    ArrayNode list = JsonText.array();
    n.set("sources", list);
    try {
      switch (op) {
        case "StartSource" -> {
          List<SourceConfig> parsed = new ArrayList<>();
          for (String yaml : configs) {
            parsed.add(SourceConfig.fromYaml(yaml));
          }
          if (parsed.isEmpty()) {
            n.put("msg", "no source config specified");
            return n;
          }
          List<String> created = new ArrayList<>();
          try {
            for (SourceConfig cfg : parsed) {
              Optional<String> w = cluster.createSource(cfg,
                  workerName.isEmpty() ? Optional.empty() : Optional.of(workerName));
              created.add(cfg.sourceId());
              list.add(worker(true, w.isPresent() ? "" : "source is added but there is no free worker to bound",
                  cfg.sourceId(), w.orElse("")));
            }
          } catch (DmOperationException e) {
            for (String id : created) {
              cluster.removeSource(id, true);
            }
            list.removeAll();
            throw e;
          }
          n.put("result", true);
        }
        case "StopSource" -> {
          List<String> ids = new ArrayList<>(sourceIds);
          for (String yaml : configs) {
            ids.add(SourceConfig.fromYaml(yaml).sourceId());
          }
          for (String id : ids) {
            String w = workerOf(id);
            cluster.removeSource(id, false);
            list.add(worker(true, "", id, w));
          }
          n.put("result", true);
        }
        case "ShowSource" -> {
          synchronized (cluster) {
            List<String> ids = sourceIds.isEmpty()
                ? cluster.allSources().stream().map(s -> s.config.sourceId()).toList() : sourceIds;
            for (String id : ids) {
              SimCluster.SourceState s = cluster.source(id);
              list.add(worker(true, s.worker == null ? "source is added but there is no free worker to bound" : "",
                  id, s.worker == null ? "" : s.worker));
            }
          }
          n.put("result", true);
        }
        case "UpdateSource" -> n.put("msg", "Update worker config is not supported by dm-ha now");
        default -> n.put("msg", DmError.invalidOp(op, "source").flattened());
      }
    } catch (DmOperationException e) {
      n.put("msg", e.dmText());
    } catch (IllegalArgumentException e) {
      n.put("msg", e.getMessage());
    }
    return n;
  }

  /** {@code TransferSource}: {@code {result, msg}}. */
  ObjectNode transferSource(String source, String worker) {
    try {
      cluster.transferSource(source, worker);
      return resultMsg(true, "");
    } catch (DmOperationException e) {
      return resultMsg(false, e.dmText());
    }
  }

  // ---- relay ----

  /** {@code OperateWorkerRelayTask}: PauseRelay / ResumeRelay per source. */
  ObjectNode operateWorkerRelay(String op, List<String> sources) {
    ObjectNode n = JsonText.object();
    n.put("op", op);
    n.put("result", true);
    n.put("msg", "");
    ArrayNode list = n.putArray("sources");
    for (String s : sources) {
      try {
        if (op.equals("PauseRelay")) {
          cluster.pauseRelay(s);
        } else if (op.equals("ResumeRelay")) {
          cluster.resumeRelay(s);
        } else {
          throw new DmOperationException(DmError.invalidOp(op, "relay"));
        }
        list.add(worker(true, "", s, workerOf(s)));
      } catch (DmOperationException e) {
        n.put("result", false);
        list.add(worker(false, e.dmText(), s, workerOf(s)));
      }
    }
    return n;
  }

  /** {@code OperateRelay}: StartRelayV2 / StopRelayV2 for a source, optionally naming workers. */
  ObjectNode operateRelay(String op, String source, List<String> workers) {
    ObjectNode n = resultMsg(false, "");
    ArrayNode list = JsonText.array();
    try {
      if (op.equals("StartRelayV2")) {
        cluster.startRelay(source, workers);
      } else {
        cluster.stopRelay(source, workers);
      }
      n.put("result", true);
      if (cluster.profile().atLeast(6, 1, 0) && !workers.isEmpty()) {
        n.put("msg", "start-relay/stop-relay with worker name will be deprecated soon. You can try stopping relay first and use start-relay without worker name instead");
      }
      for (String w : workers.isEmpty() ? List.of(workerOf(source)) : workers) {
        list.add(worker(true, "", source, w));
      }
    } catch (DmOperationException e) {
      n.put("msg", e.dmText());
    }
    n.set("sources", list);
    return n;
  }

  /** {@code PurgeWorkerRelay}: the simulator keeps no relay files, so a purge always succeeds. */
  ObjectNode purgeRelay(List<String> sources) {
    ObjectNode n = resultMsg(true, "");
    ArrayNode list = n.putArray("sources");
    for (String s : sources) {
      try {
        cluster.source(s);
        list.add(worker(true, "", s, workerOf(s)));
      } catch (DmOperationException e) {
        n.put("result", false);
        list.add(worker(false, e.dmText(), s, ""));
      }
    }
    return n;
  }

  // ---- members ----

  /** {@code ListMember}: leader, masters and workers (DM-FACTS b.3; memberID as a uint64 string). */
  ObjectNode listMember(boolean leader, boolean master, boolean worker, List<String> names) {
    boolean all = !leader && !master && !worker;
    ObjectNode n = resultMsg(true, "");
    ArrayNode members = n.putArray("members");
    synchronized (cluster) {
      if (all || leader) {
        ObjectNode l = members.addObject().putObject("leader");
        Optional<SimCluster.MasterState> ls = cluster.leaderState();
        l.put("msg", ls.isPresent() ? "" : "no leader");
        l.put("name", ls.map(m -> m.name).orElse(""));
        l.put("addr", ls.map(SimCluster.MasterState::address).orElse(""));
      }
      if (all || master) {
        ObjectNode m = members.addObject().putObject("master");
        m.put("msg", "");
        ArrayNode masters = m.putArray("masters");
        for (SimCluster.MasterState ms : cluster.masters) {
          if (ms.removed || (!names.isEmpty() && !names.contains(ms.name))) {
            continue;
          }
          ObjectNode o = masters.addObject();
          o.put("name", ms.name);
          o.put("memberID", ms.memberId.toString());
          o.put("alive", ms.alive);
          o.putArray("peerURLs").add(ms.peerUrl(cluster.tls()));
          o.putArray("clientURLs").add(ms.clientUrl(cluster.tls()));
        }
      }
      if (all || worker) {
        ObjectNode w = members.addObject().putObject("worker");
        w.put("msg", "");
        ArrayNode workers = w.putArray("workers");
        for (SimCluster.WorkerState ws : cluster.workers.values()) {
          if (!names.isEmpty() && !names.contains(ws.name)) {
            continue;
          }
          ObjectNode o = workers.addObject();
          o.put("name", ws.name);
          o.put("addr", ws.address);
          o.put("stage", ws.stage());
          o.put("source", ws.boundSource == null ? (ws.relaySource == null ? "" : ws.relaySource) : ws.boundSource);
        }
      }
    }
    return n;
  }

  /** {@code OfflineMember}: {@code {result, msg}}. */
  ObjectNode offlineMember(String type, String name) {
    try {
      switch (type) {
        case "worker" -> cluster.offlineWorker(name);
        case "master" -> cluster.offlineMaster(name);
        default -> throw new DmOperationException(DmError.invalidOfflineType(type));
      }
      return resultMsg(true, "");
    } catch (DmOperationException e) {
      return resultMsg(false, e.dmText());
    }
  }

  // ---- shard DDL locks ----

  /** {@code ShowDDLLocks}: {@code {result, msg, locks}}; "no DDL lock exists" when empty. */
  ObjectNode showDdlLocks(String task, List<String> sources) {
    List<ShardDdlLock> locks = cluster.locks(task, sources);
    ObjectNode n = resultMsg(true, locks.isEmpty() ? "no DDL lock exists" : "");
    ArrayNode list = n.putArray("locks");
    for (ShardDdlLock l : locks) {
      ObjectNode o = list.addObject();
      o.put("ID", l.id());
      o.put("task", l.task());
      if (cluster.profile() == DmProfile.V1_0) {
        o.put("owner", l.owner());
        l.ddls().forEach(o.putArray("DDLs")::add);
        ArrayNode workers = o.putArray("workers");
        l.synced().forEach(workers::add);
        l.unsynced().forEach(workers::add);
        ArrayNode ready = o.putArray("ready");
        l.synced().forEach(ready::add);
      } else {
        o.put("mode", l.mode());
        o.put("owner", l.owner());
        l.ddls().forEach(o.putArray("DDLs")::add);
        l.synced().forEach(o.putArray("synced")::add);
        l.unsynced().forEach(o.putArray("unsynced")::add);
      }
    }
    return n;
  }

  /** {@code UnlockDDLLock}: {@code {result, msg}}. */
  ObjectNode unlockDdlLock(String id) {
    try {
      cluster.unlock(id);
      return resultMsg(true, "");
    } catch (DmOperationException e) {
      return resultMsg(false, e.dmText());
    }
  }

  // ---- DM 1.0 forms ----

  /** DM 1.0 unlock-ddl-lock: {@code {result, msg, workers: [{result, worker, msg}]}} for the lock's members. */
  ObjectNode unlockDdlLockV1(String id) {
    List<String> members = new ArrayList<>();
    synchronized (cluster) {
      for (ShardDdlLock l : cluster.locks("", List.of())) {
        if (l.id().equals(id)) {
          for (SimCluster.SourceState s : cluster.allSources()) {
            if (l.involves(s.config.sourceId()) && s.worker != null) {
              members.add(cluster.worker(s.worker).address);
            }
          }
        }
      }
    }
    ObjectNode n = unlockDdlLock(id);
    ArrayNode list = n.putArray("workers");
    for (String w : members) {
      list.add(workerV1(n.path("result").asBoolean(), "", w));
    }
    return n;
  }

  /** DM 1.0 start-task: {@code {result, msg, workers: [{result, worker, msg}]}} (1.0 sample). */
  ObjectNode startTaskV1(String yaml, List<String> workers) {
    ObjectNode n = resultMsg(false, "");
    ArrayNode list = JsonText.array();
    try {
      TaskConfig cfg = TaskConfig.fromYaml(yaml);
      List<String> only = sourcesOfWorkers(workers);
      for (String s : cluster.startTask(cfg, only, false)) {
        list.add(workerV1(true, "", addressOf(s)));
      }
      n.put("result", true);
    } catch (DmOperationException e) {
      n.put("msg", e.dmText());
    } catch (IllegalArgumentException e) {
      n.put("msg", e.getMessage());
    }
    n.set("workers", list);
    return n;
  }

  /** DM 1.0 pause/resume/stop-task: {@code {op, result, msg, workers: [{op, result, worker, msg}]}} (1.0 sample). */
  ObjectNode operateTaskV1(String op, String name, List<String> workers) {
    ObjectNode n = JsonText.object();
    n.put("op", op);
    n.put("result", false);
    n.put("msg", "");
    ArrayNode list = JsonText.array();
    try {
      for (SimCluster.SourceOutcome o : cluster.operateTask(op, name, sourcesOfWorkers(workers))) {
        ObjectNode w = list.addObject();
        w.put("op", op);
        w.put("result", o.result());
        w.put("worker", addressOf(o.source()));
        w.put("msg", o.msg());
      }
      n.put("result", true);
    } catch (DmOperationException e) {
      n.put("msg", e.dmText());
    }
    n.set("workers", list);
    return n;
  }

  /** DM 1.0 pause-relay / resume-relay / switch-relay-master on workers. */
  ObjectNode relayV1(String op, List<String> workers) {
    ObjectNode n = JsonText.object();
    boolean withOp = !op.equals("SwitchRelayMaster");
    if (withOp) {
      n.put("op", op);
    }
    n.put("result", true);
    n.put("msg", "");
    ArrayNode list = n.putArray("workers");
    if (workers.isEmpty()) {
      n.put("result", false);
      n.put("msg", "must specify at least one dm-worker (`-w` / `--worker`)");
      return n;
    }
    for (String w : workers) {
      ObjectNode o = list.addObject();
      if (withOp) {
        o.put("op", op);
      }
      try {
        String source = sourceOfWorker(w);
        switch (op) {
          case "PauseRelay" -> cluster.pauseRelay(source);
          case "ResumeRelay" -> cluster.resumeRelay(source);
          default -> cluster.switchRelayMaster(source);
        }
        o.put("result", true);
        o.put("worker", w);
        o.put("msg", "");
      } catch (DmOperationException e) {
        n.put("result", false);
        o.put("result", false);
        o.put("worker", w);
        o.put("msg", e.dmText());
      }
    }
    return n;
  }

  private static ObjectNode workerV1(boolean result, String msg, String worker) {
    ObjectNode n = JsonText.object();
    n.put("result", result);
    n.put("worker", worker);
    n.put("msg", msg);
    return n;
  }

  private String addressOf(String source) {
    synchronized (cluster) {
      SimCluster.SourceState s = cluster.source(source);
      return s.worker == null ? "" : cluster.worker(s.worker).address;
    }
  }

  String sourceOfWorker(String address) {
    synchronized (cluster) {
      for (SimCluster.WorkerState w : cluster.workers.values()) {
        if ((w.address.equals(address) || w.name.equals(address)) && w.boundSource != null) {
          return w.boundSource;
        }
      }
    }
    throw new DmOperationException("dm-worker " + address + " not found in deployment");
  }

  private List<String> sourcesOfWorkers(List<String> workers) {
    List<String> out = new ArrayList<>();
    for (String w : workers) {
      out.add(sourceOfWorker(w));
    }
    return out;
  }
}
