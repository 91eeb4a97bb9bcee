package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI surface {@code /api/v1/...}: the v5.3/v5.4 generation (tasks created and started in
 * one call, pause/resume endpoints, DELETE = stop-task) and the v6.0+ one (create stopped, start,
 * stop, DELETE removes the checkpoints), with DM's status codes and error bodies (DM-FACTS a.2,
 * a.4). JSON keys are in oapi-codegen's (alphabetical) struct order; numbers are JSON numbers.
 */
final class OpenApi {
  static final String PREFIX = "/api/v1";

  private static final Pattern SOURCE = Pattern.compile(PREFIX + "/sources/([^/]+)");
  private static final Pattern SOURCE_OP = Pattern.compile(PREFIX + "/sources/([^/]+)/(status|enable|disable|transfer|relay/enable|relay/disable|relay/purge|start-relay|stop-relay|pause-relay|resume-relay)");
  private static final Pattern TASK = Pattern.compile(PREFIX + "/tasks/([^/]+)");
  private static final Pattern TASK_OP = Pattern.compile(PREFIX + "/tasks/([^/]+)/(status|start|stop|pause|resume)");
  private static final Pattern MASTER = Pattern.compile(PREFIX + "/cluster/masters/([^/]+)");
  private static final Pattern WORKER = Pattern.compile(PREFIX + "/cluster/workers/([^/]+)");

  private final SimCluster cluster;
  private final StatusRenderer status;
  private final boolean v6;

  OpenApi(SimCluster cluster, StatusRenderer status) {
    this.cluster = cluster;
    this.status = status;
    this.v6 = cluster.profile().newOpenApi();
  }

  HttpReply handle(HttpCall call) {
    try {
      return route(call);
    } catch (DmOperationException e) {
      return error(e);
    } catch (Invalid e) {
      ObjectNode n = JsonText.object();
      n.put("error", e.getMessage());
      return HttpReply.json(400, n);
    }
  }

  private HttpReply route(HttpCall c) {
    String p = c.path();
    String m = c.method();
    Matcher x;
    if (p.equals(PREFIX + "/sources")) {
      if (m.equals("POST")) {
        return createSource(c);
      }
      if (m.equals("GET")) {
        return listSources(c);
      }
    }
    if ((x = SOURCE_OP.matcher(p)).matches()) {
      return sourceOp(c, x.group(1), x.group(2));
    }
    if ((x = SOURCE.matcher(p)).matches()) {
      String name = x.group(1);
      switch (m) {
        case "GET" -> {
          if (!v6) {
            break;
          }
          synchronized (cluster) {
            if (cluster.findSource(name).isEmpty()) {
              return HttpReply.empty(404);
            }
          }
          return HttpReply.json(200, sourceJson(name, c.flag("with_status")));
        }
        case "DELETE" -> {
          cluster.removeSource(name, v6 && c.flag("force"));
          return HttpReply.empty(204);
        }
        case "PUT" -> {
          if (!v6) {
            break;
          }
          JsonNode body = body(c).path("source");
          if (!body.isObject()) {
            throw new Invalid("request body has an error: doesn't match schema: property \"source\" is missing");
          }
          SourceConfig cfg = toSourceConfig(body, name);
          cluster.updateSource(cfg);
          synchronized (cluster) {
            SimCluster.SourceState src = cluster.source(name);
            boolean enable = body.path("enable").asBoolean(src.enabled);
            if (enable != src.enabled) {
              if (enable) {
                cluster.enableSource(name);
              } else {
                cluster.disableSource(name);
              }
            }
          }
          return HttpReply.json(200, sourceJson(name, false));
        }
        default -> {
          return notFound();
        }
      }
    }
    if (p.equals(PREFIX + "/tasks")) {
      if (m.equals("POST")) {
        return v6 ? createTask(c) : createAndStartTaskV5(c);
      }
      if (m.equals("GET")) {
        return listTasks(c);
      }
    }
    if ((x = TASK_OP.matcher(p)).matches()) {
      return taskOp(c, x.group(1), x.group(2));
    }
    if ((x = TASK.matcher(p)).matches()) {
      String name = x.group(1);
      switch (m) {
        case "GET" -> {
          if (!v6) {
            break;
          }
          // A missing task is answered 400 / 46018, not the 404 the spec documents (DM-FACTS a.2).
          synchronized (cluster) {
            cluster.taskConfig(name);
            return HttpReply.json(200, taskJson(cluster.findTask(name).orElseThrow(), c.flag("with_status")));
          }
        }
        case "DELETE" -> {
          if (v6) {
            cluster.deleteTaskOpenApi(name, c.flag("force"), c.flag("keep_meta"));
          } else {
            // v5.3/v5.4: DELETE is dmctl stop-task (subtasks removed, checkpoints kept) (DM-FACTS a.4).
            cluster.operateTask("Stop", name, c.list("source_name_list"));
          }
          return HttpReply.empty(204);
        }
        default -> {
          return notFound();
        }
      }
    }
    if (p.equals(PREFIX + "/cluster/masters") && m.equals("GET")) {
      return HttpReply.json(200, masters(c.master()));
    }
    if (p.equals(PREFIX + "/cluster/workers") && m.equals("GET")) {
      return HttpReply.json(200, workers());
    }
    if ((x = MASTER.matcher(p)).matches() && m.equals("DELETE")) {
      cluster.offlineMaster(x.group(1));
      return HttpReply.empty(204);
    }
    if ((x = WORKER.matcher(p)).matches() && m.equals("DELETE")) {
      cluster.offlineWorker(x.group(1));
      return HttpReply.empty(204);
    }
    if (p.equals(PREFIX + "/cluster/info") && m.equals("GET") && v6) {
      ObjectNode n = JsonText.object();
      n.put("cluster_id", 7_283_061_042_145_763_329L);
      return HttpReply.json(200, n);
    }
    return notFound();
  }

