package io.github.dmswitchover.switchover.spi;

import java.time.Duration;

/**
 * Reads one upstream MySQL or MariaDB instance for the gates and waits for it to catch up.
 * {@code switchover-mysql} implements it over JDBC; tests may implement it too. Implementations are
 * thread-safe.
 */
public interface UpstreamProbe extends AutoCloseable {

  /** Returns the instance's {@code host:port} as this probe reaches it; never credentials. */
  String address();

  /**
   * Takes one consistent reading of the instance.
   *
   * @throws ProbeException if the instance cannot be read (its kind says why)
   */
  InstanceReading read();

  /**
   * Waits until the instance has executed {@code target}, at most {@code timeout}, reporting
   * progress about once a second; returns early when {@code cancellation} says so.
   *
   * @throws ProbeException if the instance cannot be read while waiting
   */
  WaitResult waitForExecuted(GtidTarget target, Duration timeout, WaitProgress progress, Cancellation cancellation);

  /** Releases what the probe holds (connections); a probe built from a caller's DataSource leaves it open. */
  @Override
  default void close() {}
}
