package io.github.dmswitchover.switchover;

import java.time.Duration;

/**
 * Waits between polls and retries. Injected so that tests drive time instead of sleeping;
 * {@link #SYSTEM} really waits. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {
  /** Really waits (the thread sleeps). */
  Sleeper SYSTEM = d -> java.util.concurrent.TimeUnit.NANOSECONDS.sleep(d.toNanos());

  /**
   * Waits for about {@code duration}.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;
}