  private static HttpReply notFound() {
    return HttpReply.text(404, "404 page not found");
  }

  /** {@code ErrorWithMessage}: HTTP 400 with the DM error code (0 for errors that are not DM's own). */
  private static HttpReply error(DmOperationException e) {
    ObjectNode n = JsonText.object();
    n.put("error_code", e.code());
    n.put("error_msg", e.dmText());
    return HttpReply.json(400, n);
  }

  // ---- sources ----

  private HttpReply createSource(HttpCall c) {
    JsonNode body = body(c);
    JsonNode src = v6 ? body.path("source") : body;
    if (!src.isObject()) {
      throw new Invalid("request body has an error: doesn't match schema: property \"source\" is missing");
    }
    for (String required : List.of("source_name", "host", "port", "user", "enable_gtid", "enable")) {
      if (!src.has(required) && (v6 || !required.equals("enable"))) {
        throw new Invalid("request body has an error: doesn't match schema: property \"" + required + "\" is missing");
      }
    }
    SourceConfig cfg = toSourceConfig(src, src.path("source_name").asText());
    Optional<String> worker = v6 && body.hasNonNull("worker_name") ? Optional.of(body.path("worker_name").asText()) : Optional.empty();
    cluster.createSource(cfg, worker);
    synchronized (cluster) {
      cluster.source(cfg.sourceId()).enabled = !v6 || src.path("enable").asBoolean(false);
    }
    return HttpReply.json(201, sourceJson(cfg.sourceId(), false));
  }

  private static SourceConfig toSourceConfig(JsonNode src, String name) {
    SourceConfig.Builder b = SourceConfig.builder(name)
        .withAddress(src.path("host").asText(), src.path("port").asInt())
        .withUser(src.path("user").asText(), src.path("password").asText(""))
        .withGtid(src.path("enable_gtid").asBoolean(false))
        .withRelay(src.path("relay_config").path("enable_relay").asBoolean(false));
    String flavor = src.path("flavor").asText("");
    if (!flavor.isEmpty()) {
      b.withFlavor(flavor);
    }
    String relayGtid = src.path("relay_config").path("relay_binlog_gtid").asText("");
    if (!relayGtid.isEmpty()) {
      b.withRelayBinlogGtid(relayGtid);
    }
    return b.build();
  }

  private HttpReply listSources(HttpCall c) {
    ArrayNode data = JsonText.array();
    List<String> ids;
    synchronized (cluster) {
      ids = cluster.allSources().stream()
          .filter(s -> !c.flag("enable_relay") || s.relay != null)
          .map(s -> s.config.sourceId()).toList();
    }
    for (String id : ids) {
      data.add(sourceJson(id, c.flag("with_status")));
    }
    ObjectNode n = JsonText.object();
    n.set("data", data);
    n.put("total", data.size());
    return HttpReply.json(200, n);
  }

