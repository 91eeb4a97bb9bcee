package io.github.dmswitchover.testkit.dm;

import java.util.List;
import java.util.Objects;

/**
 * An unresolved shard DDL lock, as {@code show-ddl-locks} / {@code shard-ddl-lock} print it.
 *
 * @param id the lock id, e.g. {@code test-`shard_db`.`shard_table`}
 * @param task the task
 * @param mode {@code pessimistic} or {@code optimistic}
 * @param owner the owner (a source, or source-qualified table in optimistic mode)
 * @param ddls the pending DDL statements
 * @param synced the synced members
 * @param unsynced the members that have not executed the DDL yet
 */
public record ShardDdlLock(String id, String task, String mode, String owner, List<String> ddls, List<String> synced,
    List<String> unsynced) {
  /** Copies the lists. */
  public ShardDdlLock {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(owner, "owner");
    ddls = List.copyOf(ddls);
    synced = List.copyOf(synced);
    unsynced = List.copyOf(unsynced);
  }

  /** Returns whether the lock involves a source (as owner or member). */
  public boolean involves(String source) {
    return owner.equals(source) || owner.startsWith(source + "-")
        || synced.stream().anyMatch(m -> m.equals(source) || m.startsWith(source + "-"))
        || unsynced.stream().anyMatch(m -> m.equals(source) || m.startsWith(source + "-"));
  }
}
