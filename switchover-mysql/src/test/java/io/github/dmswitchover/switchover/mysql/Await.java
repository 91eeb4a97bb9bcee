package io.github.dmswitchover.switchover.mysql;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition in tests (never {@code Thread.sleep}). */
final class Await {
  private Await() {}

  /**
   * Polls {@code value} every 100 ms until it satisfies {@code done}; returns the last value.
   *
   * @throws AssertionError naming {@code what} and the last value if it does not within {@code timeout}
   */
  static <T> T until(String what, Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = value.get();
      if (done.test(v)) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what + "; last value: " + v);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }
}
