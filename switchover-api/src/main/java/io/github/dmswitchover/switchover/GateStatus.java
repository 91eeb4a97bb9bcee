package io.github.dmswitchover.switchover;

/** The outcome of one gate. */
public enum GateStatus {
  /** The rule holds. */
  PASSED,
  /** The rule holds after a bounded catch-up wait on the new instance. */
  PASSED_AFTER_WAIT,
  /** The rule holds but something deserves attention; the switchover may proceed. */
  WARNING,
  /** The rule does not hold; the switchover is refused. */
  FAILED,
  /** The rule does not apply here (e.g. relay checks without relay). */
  NOT_APPLICABLE;

  /** Returns whether this outcome refuses the switchover. */
  public boolean refuses() {
    return this == FAILED;
  }
}