  /** The OpenAPI {@code Source} (password masked, DM-FACTS a.5). */
  private ObjectNode sourceJson(String id, boolean withStatus) {
    ObjectNode status = withStatus ? this.status.openApiSourceStatus(id) : null;
    synchronized (cluster) {
      SimCluster.SourceState s = cluster.source(id);
      SourceConfig cfg = s.config;
      ObjectNode n = JsonText.object();
      if (v6) {
        n.put("enable", s.enabled);
      }
      n.put("enable_gtid", cfg.enableGtid());
      if (v6) {
        n.put("flavor", s.mariadb ? "mariadb" : "mysql");
      }
      n.put("host", cfg.host());
      n.put("password", "******");
      n.put("port", cfg.port());
      ObjectNode purge = n.putObject("purge");
      purge.put("expires", 0);
      purge.put("interval", 3600);
      purge.put("remain_space", 15);
      if (cluster.profile().atLeast(5, 4, 0)) {
        ObjectNode relay = n.putObject("relay_config");
        relay.put("enable_relay", s.relay != null);
        cfg.relayBinlogGtid().ifPresentOrElse(g -> relay.put("relay_binlog_gtid", g), () -> relay.putNull("relay_binlog_gtid"));
        relay.putNull("relay_binlog_name");
        relay.put("relay_dir", "./relay_log");
      }
      n.putNull("security");
      n.put("source_name", id);
      if (status != null) {
        n.putArray("status_list").add(status);
      }
      if (v6) {
        ArrayNode tasks = n.putArray("task_name_list");
        cluster.tasksUsing(id).forEach(tasks::add);
      }
      n.put("user", cfg.user());
      return n;
    }
  }

  private HttpReply sourceOp(HttpCall c, String name, String op) {
    String m = c.method();
    if (op.equals("status") && m.equals("GET")) {
      ObjectNode n = JsonText.object();
      n.putArray("data").add(status.openApiSourceStatus(name));
      n.put("total", 1);
      return HttpReply.json(200, n);
    }
    if (!m.equals("POST")) {
      return notFound();
    }
    switch (op) {
      case "enable" -> {
        if (!v6) {
          return notFound();
        }
        cluster.enableSource(name);
      }
      case "disable" -> {
        if (!v6) {
          return notFound();
        }
        cluster.disableSource(name);
      }
      case "transfer" -> {
        JsonNode body = body(c);
        if (!body.hasNonNull("worker_name")) {
          throw new Invalid("request body has an error: doesn't match schema: property \"worker_name\" is missing");
        }
        cluster.transferSource(name, body.path("worker_name").asText());
      }
      case "relay/enable", "start-relay" -> {
        if (v6 != op.equals("relay/enable")) {
          return notFound();
        }
        JsonNode body = body(c);
        List<String> workers = strings(body.path("worker_name_list"));
        if (!v6 && workers.isEmpty()) {
          throw new Invalid("request body has an error: doesn't match schema: property \"worker_name_list\" is missing");
        }
        cluster.startRelay(name, workers);
      }
      case "relay/disable", "stop-relay" -> {
        if (v6 != op.equals("relay/disable")) {
          return notFound();
        }
        cluster.stopRelay(name, strings(body(c).path("worker_name_list")));
      }
      case "relay/purge" -> {
        if (!v6) {
          return notFound();
        }
        if (!body(c).hasNonNull("relay_binlog_name")) {
          throw new Invalid("request body has an error: doesn't match schema: property \"relay_binlog_name\" is missing");
        }
        cluster.source(name);
      }
      case "pause-relay", "resume-relay" -> {
        if (v6) {
          return notFound();
        }
        if (op.equals("pause-relay")) {
          cluster.pauseRelay(name);
        } else {
          cluster.resumeRelay(name);
        }
      }
      default -> {
        return notFound();
      }
    }
    return HttpReply.empty(200);
  }

  // ---- tasks ----

