package io.github.dmswitchover.switchover.spi;

/** Lets a caller stop a long operation (a catch-up wait) early. Implementations are thread-safe. */
@FunctionalInterface
public interface Cancellation {
  /** Never cancels. */
  Cancellation NEVER = () -> false;

  /** Returns whether the caller asked to stop. */
  boolean isCancelled();
}
