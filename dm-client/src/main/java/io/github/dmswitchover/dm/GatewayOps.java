package io.github.dmswitchover.dm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gRPC-gateway surface {@code /apis/v1alpha1} (DM 2.0+): requests are protobuf JSON with
 * DM's field names and enums by name; answers are dmctl's messages.
 */
final class GatewayOps {
  private static final String PREFIX = "/apis/v1alpha1";
  private static final Set<Integer> OK = Set.of(200);

  private final HttpTransport http;

  GatewayOps(HttpTransport http) {
    this.http = http;
  }

  private Node get(DmOperation op, String path, String what) {
    HttpTransport.Response r = http.send(new HttpTransport.Request(op, Surface.GATEWAY, "GET", path, Optional.empty(),
        HttpTransport.Kind.READ, OK));
    return Json.object(r.body(), what + " (gateway)");
  }

  private Node write(DmOperation op, String method, String path, ObjectNode body, HttpTransport.Kind kind, String what) {
    HttpTransport.Response r = http.send(new HttpTransport.Request(op, Surface.GATEWAY, method, path,
        Optional.of(Json.write(body)), kind, OK));
    return Json.object(r.body(), what + " (gateway)");
  }

  TaskStatus taskStatus(String task) {
    String what = "query-status " + task;
    return Decode.queryStatus(get(DmOperation.TASK_STATUS, PREFIX + "/status/" + Paths.seg(task), what), task, what);
  }

  /**
   * OperateTask. Pause and Resume set the subtasks' expected stage, which DM makes idempotent; Stop
   * (up to 5.4) and Delete (6.0+) remove the subtasks, keeping the downstream checkpoints.
   */
  OperationResult operateTask(DmOperation op, String dmOp, String task, List<String> sources) {
    ObjectNode body = Json.newObject();
    body.put("op", dmOp);
    body.put("name", task);
    if (!sources.isEmpty()) {
      ArrayNode a = body.putArray("sources");
      sources.forEach(a::add);
    }
    boolean stage = dmOp.equals("Pause") || dmOp.equals("Resume");
    return Decode.operation(write(op, "PUT", PREFIX + "/tasks/" + Paths.seg(task), body,
        stage ? HttpTransport.Kind.IDEMPOTENT : HttpTransport.Kind.ONCE, dmOp + " task " + task));
  }

  OperationResult startTask(String yaml, List<String> sources, boolean removeMeta) {
    ObjectNode body = Json.newObject();
    body.put("task", yaml);
    if (!sources.isEmpty()) {
      ArrayNode a = body.putArray("sources");
      sources.forEach(a::add);
    }
    if (removeMeta) {
      body.put("removeMeta", true);
    }
    return Decode.operation(write(DmOperation.START_TASK, "POST", PREFIX + "/tasks", body, HttpTransport.Kind.ONCE,
        "start-task"));
  }

  String config(DmOperation op, String type, String name) {
    String what = "get-config " + name;
    return Decode.config(get(op, PREFIX + "/tasks/" + Paths.seg(name) + "?type=" + type, what), what);
  }

  OperationResult operateSource(DmOperation op, String dmOp, List<String> configs, List<String> ids, Optional<String> worker) {
    ObjectNode body = Json.newObject();
    body.put("op", dmOp);
    if (!configs.isEmpty()) {
      ArrayNode a = body.putArray("config");
      configs.forEach(a::add);
    }
    if (!ids.isEmpty()) {
      ArrayNode a = body.putArray("sourceID");
      ids.forEach(a::add);
    }
    worker.ifPresent(w -> body.put("workerName", w));
    return Decode.operation(write(op, "PUT", PREFIX + "/sources", body, HttpTransport.Kind.ONCE, "operate-source " + dmOp));
  }

  ClusterMembers members() {
    return Decode.members(get(DmOperation.LIST_MEMBERS, PREFIX + "/members", "list-member"), "list-member");
  }

  OperationResult offlineMember(MemberType type, String name) {
    HttpTransport.Response r = http.send(new HttpTransport.Request(DmOperation.OFFLINE_MEMBER, Surface.GATEWAY, "DELETE",
        PREFIX + "/members/" + type.dmName() + "/" + Paths.seg(name), Optional.empty(), HttpTransport.Kind.ONCE, OK));
    return Decode.operation(Json.object(r.body(), "offline-member (gateway)"));
  }
}
