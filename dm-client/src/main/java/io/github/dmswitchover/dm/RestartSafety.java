package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a DM-worker can be restarted now, with the reasons against it as data.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param worker the worker asked about
 * @param source the source it serves, if any
 * @param blockers the reasons not to restart it; empty when it is safe
 * @param notes what limited the check (for example: shard DDL locks read from subtask status only)
 */
public record RestartSafety(String worker, Optional<String> source, List<RestartBlocker> blockers, List<String> notes) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public RestartSafety {
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(source, "source");
    blockers = List.copyOf(blockers);
    notes = List.copyOf(notes);
  }

  /**
   * Returns whether nothing speaks against a restart.
   *
   * @return true when there is no blocker
   */
  public boolean safe() {
    return blockers.isEmpty();
  }
}
