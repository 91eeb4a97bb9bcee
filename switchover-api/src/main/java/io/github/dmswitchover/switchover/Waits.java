package io.github.dmswitchover.switchover;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How long a polling wait has lasted: the clock's elapsed time, but at least one interval per poll. */
final class Waits {
  private Waits() {}

  static Duration next(Duration waited, Duration interval, Instant start, Clock clock) {
    Duration counted = waited.plus(interval);
    Duration elapsed = Duration.between(start, clock.instant());
    return elapsed.compareTo(counted) > 0 ? elapsed : counted;
  }
}
