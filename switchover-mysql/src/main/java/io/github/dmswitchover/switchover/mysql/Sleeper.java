package io.github.dmswitchover.switchover.mysql;

import java.time.Duration;

/**
 * Pauses the calling thread; injected so that tests of waiting code never sleep. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(long, int)}; returns at once for a duration that is not positive. */
  Sleeper SYSTEM = d -> {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
    }
  };

  /**
   * Pauses for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while paused
   */
  void sleep(Duration duration) throws InterruptedException;
}