  private HttpReply createTask(HttpCall c) {
    JsonNode task = body(c).path("task");
    if (!task.isObject()) {
      throw new Invalid("request body has an error: doesn't match schema: property \"task\" is missing");
    }
    TaskConfig cfg = toTaskConfig(task);
    cluster.createTaskStopped(cfg);
    synchronized (cluster) {
      SimCluster.TaskState t = cluster.findTask(cfg.name()).orElseThrow();
      t.openApiTask = task.deepCopy();
      ObjectNode n = JsonText.object();
      n.put("check_result", "pre-check is passed. ");
      n.set("task", taskJson(t, false));
      return HttpReply.json(201, n);
    }
  }

  /** v5.3/v5.4 {@code POST /api/v1/tasks}: {@code {remove_meta, task, source_name_list}} creates and starts. */
  private HttpReply createAndStartTaskV5(HttpCall c) {
    JsonNode body = body(c);
    JsonNode task = body.path("task");
    if (!task.isObject()) {
      throw new Invalid("request body has an error: doesn't match schema: property \"task\" is missing");
    }
    TaskConfig cfg = toTaskConfig(task);
    cluster.startTask(cfg, strings(body.path("source_name_list")), body.path("remove_meta").asBoolean(false));
    synchronized (cluster) {
      SimCluster.TaskState t = cluster.findTask(cfg.name()).orElseThrow();
      t.openApiTask = task.deepCopy();
      return HttpReply.json(201, taskJson(t, false));
    }
  }

  private static TaskConfig toTaskConfig(JsonNode task) {
    for (String required : List.of("name", "task_mode", "target_config", "source_config")) {
      if (!task.has(required)) {
        throw new Invalid("request body has an error: doesn't match schema: property \"" + required + "\" is missing");
      }
    }
    TaskConfig.Builder b = TaskConfig.builder(task.path("name").asText());
    try {
      b.withMode(TaskConfig.Mode.of(task.path("task_mode").asText()));
    } catch (IllegalArgumentException e) {
      throw new DmOperationException(DmError.taskModeInvalid());
    }
    String shard = task.path("shard_mode").asText("");
    if (!shard.isEmpty()) {
      b.withShardMode(shard);
    }
    String meta = task.path("meta_schema").asText("");
    if (!meta.isEmpty()) {
      b.withMetaSchema(meta);
    }
    JsonNode target = task.path("target_config");
    b.withTarget(target.path("host").asText(), target.path("port").asInt(4000), target.path("user").asText("root"),
        target.path("password").asText(""));
    JsonNode conf = task.path("source_config").path("source_conf");
    if (!conf.isArray() || conf.isEmpty()) {
      throw new Invalid("request body has an error: doesn't match schema: property \"source_conf\" is missing");
    }
    for (JsonNode sc : conf) {
      String source = sc.path("source_name").asText();
      if (sc.hasNonNull("binlog_gtid") || sc.hasNonNull("binlog_name")) {
        b.withSource(source, sc.path("binlog_gtid").asText(""));
      } else {
        b.withSource(source);
      }
    }
    return b.build();
  }

  private HttpReply listTasks(HttpCall c) {
    ArrayNode data = JsonText.array();
    List<String> filterSources = c.list("source_name_list");
    String stage = c.param("stage").orElse("");
    List<SimCluster.TaskState> tasks;
    synchronized (cluster) {
      tasks = new ArrayList<>(cluster.allTasks().values());
    }
    for (SimCluster.TaskState t : tasks) {
      synchronized (cluster) {
        if (!filterSources.isEmpty() && t.subtasks.keySet().stream().noneMatch(filterSources::contains)) {
          continue;
        }
        if (!stage.isEmpty() && t.subtasks.values().stream().noneMatch(st -> st.stage.name().equals(stage))) {
          continue;
        }
      }
      data.add(taskJson(t, c.flag("with_status")));
    }
    ObjectNode n = JsonText.object();
    n.set("data", data);
    n.put("total", data.size());
    return HttpReply.json(200, n);
  }

