package io.github.dmswitchover.switchover;

import java.time.Duration;

/**
 * Observes a switchover. Every method has a no-op default; events come in pairs:
 *
 * <pre>
 * switchoverStarted
 *   gateEvaluated*                      (validation, and again when re-checking after the pause)
 *   stepStarted
 *     waitProgress*                     (during waits)
 *   stepSucceeded | stepFailed          (exactly one)
 *   compensationStarted
 *   compensationSucceeded | compensationFailed   (exactly one)
 * switchoverFinished
 * </pre>
 *
 * <p>A listener that throws is logged at WARN and never changes the outcome; listeners cannot veto.
 * Events may come from the thread running the switchover (batches run several in parallel).
 */
public interface SwitchoverListener {

  /** The switchover (or its dry run) begins. */
  default void switchoverStarted(String switchoverId, String sourceId, boolean dryRun) {}

  /** A gate was evaluated. */
  default void gateEvaluated(String switchoverId, GateVerdict verdict) {}

  /** A step is about to act. */
  default void stepStarted(String switchoverId, PlannedStep step) {}

  /** A step succeeded. */
  default void stepSucceeded(String switchoverId, PlannedStep step, Duration took) {}

  /** A step failed. */
  default void stepFailed(String switchoverId, PlannedStep step, Duration took, Throwable error) {}

  /** Progress while a step waits (catch-up, pause, verification). */
  default void waitProgress(String switchoverId, String what, Duration elapsed, String remaining) {}

  /** A compensation is about to act. */
  default void compensationStarted(String switchoverId, String compensation) {}

  /** A compensation succeeded. */
  default void compensationSucceeded(String switchoverId, String compensation, Duration took) {}

  /** A compensation failed. */
  default void compensationFailed(String switchoverId, String compensation, Duration took, Throwable error) {}

  /** The switchover ended. */
  default void switchoverFinished(String switchoverId, SwitchoverOutcome outcome, Duration took) {}
}
