package io.github.dmswitchover.testkit.dm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gRPC-gateway surface {@code /apis/v1alpha1/...} of DM 2.0+ (dmmaster.proto HTTP
 * annotations): the same messages dmctl prints, as compact JSON with int64 values as strings and
 * enums by name. Requests are protobuf JSON: enums by name or number, field names as in the proto.
 */
final class GatewayApi {
  static final String PREFIX = "/apis/v1alpha1";

  private static final List<String> TASK_OPS = List.of("InvalidOp", "Stop", "Pause", "Resume", "Start", "Update", "AutoResume", "Delete");
  private static final List<String> SOURCE_OPS = List.of("InvalidSourceOp", "StartSource", "UpdateSource", "StopSource", "ShowSource");
  private static final List<String> CFG_TYPES = List.of("InvalidType", "TaskType", "MasterType", "WorkerType", "SourceType", "TaskTemplateType");
  private static final Pattern TASK = Pattern.compile(PREFIX + "/tasks/([^/]+)");
  private static final Pattern STATUS = Pattern.compile(PREFIX + "/status/([^/]+)");
  private static final Pattern MEMBER = Pattern.compile(PREFIX + "/members/([^/]+)/([^/]+)");

  private final MasterService service;

  GatewayApi(MasterService service) {
    this.service = service;
  }

  HttpReply handle(HttpCall call) {
    String p = call.path();
    String m = call.method();
    try {
      Matcher matcher;
      if (m.equals("POST") && p.equals(PREFIX + "/tasks")) {
        JsonNode body = body(call);
        return ok(service.startTask(body.path("task").asText(""), strings(body.path("sources")),
            body.path("removeMeta").asBoolean(false)));
      }
      if (m.equals("PUT") && (matcher = TASK.matcher(p)).matches()) {
        JsonNode body = body(call);
        String op = enumName(body.path("op"), TASK_OPS, "op");
        String name = body.path("name").asText("").isEmpty() ? matcher.group(1) : body.path("name").asText();
        return ok(service.operateTask(op, name, strings(body.path("sources"))));
      }
      if (m.equals("GET") && (matcher = STATUS.matcher(p)).matches()) {
        return ok(service.queryStatus(matcher.group(1), call.list("sources")));
      }
      if (m.equals("PUT") && p.equals(PREFIX + "/sources")) {
        JsonNode body = body(call);
        return ok(service.operateSource(enumName(body.path("op"), SOURCE_OPS, "op"), strings(body.path("config")),
            strings(body.path("sourceID")), body.path("workerName").asText("")));
      }
      if (m.equals("DELETE") && (matcher = MEMBER.matcher(p)).matches()) {
        return ok(service.offlineMember(matcher.group(1), matcher.group(2)));
      }
      if (m.equals("GET") && p.equals(PREFIX + "/members")) {
        return ok(service.listMember(call.flag("leader"), call.flag("master"), call.flag("worker"), call.list("names")));
      }
      if (m.equals("GET") && (matcher = TASK.matcher(p)).matches()) {
        String type = call.param("type").orElse("TaskType");
        if (type.matches("\\d+")) {
          int i = Integer.parseInt(type);
          type = i < CFG_TYPES.size() ? CFG_TYPES.get(i) : type;
        }
        return ok(service.getCfg(type, matcher.group(1)));
      }
      return grpcError(404, 5, "Not Found");
    } catch (BadRequest e) {
      return grpcError(400, 3, e.getMessage());
    }
  }

  private static HttpReply ok(ObjectNode n) {
    return HttpReply.json(200, n);
  }

  /** grpc-gateway's error body: {@code {"error", "code", "message", "details"}}. */
  static HttpReply grpcError(int httpStatus, int grpcCode, String message) {
    ObjectNode n = JsonText.object();
    n.put("error", message);
    n.put("code", grpcCode);
    n.put("message", message);
    n.putArray("details");
    return HttpReply.json(httpStatus, n);
  }

  private static JsonNode body(HttpCall call) {
    if (call.body().isBlank()) {
      return JsonText.object();
    }
    try {
      JsonNode n = JsonText.MAPPER.readTree(call.body());
      if (!n.isObject()) {
        throw new BadRequest("request body must be a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new BadRequest("invalid character in request body: " + e.getOriginalMessage());
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  private static String enumName(JsonNode n, List<String> names, String field) {
    if (n.isMissingNode() || n.isNull()) {
      return names.get(0);
    }
    if (n.isInt()) {
      int i = n.asInt();
      if (i < 0 || i >= names.size()) {
        throw new BadRequest("unknown value " + i + " for enum field " + field);
      }
      return names.get(i);
    }
    String s = n.asText();
    if (!names.contains(s)) {
      throw new BadRequest("unknown value \"" + s + "\" for enum field " + field);
    }
    return s;
  }

  /** A request the gateway cannot unmarshal (gRPC InvalidArgument). */
  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
