package io.github.dmswitchover.dm;

import java.time.Duration;

/**
 * Waits between retries and while polling; injected so that tests drive time themselves.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits.
   *
   * @param duration how long
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns the sleeper that really waits ({@link Thread#sleep(long, int)}).
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
  }
}
