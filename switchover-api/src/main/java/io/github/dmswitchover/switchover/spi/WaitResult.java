package io.github.dmswitchover.switchover.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How a catch-up wait ended.
 *
 * @param outcome reached, timed out or cancelled
 * @param waited how long it waited
 */
public record WaitResult(Outcome outcome, Duration waited) {
  /** How the wait ended. */
  public enum Outcome {
    /** The instance executed the target. */
    REACHED,
    /** The timeout passed first. */
    TIMED_OUT,
    /** The caller cancelled it. */
    CANCELLED
  }

  /** Checks that no component is null. */
  public WaitResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(waited, "waited");
  }
}
