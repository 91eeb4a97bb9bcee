package io.github.dmswitchover.switchover.spi;

/**
 * A held per-source switchover lock. The fencing token grows with every grant of the same lock, so
 * that a holder that lost the lock (its connection died) can be told apart from the current one.
 */
public interface LockLease extends AutoCloseable {

  /** Returns the DM source the lock is for. */
  String sourceId();

  /** Returns the token of this grant; a later grant of the same lock has a larger one. */
  long fencingToken();

  /** Returns whether the lock is still held by this lease (it may be lost, e.g. with its connection). */
  boolean isValid();

  /** Releases the lock; releasing a lost or released lease does nothing. */
  @Override
  void close();
}
