package io.github.dmswitchover.switchover;

import java.util.Objects;

/**
 * A switchover did not succeed; the report says exactly what was done and what state is left.
 * Subtypes: {@link GateRefusedException}, {@link StepFailedException},
 * {@link CompensationFailedException}.
 */
public class SwitchoverException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient SwitchoverReport report;

  SwitchoverException(String message, SwitchoverReport report) {
    super(message);
    this.report = Objects.requireNonNull(report, "report");
  }

  /** Returns the report of the switchover. */
  public SwitchoverReport report() {
    return report;
  }
}
