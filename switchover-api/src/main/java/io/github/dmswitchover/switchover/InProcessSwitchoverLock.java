package io.github.dmswitchover.switchover;

import io.github.dmswitchover.switchover.spi.LockLease;
import io.github.dmswitchover.switchover.spi.SwitchoverLock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One switchover per DM source at a time within this JVM. For several processes, use the
 * database lock of {@code switchover-mysql}. Thread-safe.
 */
public final class InProcessSwitchoverLock implements SwitchoverLock {
  private static final InProcessSwitchoverLock SHARED = new InProcessSwitchoverLock();

  private final Map<String, Holder> held = new HashMap<>();
  private final Map<String, Long> tokens = new HashMap<>();

  private record Holder(String owner, long token) {}

  /** Creates a lock table of its own (tests); {@link #shared()} is the one builders use by default. */
  public InProcessSwitchoverLock() {}

  /** Returns the JVM-wide lock table. */
  public static InProcessSwitchoverLock shared() {
    return SHARED;
  }

  @Override
  public Optional<LockLease> tryAcquire(String sourceId, String owner, Duration wait) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(wait, "wait");
    long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
    synchronized (this) {
      while (held.containsKey(sourceId)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return Optional.empty();
        }
        try {
          wait(Math.max(1, left / 1_000_000), 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Optional.empty();
        }
      }
      long token = tokens.merge(sourceId, 1L, Long::sum);
      held.put(sourceId, new Holder(owner, token));
      return Optional.of(new Lease(sourceId, token));
    }
  }

  /** Returns who holds the lock of a source, if anyone. */
  public synchronized Optional<String> holder(String sourceId) {
    return Optional.ofNullable(held.get(sourceId)).map(Holder::owner);
  }

  private synchronized void release(String sourceId, long token) {
    Holder h = held.get(sourceId);
    if (h != null && h.token() == token) {
      held.remove(sourceId);
      notifyAll();
    }
  }

  private synchronized boolean holds(String sourceId, long token) {
    Holder h = held.get(sourceId);
    return h != null && h.token() == token;
  }

  private final class Lease implements LockLease {
    private final String sourceId;
    private final long token;

    Lease(String sourceId, long token) {
      this.sourceId = sourceId;
      this.token = token;
    }

    @Override
    public String sourceId() {
      return sourceId;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    @Override
    public boolean isValid() {
      return holds(sourceId, token);
    }

    @Override
    public void close() {
      release(sourceId, token);
    }
  }
}
