package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The Dump unit's status of a subtask ({@code dump} / {@code dump_status}); DM declares most of
 * these as doubles.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param totalTables tables to dump
 * @param completedTables tables dumped
 * @param finishedBytes bytes dumped
 * @param finishedRows rows dumped
 * @param estimateTotalRows DM's estimate of the rows to dump (5.4+)
 * @param progress DM's progress text ({@code ""} if not printed)
 */
public record DumpStatus(OptionalDouble totalTables, OptionalDouble completedTables, OptionalDouble finishedBytes,
    OptionalDouble finishedRows, OptionalDouble estimateTotalRows, String progress) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public DumpStatus {
    Objects.requireNonNull(totalTables, "totalTables");
    Objects.requireNonNull(completedTables, "completedTables");
    Objects.requireNonNull(finishedBytes, "finishedBytes");
    Objects.requireNonNull(finishedRows, "finishedRows");
    Objects.requireNonNull(estimateTotalRows, "estimateTotalRows");
    Objects.requireNonNull(progress, "progress");
  }
}
