package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;

/**
 * An unresolved shard DDL lock ({@code shard-ddl-lock}, {@code show-ddl-locks}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the lock id, e.g. {@code test-`shard_db`.`shard_table`}
 * @param task the task
 * @param mode {@code pessimistic} or {@code optimistic} ({@code ""} on DM 1.0)
 * @param owner the owner: a source, or a source-qualified table in optimistic mode
 * @param ddls the pending DDLs
 * @param synced the members that have executed them (DM 1.0: {@code ready})
 * @param unsynced the members that have not
 */
public record ShardDdlLock(String id, String task, String mode, String owner, List<String> ddls, List<String> synced,
    List<String> unsynced) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public ShardDdlLock {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(owner, "owner");
    ddls = List.copyOf(ddls);
    synced = List.copyOf(synced);
    unsynced = List.copyOf(unsynced);
  }

  /**
   * Returns whether the lock involves a source, as owner or member (a member is the source id or
   * {@code <source>-<table>}).
   *
   * @param source the source id
   * @return true if the source takes part in the lock
   */
  public boolean involves(String source) {
    return matches(owner, source) || synced.stream().anyMatch(m -> matches(m, source))
        || unsynced.stream().anyMatch(m -> matches(m, source));
  }

  private static boolean matches(String member, String source) {
    return member.equals(source) || member.startsWith(source + "-");
  }
}
