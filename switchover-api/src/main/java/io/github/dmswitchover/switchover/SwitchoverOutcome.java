package io.github.dmswitchover.switchover;

/** How a switchover ended. */
public enum SwitchoverOutcome {
  /** A dry run: the plan was made, nothing acted. */
  PLANNED,
  /** A gate refused; nothing acted. */
  REFUSED,
  /** DM reads the new instance, verified. */
  SUCCEEDED,
  /** A step failed and every compensation succeeded: DM reads the old instance again. */
  COMPENSATED,
  /** A step or a compensation failed in a way that needs a person; the report says what state is left. */
  NEEDS_ATTENTION,
  /** The switchover had already finished; nothing acted. */
  ALREADY_DONE,
  /** Another switchover of the source holds the lock; nothing acted. */
  LOCKED
}
