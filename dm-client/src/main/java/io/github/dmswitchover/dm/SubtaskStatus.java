package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One subtask (a task on one source) as query-status reports it.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param task the task name
 * @param source the source id ({@code ""} when DM 1.0 printed no {@code sourceID})
 * @param worker the worker running it (DM 1.0: its address), if DM named one
 * @param stage the stage
 * @param unit the unit
 * @param errors the subtask's errors (empty when it has none)
 * @param canceled whether the last run was canceled ({@code result.isCanceled}, e.g. after a pause)
 * @param unresolvedDdlLockId the shard DDL lock it waits on, if any
 * @param sync the Sync unit's status, when in Sync
 * @param load the Load unit's status, when in Load
 * @param dump the Dump unit's status, when in Dump
 * @param validation the validator's status, when DM printed one
 * @param message the subtask's {@code msg}, if DM printed a non-empty one
 */
public record SubtaskStatus(String task, String source, Optional<String> worker, Stage stage, Unit unit,
    List<DmError> errors, boolean canceled, Optional<String> unresolvedDdlLockId, Optional<SyncStatus> sync,
    Optional<LoadStatus> load, Optional<DumpStatus> dump, Optional<ValidationStatus> validation, Optional<String> message) {
  /**
   * Checks the fields and copies the list.
   *
   * @throws NullPointerException if a field is null
   */
  public SubtaskStatus {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(unit, "unit");
    errors = List.copyOf(errors);
    Objects.requireNonNull(unresolvedDdlLockId, "unresolvedDdlLockId");
    Objects.requireNonNull(sync, "sync");
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(dump, "dump");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(message, "message");
  }

  /**
   * Returns the DDLs the subtask is blocked on ({@code sync.blockingDDLs}).
   *
   * @return the DDLs, empty outside Sync
   */
  public List<String> blockingDdls() {
    return sync.map(SyncStatus::blockingDdls).orElse(List.of());
  }
}
