package io.github.dmswitchover.switchover;

/** A gate refused the switchover (or another one held the lock); nothing acted. */
public final class GateRefusedException extends SwitchoverException {
  private static final long serialVersionUID = 1L;

  GateRefusedException(String message, SwitchoverReport report) {
    super(message, report);
  }
}