  /** The OpenAPI {@code Task} (target password masked). */
  private ObjectNode taskJson(SimCluster.TaskState t, boolean withStatus) {
    ArrayNode statusList = withStatus ? status.openApiTaskStatus(t.config.name()) : null;
    synchronized (cluster) {
      ObjectNode n;
      if (t.openApiTask != null) {
        n = t.openApiTask.deepCopy();
        if (n.path("target_config").isObject()) {
          ((ObjectNode) n.path("target_config")).put("password", "******");
        }
      } else {
        TaskConfig cfg = t.config;
        n = JsonText.object();
        n.put("enhance_online_schema_change", true);
        n.put("meta_schema", cfg.metaSchema());
        n.put("name", cfg.name());
        n.put("on_duplicate", "error");
        cfg.shardMode().ifPresent(s -> n.put("shard_mode", s));
        ObjectNode sc = n.putObject("source_config");
        ArrayNode list = sc.putArray("source_conf");
        for (TaskConfig.Instance i : cfg.instances()) {
          ObjectNode o = list.addObject();
          i.metaBinlogGtid().ifPresent(g -> o.put("binlog_gtid", g));
          i.metaBinlogName().ifPresent(f -> o.put("binlog_name", f));
          o.put("source_name", i.sourceId());
        }
        n.putArray("table_migrate_rule");
        ObjectNode target = n.putObject("target_config");
        target.put("host", cfg.targetHost());
        target.put("password", "******");
        target.put("port", cfg.targetPort());
        target.put("user", cfg.targetUser());
        n.put("task_mode", cfg.mode().text());
      }
      if (statusList != null) {
        n.set("status_list", statusList);
      }
      return n;
    }
  }

  private HttpReply taskOp(HttpCall c, String name, String op) {
    String m = c.method();
    if (op.equals("status") && m.equals("GET")) {
      synchronized (cluster) {
        cluster.taskConfig(name);
      }
      // source_name_list is ignored: DM always queries every source of the task (DM-FACTS a.4).
      ArrayNode data = status.openApiTaskStatus(name);
      ObjectNode n = JsonText.object();
      n.set("data", data);
      n.put("total", data.size());
      return HttpReply.json(200, n);
    }
    if (!m.equals("POST")) {
      return notFound();
    }
    switch (op) {
      case "start" -> {
        if (!v6) {
          return notFound();
        }
        JsonNode body = body(c);
        cluster.startTaskOpenApi(name, strings(body.path("source_name_list")), body.path("remove_meta").asBoolean(false));
      }
      case "stop" -> {
        if (!v6) {
          return notFound();
        }
        cluster.stopTaskOpenApi(name, strings(body(c).path("source_name_list")));
      }
      case "pause", "resume" -> {
        if (v6) {
          return notFound();
        }
        JsonNode body = body(c);
        List<String> sources = body.isArray() ? strings(body) : List.of();
        synchronized (cluster) {
          cluster.taskConfig(name);
        }
        cluster.operateTask(op.equals("pause") ? "Pause" : "Resume", name, sources);
      }
      default -> {
        return notFound();
      }
    }
    return HttpReply.empty(200);
  }

  // ---- cluster ----

  private ObjectNode masters(String serving) {
    synchronized (cluster) {
      ArrayNode data = JsonText.array();
      for (SimCluster.MasterState ms : cluster.masters) {
        if (ms.removed) {
          continue;
        }
        ObjectNode o = data.addObject();
        // addr is the member's first peer URL, leader is the node that served the request (DM-FACTS a.4).
        o.put("addr", ms.peerUrl(cluster.tls()));
        o.put("alive", ms.alive);
        o.put("leader", ms.name.equals(serving) && cluster.isLeader(serving));
        o.put("name", ms.name);
      }
      ObjectNode n = JsonText.object();
      n.set("data", data);
      n.put("total", data.size());
      return n;
    }
  }

  private ObjectNode workers() {
    synchronized (cluster) {
      ArrayNode data = JsonText.array();
      for (SimCluster.WorkerState w : cluster.workers.values()) {
        ObjectNode o = data.addObject();
        o.put("addr", w.address);
        o.put("bound_source_name", w.boundSource == null ? "" : w.boundSource);
        o.put("bound_stage", w.stage());
        o.put("name", w.name);
      }
      ObjectNode n = JsonText.object();
      n.set("data", data);
      n.put("total", data.size());
      return n;
    }
  }

  // ---- helpers ----

  private static JsonNode body(HttpCall c) {
    if (c.body().isBlank()) {
      return JsonText.object();
    }
    try {
      return JsonText.MAPPER.readTree(c.body());
    } catch (JsonProcessingException e) {
      throw new Invalid("request body has an error: failed to decode request body: " + e.getOriginalMessage());
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  /** A request the OpenAPI validator middleware rejects before any handler runs. */
  private static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }
}
