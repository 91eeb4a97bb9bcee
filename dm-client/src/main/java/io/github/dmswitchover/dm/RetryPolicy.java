package io.github.dmswitchover.dm;

import java.time.Duration;

/**
 * How often a call is tried and how long the client waits between rounds: each attempt goes to the
 * next master, and after every master has been tried once the client waits (doubling from
 * {@code initialBackoff} up to {@code maxBackoff}).
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  Duration backoff(int round) {
    long factor = round >= 30 ? Long.MAX_VALUE : 1L << Math.max(0, round - 1);
    Duration d;
    try {
      d = initialBackoff.multipliedBy(factor);
    } catch (ArithmeticException e) {
      d = maxBackoff;
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
