package io.github.dmswitchover.dm;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The Load unit's status of a subtask ({@code load} / {@code load_status}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param finishedBytes bytes loaded
 * @param totalBytes bytes to load
 * @param progress DM's progress text, e.g. {@code 25.44 %}
 * @param metaBinlog the position the dump was taken at ({@code ""} if not printed)
 * @param metaBinlogGtid the GTIDs the dump was taken at
 */
public record LoadStatus(OptionalLong finishedBytes, OptionalLong totalBytes, String progress, String metaBinlog,
    DmGtids metaBinlogGtid) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public LoadStatus {
    Objects.requireNonNull(finishedBytes, "finishedBytes");
    Objects.requireNonNull(totalBytes, "totalBytes");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(metaBinlog, "metaBinlog");
    Objects.requireNonNull(metaBinlogGtid, "metaBinlogGtid");
  }
}
