package io.github.dmswitchover.testkit.db;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition at a short interval until it holds or a deadline passes. */
final class Poll {
  private static final long INTERVAL_NANOS = Duration.ofMillis(25).toNanos();

  private Poll() {}

  /**
   * Returns {@code true} as soon as {@code condition} holds, {@code false} once {@code timeout}
   * passed without it holding.
   */
  static boolean until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(INTERVAL_NANOS);
      if (Thread.currentThread().isInterrupted()) {
        throw new IllegalStateException("interrupted while waiting");
      }
    }
  }
}
