package io.github.dmswitchover.switchover;

/** The switchover needs a person: a compensation failed, or resuming after the switch did. */
public final class CompensationFailedException extends SwitchoverException {
  private static final long serialVersionUID = 1L;

  CompensationFailedException(String message, SwitchoverReport report) {
    super(message, report);
  }
}
