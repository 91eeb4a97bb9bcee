package io.github.dmswitchover.switchover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a switchover did: the plan it validated, the re-check on the frozen positions, each step and
 * compensation with timings and outcome, the outcome and the state it left. Immutable and
 * thread-safe.
 *
 * <p>{@link #toJson()} writes a versioned schema ({@code "schema": "dm-switchover-report",
 * "schemaVersion": 1}; the fields are listed in the README) and {@link #toText()} a text for people.
 * Neither ever contains a password.
 */
public final class SwitchoverReport {
  private final SwitchoverPlan plan;
  private final List<GateVerdict> recheck;
  private final List<StepRecord> steps;
  private final List<StepRecord> compensations;
  private final SwitchoverOutcome outcome;
  private final String finalState;
  private final Instant startedAt;
  private final Duration took;
  private final List<String> notes;

  SwitchoverReport(SwitchoverPlan plan, List<GateVerdict> recheck, List<StepRecord> steps, List<StepRecord> compensations,
      SwitchoverOutcome outcome, String finalState, Instant startedAt, Duration took, List<String> notes) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.recheck = List.copyOf(recheck);
    this.steps = List.copyOf(steps);
    this.compensations = List.copyOf(compensations);
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.finalState = Objects.requireNonNull(finalState, "finalState");
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    this.took = Objects.requireNonNull(took, "took");
    this.notes = List.copyOf(notes);
  }

  /** Returns the plan the switchover validated first. */
  public SwitchoverPlan plan() {
    return plan;
  }

  /** Returns the gates re-evaluated on the frozen positions after pausing (empty if it did not get there). */
  public List<GateVerdict> recheck() {
    return recheck;
  }

  /** Returns the executed steps, in order. */
  public List<StepRecord> steps() {
    return steps;
  }

  /** Returns the compensations, in order. */
  public List<StepRecord> compensations() {
    return compensations;
  }

  /** Returns how the switchover ended. */
  public SwitchoverOutcome outcome() {
    return outcome;
  }

  /** Returns the state it left, in words: which instance DM reads, which tasks run. */
  public String finalState() {
    return finalState;
  }

  /** Returns when it started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Returns how long it took. */
  public Duration took() {
    return took;
  }

  /** Returns further notes. */
  public List<String> notes() {
    return notes;
  }

  /** Returns whether DM now reads the new instance, verified (or it already did). */
  public boolean succeeded() {
    return outcome == SwitchoverOutcome.SUCCEEDED || outcome == SwitchoverOutcome.ALREADY_DONE;
  }

  /**
   * Returns this report if the switchover succeeded (or a dry run was planned), else throws.
   *
   * @throws GateRefusedException if a gate refused or another switchover held the lock
   * @throws StepFailedException if a step failed and the compensations restored the old state
   * @throws CompensationFailedException if the state needs a person
   */
  public SwitchoverReport throwIfNotSucceeded() {
    return switch (outcome) {
      case SUCCEEDED, ALREADY_DONE, PLANNED -> this;
      case REFUSED, LOCKED -> throw new GateRefusedException("switchover " + plan.switchoverId() + " of " + plan.sourceId()
          + " was refused: " + (outcome == SwitchoverOutcome.LOCKED ? finalState
              : refusalText()), this);
      case COMPENSATED -> throw new StepFailedException("switchover " + plan.switchoverId() + " of " + plan.sourceId()
          + " failed and was undone: " + finalState, this);
      case NEEDS_ATTENTION -> throw new CompensationFailedException("switchover " + plan.switchoverId() + " of "
          + plan.sourceId() + " needs attention: " + finalState, this);
    };
  }

  private String refusalText() {
    List<String> why = new java.util.ArrayList<>(plan.blockers());
    plan.refusals().forEach(g -> why.add(g.gate().code() + " " + g.summary()));
    return plan.redactor().clean(String.join("; ", why));
  }

  /** Returns the report as JSON (schema {@code dm-switchover-report}, version 1). */
  public String toJson() {
    return ReportWriter.json(plan, this);
  }

  /** Returns the report as text for people. */
  public String toText() {
    return ReportWriter.text(plan, this);
  }

  @Override
  public String toString() {
    return "SwitchoverReport[" + plan.switchoverId() + " " + outcome + ": " + finalState + "]";
  }
}
