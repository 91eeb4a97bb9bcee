package io.github.dmswitchover.dm;

import java.util.Objects;

/**
 * One reason not to restart a DM-worker now.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param kind what kind of reason
 * @param task the task concerned ({@code ""} when none)
 * @param detail a sentence saying what was found
 */
public record RestartBlocker(Kind kind, String task, String detail) {
  /** The kinds of reasons DM's operations guide names. */
  public enum Kind {
    /** A shard DDL lock involves a source of the worker: a restart can leave the lock unresolvable. */
    SHARD_DDL_LOCK,
    /** A subtask of the worker is dumping: a restart starts the dump again. */
    DUMP_UNIT,
    /** A subtask of the worker is loading: a restart can leave a partial load. */
    LOAD_UNIT,
    /** The worker is not a member of the cluster, so nothing could be checked. */
    UNKNOWN_WORKER
  }

  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public RestartBlocker {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(detail, "detail");
  }
}
