package io.github.dmswitchover.switchover;

/** A step failed and every compensation succeeded: DM reads the old instance again. */
public final class StepFailedException extends SwitchoverException {
  private static final long serialVersionUID = 1L;

  StepFailedException(String message, SwitchoverReport report) {
    super(message, report);
  }
}
