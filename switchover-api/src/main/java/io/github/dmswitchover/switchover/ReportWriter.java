package io.github.dmswitchover.switchover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes plans and reports as JSON (schema {@code dm-switchover-report}, version 1) and as text.
 * Every string goes through the plan's {@link Redactor}, so no password reaches either form.
 *
 * <p>Schema version 1, top level: {@code schema}, {@code schemaVersion}, {@code kind} ({@code plan}
 * or {@code report}), {@code switchoverId}, {@code sourceId}, {@code flow}, {@code outcome},
 * {@code dm {version, surface}}, {@code instances[]}, {@code vipIdentities[]}, {@code subtasks[]},
 * {@code relay} (or null), {@code gates[]}, {@code blockers[]}, {@code plannedSteps[]},
 * {@code notes[]}, {@code createdAt}; reports add {@code recheck[]}, {@code steps[]},
 * {@code compensations[]}, {@code finalState}, {@code startedAt}, {@code tookMillis}. Fields are
 * only ever added within a schema version.
 */
final class ReportWriter {
  static final String SCHEMA = "dm-switchover-report";
  static final int SCHEMA_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  static String json(SwitchoverPlan plan, SwitchoverReport report) {
    Redactor r = plan.redactor();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("kind", report == null ? "plan" : "report");
    root.put("switchoverId", r.clean(plan.switchoverId()));
    root.put("sourceId", r.clean(plan.sourceId()));
    root.put("flow", plan.flow());
    root.put("outcome", report == null ? (plan.isRefused() ? SwitchoverOutcome.REFUSED : SwitchoverOutcome.PLANNED).name()
        : report.outcome().name());
    ObjectNode dm = root.putObject("dm");
    dm.put("version", r.clean(plan.dmVersion()));
    dm.put("surface", r.clean(plan.dmSurface()));
    ArrayNode instances = root.putArray("instances");
    for (InstanceSummary i : plan.instances()) {
      ObjectNode n = instances.addObject();
      n.put("role", i.role());
      n.put("address", r.clean(i.address()));
      n.put("identity", i.identity());
      n.put("version", i.version());
      n.put("executed", i.executed());
      n.put("purged", i.purged());
      n.put("replica", i.replica());
    }
    strings(root.putArray("vipIdentities"), plan.vipIdentities(), r);
    ArrayNode subtasks = root.putArray("subtasks");
    for (SwitchoverPlan.SubtaskSummary s : plan.subtasks()) {
      ObjectNode n = subtasks.addObject();
      n.put("task", s.task());
      n.put("stage", s.stage());
      n.put("unit", s.unit());
      n.put("syncerBinlogGtid", s.syncerGtids());
      n.put("syncerBinlog", s.syncerBinlog());
    }
    if (plan.relay().isPresent()) {
      SwitchoverPlan.RelaySummary relay = plan.relay().get();
      ObjectNode n = root.putObject("relay");
      n.put("stage", relay.stage());
      n.put("subDir", relay.subDir());
      n.put("relayBinlogGtid", relay.relayGtids());
      n.put("relayCatchUpMaster", relay.catchUpMaster());
    } else {
      root.putNull("relay");
    }
    gates(root.putArray("gates"), plan.gates(), r);
    strings(root.putArray("blockers"), plan.blockers(), r);
    ArrayNode planned = root.putArray("plannedSteps");
    for (PlannedStep s : plan.steps()) {
      ObjectNode n = planned.addObject();
      n.put("name", s.name());
      n.put("description", r.clean(s.description()));
      strings(n.putArray("actions"), s.actions(), r);
    }
    strings(root.putArray("notes"), report == null ? plan.notes() : concat(plan.notes(), report.notes()), r);
    root.put("createdAt", plan.createdAt().toString());
    if (report != null) {
      gates(root.putArray("recheck"), report.recheck(), r);
      steps(root.putArray("steps"), report.steps(), r);
      steps(root.putArray("compensations"), report.compensations(), r);
      root.put("finalState", r.clean(report.finalState()));
      root.put("startedAt", report.startedAt().toString());
      root.put("tookMillis", report.took().toMillis());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("the report could not be written as JSON", e);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static void strings(ArrayNode a, List<String> values, Redactor r) {
    values.forEach(v -> a.add(r.clean(v)));
  }

  private static void gates(ArrayNode a, List<GateVerdict> gates, Redactor r) {
    for (GateVerdict g : gates) {
      ObjectNode n = a.addObject();
      n.put("gate", g.gate().code());
      n.put("title", g.gate().title());
      n.put("status", g.status().name());
      n.put("summary", r.clean(g.summary()));
      ObjectNode inputs = n.putObject("inputs");
      g.inputs().forEach((k, v) -> inputs.put(k, r.clean(v)));
      ArrayNode diffs = n.putArray("differences");
      for (GtidDelta d : g.differences()) {
        ObjectNode dn = diffs.addObject();
        dn.put("label", d.label());
        dn.put("subject", d.subject());
        dn.put("transactions", d.transactions());
        ArrayNode parts = dn.putArray("parts");
        for (GtidDelta.Part p : d.parts()) {
          ObjectNode pn = parts.addObject();
          pn.put("source", p.source());
          pn.put("transactions", p.transactions());
          pn.put("gtids", p.gtids());
        }
      }
      strings(n.putArray("notes"), g.notes(), r);
    }
  }

  private static void steps(ArrayNode a, List<StepRecord> steps, Redactor r) {
    for (StepRecord s : steps) {
      ObjectNode n = a.addObject();
      n.put("name", s.name());
      n.put("outcome", s.outcome());
      n.put("startedAt", s.startedAt().toString());
      n.put("tookMillis", s.took().toMillis());
      n.put("detail", r.clean(s.detail()));
      if (s.error().isPresent()) {
        n.put("error", r.clean(s.error().get()));
      } else {
        n.putNull("error");
      }
    }
  }

  // ---- text ----

  static String text(SwitchoverPlan plan, SwitchoverReport report) {
    Redactor r = plan.redactor();
    StringBuilder sb = new StringBuilder();
    String outcome = report == null ? (plan.isRefused() ? "REFUSED (dry run)" : "PLANNED (dry run, nothing executed)")
        : report.outcome().name();
    sb.append("Switchover ").append(plan.switchoverId()).append(" of source ").append(plan.sourceId())
        .append(" (").append(plan.flow()).append(" flow)\n");
    sb.append("  outcome:  ").append(outcome).append('\n');
    sb.append("  DM:       ").append(plan.dmSurface()).append('\n');
    if (report != null) {
      sb.append("  started:  ").append(report.startedAt()).append(", took ").append(human(report.took())).append('\n');
    } else {
      sb.append("  planned:  ").append(plan.createdAt()).append('\n');
    }
    sb.append("\nInstances\n");
    for (InstanceSummary i : plan.instances()) {
      sb.append("  ").append(pad(i.role(), 4)).append(' ').append(i.address()).append("  ").append(i.identity())
          .append("  ").append(i.version()).append(i.replica() ? "  (replica)" : "").append('\n');
      sb.append("       executed: ").append(abbreviate(i.executed())).append('\n');
      sb.append("       purged:   ").append(i.purged().isEmpty() ? "(none)" : abbreviate(i.purged())).append('\n');
    }
    if (!plan.vipIdentities().isEmpty()) {
      sb.append("  through the VIP: ").append(String.join(", ", plan.vipIdentities())).append('\n');
    }
    sb.append("\nDM positions\n");
    for (SwitchoverPlan.SubtaskSummary s : plan.subtasks()) {
      sb.append("  task ").append(s.task()).append(": ").append(s.stage()).append(" / ").append(s.unit())
          .append(", syncerBinlogGtid ").append(s.syncerGtids().isEmpty() ? "(empty)" : abbreviate(s.syncerGtids())).append('\n');
    }
    plan.relay().ifPresent(w -> sb.append("  relay: ").append(w.stage()).append(", sub-dir ").append(w.subDir())
        .append(", relayBinlogGtid ").append(w.relayGtids().isEmpty() ? "(empty)" : abbreviate(w.relayGtids()))
        .append(w.catchUpMaster() ? ", caught up" : ", not caught up").append('\n'));
    if (plan.subtasks().isEmpty() && plan.relay().isEmpty()) {
      sb.append("  (no subtask and no relay on the source)\n");
    }
    sb.append("\nGates\n");
    gateLines(sb, plan.gates());
    if (report != null && !report.recheck().isEmpty()) {
      sb.append("\nGates re-checked on the frozen positions\n");
      gateLines(sb, report.recheck());
    }
    if (!plan.blockers().isEmpty()) {
      sb.append("\nBlockers\n");
      plan.blockers().forEach(b -> sb.append("  - ").append(b).append('\n'));
    }
    sb.append(report == null ? "\nSteps execute() would run\n" : "\nPlanned steps\n");
    int i = 1;
    for (PlannedStep s : plan.steps()) {
      sb.append("  ").append(i++).append(". ").append(s.name()).append(": ").append(s.description()).append('\n');
      s.actions().forEach(a -> sb.append("       ").append(a).append('\n'));
    }
    if (report != null) {
      sb.append("\nExecuted steps\n");
      stepLines(sb, report.steps());
      if (!report.compensations().isEmpty()) {
        sb.append("\nCompensations\n");
        stepLines(sb, report.compensations());
      }
      sb.append("\nFinal state: ").append(report.finalState()).append('\n');
    }
    List<String> notes = report == null ? plan.notes() : concat(plan.notes(), report.notes());
    if (!notes.isEmpty()) {
      sb.append("\nNotes\n");
      notes.forEach(n -> sb.append("  - ").append(n).append('\n'));
    }
    return r.clean(sb.toString());
  }

  private static void gateLines(StringBuilder sb, List<GateVerdict> gates) {
    for (GateVerdict g : gates) {
      sb.append("  [").append(tag(g.status())).append("] ").append(pad(g.gate().code(), 3)).append(' ')
          .append(g.gate().title()).append(": ").append(g.summary()).append('\n');
      if (g.status() == GateStatus.FAILED || g.status() == GateStatus.WARNING) {
        for (Map.Entry<String, String> in : g.inputs().entrySet()) {
          sb.append("           ").append(in.getKey()).append(" = ")
              .append(in.getValue().isEmpty() ? "(empty)" : abbreviate(in.getValue())).append('\n');
        }
      }
      for (GtidDelta d : g.differences()) {
        sb.append("           ").append(d.subject()).append(": ").append(d.label()).append(": ").append(d.transactions())
            .append(d.transactions() == 1 ? " transaction" : " transactions").append('\n');
        for (GtidDelta.Part p : d.parts()) {
          sb.append("             ").append(abbreviate(p.gtids())).append("  (").append(p.transactions()).append(")\n");
        }
      }
      g.notes().forEach(n -> sb.append("           note: ").append(n).append('\n'));
    }
  }

  private static void stepLines(StringBuilder sb, List<StepRecord> steps) {
    if (steps.isEmpty()) {
      sb.append("  (none)\n");
    }
    for (StepRecord s : steps) {
      sb.append("  ").append(pad(s.name(), 22)).append(' ').append(pad(s.outcome(), 9)).append(' ')
          .append(pad(human(s.took()), 8)).append(' ').append(s.detail()).append('\n');
      s.error().ifPresent(e -> sb.append("       error: ").append(e).append('\n'));
    }
  }

  private static String tag(GateStatus s) {
    return switch (s) {
      case PASSED -> "pass";
      case PASSED_AFTER_WAIT -> "wait";
      case WARNING -> "warn";
      case FAILED -> "FAIL";
      case NOT_APPLICABLE -> " n/a";
    };
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** Long GTID sets (thousands of UUIDs) are shortened in text; JSON always has them whole. */
  private static String abbreviate(String s) {
    String one = s.replace("\n", "");
    return one.length() <= 240 ? one : one.substring(0, 200) + "… (" + one.length() + " characters; see the JSON report)";
  }
}
