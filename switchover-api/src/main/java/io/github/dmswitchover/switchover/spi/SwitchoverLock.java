package io.github.dmswitchover.switchover.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Lets one switchover per DM source run at a time. An in-process default ships with
 * {@code switchover-api}; {@code switchover-mysql} has one on {@code GET_LOCK} in a database (for
 * several processes). Implementations are thread-safe.
 */
public interface SwitchoverLock {

  /**
   * Takes the lock of a source, waiting at most {@code wait}.
   *
   * @param sourceId the DM source
   * @param owner who takes it (recorded for diagnostics; e.g. the switchover id)
   * @return the lease, or empty if another holder kept it for the whole wait
   * @throws IllegalStateException if the lock's store cannot be reached
   */
  Optional<LockLease> tryAcquire(String sourceId, String owner, Duration wait);
}
