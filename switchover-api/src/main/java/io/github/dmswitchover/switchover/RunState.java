package io.github.dmswitchover.switchover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a running switchover knows and has done, written into every journal record so that a
 * resumed run continues from the last one. Holds no secret: configurations are kept with their
 * passwords masked and filled in again from the caller's builder on resume. Not thread-safe.
 */
final class RunState {
  static final ObjectMapper JSON = new ObjectMapper();

  String flow = "";
  String dmVersion = "";
  final List<String> steps = new ArrayList<>();
  String targetIdentity = "";
  String targetAddress = "";
  String oldIdentity = "";
  String oldAddress = "";
  String vip = "";
  String relaySubDir = "";
  final List<String> allTasks = new ArrayList<>();
  final List<String> toPause = new ArrayList<>();
  final List<String> paused = new ArrayList<>();
  final List<String> stopped = new ArrayList<>();
  final List<String> resumed = new ArrayList<>();
  final List<String> started = new ArrayList<>();
  boolean relayPaused;
  boolean relayStopped;
  boolean sourceRemoved;
  boolean sourceCreated;
  boolean relayStarted;
  boolean vipMoved;
  boolean relaySwitched;
  boolean workerReconfigured;
  final Map<String, String> frozen = new LinkedHashMap<>();
  String frozenRelay = "";
  final Map<String, String> maskedTaskConfigs = new LinkedHashMap<>();
  String maskedNewSource = "";
  String maskedOldSource = "";
  long fencingToken;
  final List<PlannedStep> planned = new ArrayList<>();

  ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("flow", flow);
    n.put("dmVersion", dmVersion);
    steps.forEach(n.putArray("steps")::add);
    n.put("targetIdentity", targetIdentity);
    n.put("targetAddress", targetAddress);
    n.put("oldIdentity", oldIdentity);
    n.put("oldAddress", oldAddress);
    n.put("vip", vip);
    n.put("relaySubDir", relaySubDir);
    allTasks.forEach(n.putArray("allTasks")::add);
    toPause.forEach(n.putArray("toPause")::add);
    paused.forEach(n.putArray("paused")::add);
    stopped.forEach(n.putArray("stopped")::add);
    resumed.forEach(n.putArray("resumed")::add);
    started.forEach(n.putArray("started")::add);
    n.put("relayPaused", relayPaused);
    n.put("relayStopped", relayStopped);
    n.put("sourceRemoved", sourceRemoved);
    n.put("sourceCreated", sourceCreated);
    n.put("relayStarted", relayStarted);
    n.put("vipMoved", vipMoved);
    n.put("relaySwitched", relaySwitched);
    n.put("workerReconfigured", workerReconfigured);
    ObjectNode f = n.putObject("frozen");
    frozen.forEach(f::put);
    n.put("frozenRelay", frozenRelay);
    ObjectNode t = n.putObject("maskedTaskConfigs");
    maskedTaskConfigs.forEach(t::put);
    n.put("maskedNewSource", maskedNewSource);
    n.put("maskedOldSource", maskedOldSource);
    n.put("fencingToken", fencingToken);
    var p = n.putArray("planned");
    for (PlannedStep ps : planned) {
      ObjectNode o = p.addObject();
      o.put("name", ps.name());
      o.put("description", ps.description());
      ps.actions().forEach(o.putArray("actions")::add);
    }
    return n;
  }

  static RunState fromJson(JsonNode n) {
    RunState s = new RunState();
    s.flow = n.path("flow").asText("");
    s.dmVersion = n.path("dmVersion").asText("");
    n.path("steps").forEach(v -> s.steps.add(v.asText()));
    s.targetIdentity = n.path("targetIdentity").asText("");
    s.targetAddress = n.path("targetAddress").asText("");
    s.oldIdentity = n.path("oldIdentity").asText("");
    s.oldAddress = n.path("oldAddress").asText("");
    s.vip = n.path("vip").asText("");
    s.relaySubDir = n.path("relaySubDir").asText("");
    n.path("allTasks").forEach(v -> s.allTasks.add(v.asText()));
    n.path("toPause").forEach(v -> s.toPause.add(v.asText()));
    n.path("paused").forEach(v -> s.paused.add(v.asText()));
    n.path("stopped").forEach(v -> s.stopped.add(v.asText()));
    n.path("resumed").forEach(v -> s.resumed.add(v.asText()));
    n.path("started").forEach(v -> s.started.add(v.asText()));
    s.relayPaused = n.path("relayPaused").asBoolean();
    s.relayStopped = n.path("relayStopped").asBoolean();
    s.sourceRemoved = n.path("sourceRemoved").asBoolean();
    s.sourceCreated = n.path("sourceCreated").asBoolean();
    s.relayStarted = n.path("relayStarted").asBoolean();
    s.vipMoved = n.path("vipMoved").asBoolean();
    s.relaySwitched = n.path("relaySwitched").asBoolean();
    s.workerReconfigured = n.path("workerReconfigured").asBoolean();
    n.path("frozen").properties().forEach(e -> s.frozen.put(e.getKey(), e.getValue().asText()));
    s.frozenRelay = n.path("frozenRelay").asText("");
    n.path("maskedTaskConfigs").properties().forEach(e -> s.maskedTaskConfigs.put(e.getKey(), e.getValue().asText()));
    s.maskedNewSource = n.path("maskedNewSource").asText("");
    s.maskedOldSource = n.path("maskedOldSource").asText("");
    s.fencingToken = n.path("fencingToken").asLong();
    n.path("planned").forEach(o -> {
      List<String> actions = new ArrayList<>();
      o.path("actions").forEach(a -> actions.add(a.asText()));
      s.planned.add(new PlannedStep(o.path("name").asText(), o.path("description").asText(), actions));
    });
    return s;
  }

  /** The journal detail: {@code {"state": {...}, "note": "..."}}. */
  String detail(String note) {
    ObjectNode n = JSON.createObjectNode();
    n.set("state", toJson());
    n.put("note", note);
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("journal detail could not be written", e);
    }
  }

  /** Reads the state back from a journal detail, if it has one. */
  static Optional<RunState> fromDetail(String detail) {
    try {
      JsonNode n = JSON.readTree(detail);
      return n != null && n.has("state") ? Optional.of(fromJson(n.get("state"))) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  static String note(String detail) {
    try {
      JsonNode n = JSON.readTree(detail);
      return n == null ? "" : n.path("note").asText("");
    } catch (JsonProcessingException e) {
      return "";
    }
  }
}
