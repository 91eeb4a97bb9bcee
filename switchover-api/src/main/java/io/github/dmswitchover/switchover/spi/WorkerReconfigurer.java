package io.github.dmswitchover.switchover.spi;

import java.time.Duration;

/**
 * DM 1.0 keeps the upstream address in each worker's own configuration, rolled out by the
 * operator's deployment tool; the address-change flow of DM 1.0 calls this hook to rewrite the
 * worker of a source and restart it. Implementations must be idempotent.
 */
@FunctionalInterface
public interface WorkerReconfigurer {
  /**
   * Points the worker of {@code sourceId} at the upstream in {@code newSourceConfig} and restarts it,
   * returning once it serves again.
   *
   * @param sourceId the DM source
   * @param newSourceConfig the new source configuration (DM YAML, with the password)
   * @param timeout how long it may take
   * @throws RuntimeException if the worker could not be reconfigured (the switchover compensates)
   */
  void reconfigure(String sourceId, String newSourceConfig, Duration timeout);
}
