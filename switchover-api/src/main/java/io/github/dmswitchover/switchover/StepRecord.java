package io.github.dmswitchover.switchover;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one executed step or compensation did.
 *
 * @param name the step (or compensation) name, e.g. {@code pause-tasks}, {@code resume-paused-tasks}
 * @param outcome {@code succeeded}, {@code failed} or {@code skipped}
 * @param startedAt when it started
 * @param took how long it took
 * @param detail what it did, e.g. the tasks it paused
 * @param error why it failed, when it failed
 */
public record StepRecord(String name, String outcome, Instant startedAt, Duration took, String detail, Optional<String> error) {
  /** Checks that no component is null. */
  public StepRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(took, "took");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(error, "error");
  }

  /** Returns whether it succeeded. */
  public boolean succeeded() {
    return outcome.equals("succeeded");
  }
}
