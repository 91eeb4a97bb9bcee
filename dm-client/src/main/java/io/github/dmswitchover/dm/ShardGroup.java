package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;

/**
 * An unresolved sharding group of a subtask ({@code unresolvedGroups[]}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param target the downstream table, e.g. {@code `shard_db`.`shard_table`}
 * @param ddls the DDLs of the group
 * @param firstLocation where the group's first DDL is ({@code firstLocation}; DM 1.0 {@code firstPos})
 * @param synced the upstream tables that have executed the DDL
 * @param unsynced the upstream tables that have not
 */
public record ShardGroup(String target, List<String> ddls, String firstLocation, List<String> synced, List<String> unsynced) {
  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public ShardGroup {
    Objects.requireNonNull(target, "target");
    ddls = List.copyOf(ddls);
    Objects.requireNonNull(firstLocation, "firstLocation");
    synced = List.copyOf(synced);
    unsynced = List.copyOf(unsynced);
  }
}
