package io.github.dmswitchover.dm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAPI surface {@code /api/v1} in both generations: v5.3/v5.4 (tasks created and started in
 * one call, pause/resume endpoints, DELETE = stop-task) and v6.0+ (create stopped, start, stop;
 * DELETE removes the checkpoints unless {@code keep_meta=true} on a master that has it). DM answers
 * a refusal with HTTP 400 and {@code {error_code, error_msg}}; that becomes a failed
 * {@link OperationResult} or a {@link DmRefusedException}. Any other unexpected status is a
 * {@link DmHttpException}.
 */
final class OpenApiOps {
  private static final String PREFIX = "/api/v1";
  private static final Duration STOP_POLL = Duration.ofMillis(200);

  private final HttpTransport http;
  private final DmVersion version;
  private final boolean v6;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Duration stopWait;

  OpenApiOps(HttpTransport http, DmVersion version, Sleeper sleeper, Clock clock, Duration stopWait) {
    this.http = http;
    this.version = version;
    this.v6 = version.atLeast(6, 0, 0);
    this.sleeper = sleeper;
    this.clock = clock;
    this.stopWait = stopWait;
  }

  private HttpTransport.Response send(DmOperation op, String method, String path, Optional<String> body, HttpTransport.Kind kind,
      Set<Integer> expected) {
    return http.send(new HttpTransport.Request(op, Surface.OPENAPI, method, path, body, kind, expected));
  }

  /** A read: 200 is the answer; 400/404 with DM's error body is a refusal. */
  private Node read(DmOperation op, String path, String what) {
    HttpTransport.Response r = send(op, "GET", path, Optional.empty(), HttpTransport.Kind.READ, Set.of(200, 400, 404));
    if (r.status() != 200) {
      throw refusal(r, "GET " + path, what);
    }
    return Json.object(r.body(), what + " (OpenAPI)");
  }

  private static DmException refusal(HttpTransport.Response r, String request, String what) {
    Optional<String> msg = errorMessage(r.body());
    if (msg.isPresent()) {
      return new DmRefusedException(what, msg.get());
    }
    if (r.status() == 404 && r.body().isBlank()) {
      return new DmRefusedException(what, "not found (HTTP 404)");
    }
    return new DmHttpException(request + " on " + r.master() + " answered HTTP " + r.status() + ": "
        + HttpTransport.excerpt(Secrets.mask(r.body())), r.status(), HttpTransport.errorIn(r.body()), r.body());
  }

  /** {@code error_msg} of DM's error body, if the body is one. */
  private static Optional<String> errorMessage(String body) {
    if (body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Json.object(body, "an OpenAPI error body").text("error_msg");
    } catch (DmDecodeException e) {
      return Optional.empty();
    }
  }

  /** A write: {@code success} is the answer; a 400 with DM's error body is a failed result. */
  private OperationResult write(DmOperation op, String method, String path, Optional<ObjectNodeOrArray> body,
      HttpTransport.Kind kind, int success, List<SourceOutcome> onSuccess) {
    HttpTransport.Response r = send(op, method, path, body.map(ObjectNodeOrArray::json), kind, Set.of(success, 400, 404));
    if (r.status() == success) {
      return new OperationResult(true, "", onSuccess);
    }
    Optional<String> msg = errorMessage(r.body());
    if (msg.isPresent()) {
      return new OperationResult(false, msg.get(), List.of());
    }
    throw refusal(r, method + " " + path, op.command());
  }

  /** A request body: an object or an array. */
  private record ObjectNodeOrArray(String json) {
    static Optional<ObjectNodeOrArray> of(com.fasterxml.jackson.databind.JsonNode n) {
      return Optional.of(new ObjectNodeOrArray(Json.write(n)));
    }
  }

  // ---------------------------------------------------------------- status

  TaskStatus taskStatus(String task) {
    String what = "task status " + task;
    return Decode.openApiTaskStatus(read(DmOperation.TASK_STATUS, PREFIX + "/tasks/" + Paths.seg(task) + "/status", what), task);
  }

  List<Decode.OpenApiTask> tasks(DmOperation op) {
    return Decode.openApiTasks(read(op, PREFIX + "/tasks", "task list"));
  }

  SourceStatus sourceStatus(String source) {
    String what = "source status " + source;
    Node root = read(DmOperation.SOURCE_STATUS, PREFIX + "/sources/" + Paths.seg(source) + "/status", what);
    List<Node> data = root.array("data");
    if (data.isEmpty()) {
      throw new DmRefusedException(what, "DM returned no status for source " + source);
    }
    return Decode.openApiSourceStatus(data.get(0));
  }

