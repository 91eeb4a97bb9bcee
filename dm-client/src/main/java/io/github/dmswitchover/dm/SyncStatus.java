package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Sync unit's status of a subtask ({@code sync} in query-status, {@code sync_status} in the
 * OpenAPI).
 *
 * <p>{@code syncerBinlogGtid} is the flushed checkpoint, not the in-memory position, and
 * {@code synced} is DM's string comparison of two GTID texts: compare the sets
 * ({@link DmGtids}) rather than trust {@code synced}. DM 1.0 always prints an empty
 * {@code syncerBinlogGtid}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param masterBinlog the upstream's binlog position, e.g. {@code (mysql-bin.000001, 2388)}; {@code ""} if not printed
 * @param masterBinlogGtid the upstream's executed GTIDs
 * @param syncerBinlog the checkpoint position; with relay the file carries the relay sub-directory
 *     suffix, e.g. {@code (mysql-bin|000001.000003, 4)}
 * @param syncerBinlogGtid the checkpoint GTIDs
 * @param synced DM's catch-up flag; false when not printed (only trimmed documentation omits it)
 * @param binlogType {@code remote} or {@code local} (reading relay), DM 2.0+
 * @param secondsBehindMaster the lag DM estimates, DM 2.0.4+
 * @param totalEvents events replicated ({@code totalEvents} / {@code total_events})
 * @param totalRows rows replicated, DM 6.4+
 * @param blockingDdls DDLs waiting for a shard DDL lock
 * @param unresolvedGroups unresolved sharding groups
 * @param blockDdlOwner the owner of a blocking optimistic DDL, DM 6.0+
 * @param conflictMsg the optimistic shard DDL conflict, DM 6.0+ (often in DM's flattened error form)
 */
public record SyncStatus(String masterBinlog, DmGtids masterBinlogGtid, String syncerBinlog, DmGtids syncerBinlogGtid,
    boolean synced, Optional<String> binlogType, OptionalLong secondsBehindMaster, OptionalLong totalEvents,
    OptionalLong totalRows, List<String> blockingDdls, List<ShardGroup> unresolvedGroups, Optional<String> blockDdlOwner,
    Optional<String> conflictMsg) {

  /**
   * Checks the fields and copies the lists.
   *
   * @throws NullPointerException if a field is null
   */
  public SyncStatus {
    Objects.requireNonNull(masterBinlog, "masterBinlog");
    Objects.requireNonNull(masterBinlogGtid, "masterBinlogGtid");
    Objects.requireNonNull(syncerBinlog, "syncerBinlog");
    Objects.requireNonNull(syncerBinlogGtid, "syncerBinlogGtid");
    Objects.requireNonNull(binlogType, "binlogType");
    Objects.requireNonNull(secondsBehindMaster, "secondsBehindMaster");
    Objects.requireNonNull(totalEvents, "totalEvents");
    Objects.requireNonNull(totalRows, "totalRows");
    blockingDdls = List.copyOf(blockingDdls);
    unresolvedGroups = List.copyOf(unresolvedGroups);
    Objects.requireNonNull(blockDdlOwner, "blockDdlOwner");
    Objects.requireNonNull(conflictMsg, "conflictMsg");
  }

  /**
   * Returns the checkpoint position parsed from {@link #syncerBinlog()}.
   *
   * @return the position, or empty if DM printed none
   */
  public Optional<BinlogPosition> syncerPosition() {
    return BinlogPosition.parse(syncerBinlog);
  }

  /**
   * Returns the upstream position parsed from {@link #masterBinlog()}.
   *
   * @return the position, or empty if DM printed none
   */
  public Optional<BinlogPosition> masterPosition() {
    return BinlogPosition.parse(masterBinlog);
  }
}
