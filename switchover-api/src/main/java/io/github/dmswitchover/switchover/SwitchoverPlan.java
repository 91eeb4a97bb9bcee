package io.github.dmswitchover.switchover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of {@link Switchover#validate()}: what was read, every gate's verdict, and the steps
 * {@link Switchover#execute()} would run, in order. {@code execute()} evaluates the same gates with
 * the same code and runs these same steps. Immutable and thread-safe.
 *
 * <p>{@link #toJson()} writes the versioned report schema (see {@link SwitchoverReport}),
 * {@link #toText()} a human-readable form. Neither ever contains a password.
 */
public final class SwitchoverPlan {
  private final String switchoverId;
  private final String sourceId;
  private final String flow;
  private final String dmVersion;
  private final String dmSurface;
  private final List<SubtaskSummary> subtasks;
  private final Optional<RelaySummary> relay;
  private final List<InstanceSummary> instances;
  private final List<String> vipIdentities;
  private final List<GateVerdict> gates;
  private final List<PlannedStep> steps;
  private final List<String> blockers;
  private final List<String> notes;
  private final Instant createdAt;
  private final Redactor redactor;

  /**
   * A subtask of the source as DM reported it.
   *
   * @param task the task
   * @param stage the stage, e.g. {@code Running}
   * @param unit the unit, e.g. {@code Sync}
   * @param syncerGtids {@code syncerBinlogGtid}
   * @param syncerBinlog {@code syncerBinlog}
   */
  public record SubtaskSummary(String task, String stage, String unit, String syncerGtids, String syncerBinlog) {}

  /**
   * The source's relay as DM reported it.
   *
   * @param stage the stage
   * @param subDir the relay sub-directory
   * @param relayGtids {@code relayBinlogGtid}
   * @param catchUpMaster {@code relayCatchUpMaster}
   */
  public record RelaySummary(String stage, String subDir, String relayGtids, boolean catchUpMaster) {}

  SwitchoverPlan(String switchoverId, String sourceId, String flow, String dmVersion, String dmSurface,
      List<SubtaskSummary> subtasks, Optional<RelaySummary> relay, List<InstanceSummary> instances, List<String> vipIdentities,
      List<GateVerdict> gates, List<PlannedStep> steps, List<String> blockers, List<String> notes, Instant createdAt,
      Redactor redactor) {
    this.switchoverId = Objects.requireNonNull(switchoverId, "switchoverId");
    this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
    this.flow = Objects.requireNonNull(flow, "flow");
    this.dmVersion = Objects.requireNonNull(dmVersion, "dmVersion");
    this.dmSurface = Objects.requireNonNull(dmSurface, "dmSurface");
    this.subtasks = List.copyOf(subtasks);
    this.relay = Objects.requireNonNull(relay, "relay");
    this.instances = List.copyOf(instances);
    this.vipIdentities = List.copyOf(vipIdentities);
    this.gates = List.copyOf(gates);
    this.steps = List.copyOf(steps);
    this.blockers = List.copyOf(blockers);
    this.notes = List.copyOf(notes);
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /** Returns the switchover's id (also the journal's key). */
  public String switchoverId() {
    return switchoverId;
  }

  /** Returns the DM source. */
  public String sourceId() {
    return sourceId;
  }

  /** Returns the flow: {@code vip} or {@code address}, with {@code dm1.0-} in front for DM 1.0. */
  public String flow() {
    return flow;
  }

  /** Returns DM's version as detected. */
  public String dmVersion() {
    return dmVersion;
  }

  /** Returns the DM surfaces the switchover speaks. */
  public String dmSurface() {
    return dmSurface;
  }

  /** Returns the subtasks of the source in scope, as DM reported them. */
  public List<SubtaskSummary> subtasks() {
    return subtasks;
  }

  /** Returns the relay, when the source has one. */
  public Optional<RelaySummary> relay() {
    return relay;
  }

  /** Returns the instances read (new, old). */
  public List<InstanceSummary> instances() {
    return instances;
  }

  /** Returns the identities read through the VIP (VIP flow). */
  public List<String> vipIdentities() {
    return vipIdentities;
  }

  /** Returns every gate's verdict, G1 to G10. */
  public List<GateVerdict> gates() {
    return gates;
  }

  /** Returns the steps the execution runs, in order. */
  public List<PlannedStep> steps() {
    return steps;
  }

  /**
   * Returns what keeps the switchover from running besides the gates, e.g. a task configuration
   * that still has a masked password, or a DM version the policy does not accept.
   */
  public List<String> blockers() {
    return blockers;
  }

  /** Returns further notes. */
  public List<String> notes() {
    return notes;
  }

  /** Returns when the plan was made. */
  public Instant createdAt() {
    return createdAt;
  }

  /** Returns whether a gate refuses the switchover, or a blocker keeps it from running. */
  public boolean isRefused() {
    return !blockers.isEmpty() || gates.stream().anyMatch(g -> g.status().refuses());
  }

  /** Returns the gates that refuse, in order. */
  public List<GateVerdict> refusals() {
    return gates.stream().filter(g -> g.status().refuses()).toList();
  }

  Redactor redactor() {
    return redactor;
  }

  /** Returns the plan as JSON in the report schema (no steps executed). */
  public String toJson() {
    return ReportWriter.json(this, null);
  }

  /** Returns the plan as text for people. */
  public String toText() {
    return ReportWriter.text(this, null);
  }

  @Override
  public String toString() {
    return "SwitchoverPlan[" + switchoverId + " " + flow + " of " + sourceId + (isRefused() ? ", refused" : "") + "]";
  }
}