  // ---------------------------------------------------------------- tasks

  OperationResult pauseTask(String task, List<String> sources) {
    if (v6) {
      return write(DmOperation.PAUSE_TASK, "POST", PREFIX + "/tasks/" + Paths.seg(task) + "/stop", sourceList(sources),
          HttpTransport.Kind.IDEMPOTENT, 200, List.of());
    }
    return write(DmOperation.PAUSE_TASK, "POST", PREFIX + "/tasks/" + Paths.seg(task) + "/pause", array(sources),
        HttpTransport.Kind.IDEMPOTENT, 200, List.of());
  }

  OperationResult resumeTask(String task, List<String> sources) {
    if (v6) {
      return write(DmOperation.RESUME_TASK, "POST", PREFIX + "/tasks/" + Paths.seg(task) + "/start", sourceList(sources),
          HttpTransport.Kind.IDEMPOTENT, 200, List.of());
    }
    return write(DmOperation.RESUME_TASK, "POST", PREFIX + "/tasks/" + Paths.seg(task) + "/resume", array(sources),
        HttpTransport.Kind.IDEMPOTENT, 200, List.of());
  }

  /**
   * stop-task keeping the checkpoints: v5.3/v5.4 {@code DELETE} (dmctl stop-task semantics);
   * v6.0+ only on masters with {@code keep_meta}: stop, wait until every subtask is Stopped (so the
   * last checkpoint is flushed, as dm.yaml advises), then {@code DELETE ?keep_meta=true}.
   */
  OperationResult stopTask(String task, List<String> sources) {
    String path = PREFIX + "/tasks/" + Paths.seg(task);
    if (!v6) {
      return write(DmOperation.STOP_TASK, "DELETE", path + Paths.repeated("source_name_list", sources), Optional.empty(),
          HttpTransport.Kind.ONCE, 204, List.of());
    }
    if (!version.hasDeleteKeepMeta()) {
      throw new IllegalStateException("keep_meta is not known to be supported by DM " + version);
    }
    OperationResult stopped = write(DmOperation.STOP_TASK, "POST", path + "/stop", sourceList(List.of()),
        HttpTransport.Kind.IDEMPOTENT, 200, List.of());
    if (!stopped.result()) {
      return stopped;
    }
    Instant deadline = clock.instant().plus(stopWait);
    while (true) {
      TaskStatus st = taskStatus(task);
      if (st.subtasks().stream().allMatch(s -> s.stage() == Stage.STOPPED || s.stage() == Stage.FINISHED)) {
        break;
      }
      if (!clock.instant().isBefore(deadline)) {
        return new OperationResult(false, "task " + task + " did not reach Stopped within " + stopWait
            + "; it was stopped but not deleted", List.of());
      }
      try {
        sleeper.sleep(STOP_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DmTransportException("interrupted while waiting for task " + task + " to stop", true, e);
      }
    }
    return write(DmOperation.STOP_TASK, "DELETE", path + "?keep_meta=true", Optional.empty(), HttpTransport.Kind.ONCE, 204,
        List.of());
  }

  // ---------------------------------------------------------------- sources

  SourceInfo getSource(String source) {
    String what = "source " + source;
    if (v6) {
      HttpTransport.Response r = send(DmOperation.GET_SOURCE, "GET", PREFIX + "/sources/" + Paths.seg(source), Optional.empty(),
          HttpTransport.Kind.READ, Set.of(200, 400, 404));
      if (r.status() != 200) {
        throw refusal(r, "GET " + PREFIX + "/sources/" + source, what);
      }
      return Decode.openApiSource(Json.object(r.body(), what + " (OpenAPI)"), r.body());
    }
    Node list = read(DmOperation.GET_SOURCE, PREFIX + "/sources", "source list");
    for (Node s : list.array("data")) {
      if (source.equals(s.textOr("source_name", ""))) {
        return Decode.openApiSource(s, Json.write(s.json()));
      }
    }
    throw new DmRefusedException(what, "source " + source + " not found in GET /api/v1/sources");
  }

  OperationResult createSource(String yaml, Optional<String> worker) {
    ObjectNode source;
    try {
      source = SourceYaml.toOpenApi(yaml, v6, version.atLeast(5, 4, 0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(Secrets.mask(e.getMessage()), e);
    }
    String id = source.path("source_name").asText();
    ObjectNode body;
    if (v6) {
      body = Json.newObject();
      body.set("source", source);
      worker.ifPresent(w -> body.put("worker_name", w));
    } else {
      body = source;
    }
    return write(DmOperation.CREATE_SOURCE, "POST", PREFIX + "/sources", ObjectNodeOrArray.of(body), HttpTransport.Kind.ONCE,
        201, List.of(new SourceOutcome(id, worker.orElse(""), true, "")));
  }

  OperationResult removeSource(String source, boolean force) {
    return write(DmOperation.REMOVE_SOURCE, "DELETE", PREFIX + "/sources/" + Paths.seg(source) + (force ? "?force=true" : ""),
        Optional.empty(), HttpTransport.Kind.ONCE, 204, List.of(new SourceOutcome(source, "", true, "")));
  }

  OperationResult enable(DmOperation op, String source, boolean enable) {
    return write(op, "POST", PREFIX + "/sources/" + Paths.seg(source) + (enable ? "/enable" : "/disable"), Optional.empty(),
        HttpTransport.Kind.ONCE, 200, List.of(new SourceOutcome(source, "", true, "")));
  }

  OperationResult transferSource(String source, String worker) {
    ObjectNode body = Json.newObject();
    body.put("worker_name", worker);
    return write(DmOperation.TRANSFER_SOURCE, "POST", PREFIX + "/sources/" + Paths.seg(source) + "/transfer",
        ObjectNodeOrArray.of(body), HttpTransport.Kind.ONCE, 200, List.of(new SourceOutcome(source, worker, true, "")));
  }

  OperationResult relay(DmOperation op, String source, List<String> workers, boolean start) {
    ObjectNode body = Json.newObject();
    if (!workers.isEmpty()) {
      ArrayNode a = body.putArray("worker_name_list");
      workers.forEach(a::add);
    }
    String action = v6 ? (start ? "/relay/enable" : "/relay/disable") : (start ? "/start-relay" : "/stop-relay");
    List<SourceOutcome> outcomes = new ArrayList<>();
    for (String w : workers.isEmpty() ? List.of("") : workers) {
      outcomes.add(new SourceOutcome(source, w, true, ""));
    }
    return write(op, "POST", PREFIX + "/sources/" + Paths.seg(source) + action, ObjectNodeOrArray.of(body),
        HttpTransport.Kind.ONCE, 200, outcomes);
  }

  /** v5.3/v5.4 pause-relay / resume-relay, one call per source. */
  OperationResult pauseResumeRelay(DmOperation op, List<String> sources, boolean pause) {
    List<SourceOutcome> outcomes = new ArrayList<>();
    boolean all = true;
    for (String s : sources) {
      OperationResult r = write(op, "POST", PREFIX + "/sources/" + Paths.seg(s) + (pause ? "/pause-relay" : "/resume-relay"),
          Optional.empty(), HttpTransport.Kind.ONCE, 200, List.of());
      outcomes.add(new SourceOutcome(s, "", r.result(), r.message()));
      all &= r.result();
    }
    return new OperationResult(all, "", outcomes);
  }

  // ---------------------------------------------------------------- members

  ClusterMembers members() {
    Node masters = read(DmOperation.LIST_MEMBERS, PREFIX + "/cluster/masters", "master list");
    Node workers = read(DmOperation.LIST_MEMBERS, PREFIX + "/cluster/workers", "worker list");
    return Decode.openApiMembers(masters, workers);
  }

  OperationResult offlineMember(MemberType type, String name) {
    return write(DmOperation.OFFLINE_MEMBER, "DELETE", PREFIX + "/cluster/" + type.dmName() + "s/" + Paths.seg(name),
        Optional.empty(), HttpTransport.Kind.ONCE, 204, List.of());
  }

  /** Whether the master serves the OpenAPI: anything but 404 on a cheap GET (made for {@code op}). */
  boolean probe(DmOperation op) {
    HttpTransport.Response r = send(op, "GET", PREFIX + "/cluster/masters", Optional.empty(),
        HttpTransport.Kind.READ, Set.of(200, 307, 400, 404));
    return r.status() != 404;
  }

  private static Optional<ObjectNodeOrArray> sourceList(List<String> sources) {
    ObjectNode body = Json.newObject();
    if (!sources.isEmpty()) {
      ArrayNode a = body.putArray("source_name_list");
      sources.forEach(a::add);
    }
    return ObjectNodeOrArray.of(body);
  }

  private static Optional<ObjectNodeOrArray> array(List<String> sources) {
    ArrayNode a = Json.newArray();
    sources.forEach(a::add);
    return ObjectNodeOrArray.of(a);
  }
}
