package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A source's relay log status ({@code relayStatus} / {@code relay_status}).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param masterBinlog the upstream's position
 * @param masterBinlogGtid the upstream's executed GTIDs
 * @param relaySubDir the relay sub-directory, e.g. {@code 09bec856-….000001} (OpenAPI {@code relay_dir})
 * @param relayBinlog the relay's position; the OpenAPI does not print it
 * @param relayBinlogGtid the GTIDs pulled into the relay log (DM 1.0 docs call it gtid-W)
 * @param relayCatchUpMaster DM's text comparison of the two GTID sets; false when not printed
 * @param stage the relay's stage
 * @param errors the relay's errors (the OpenAPI source's {@code error_msg} lines)
 */
public record RelayStatus(String masterBinlog, DmGtids masterBinlogGtid, String relaySubDir, Optional<String> relayBinlog,
    DmGtids relayBinlogGtid, boolean relayCatchUpMaster, Stage stage, List<DmError> errors) {
  /**
   * Checks the fields and copies the list.
   *
   * @throws NullPointerException if a field is null
   */
  public RelayStatus {
    Objects.requireNonNull(masterBinlog, "masterBinlog");
    Objects.requireNonNull(masterBinlogGtid, "masterBinlogGtid");
    Objects.requireNonNull(relaySubDir, "relaySubDir");
    Objects.requireNonNull(relayBinlog, "relayBinlog");
    Objects.requireNonNull(relayBinlogGtid, "relayBinlogGtid");
    Objects.requireNonNull(stage, "stage");
    errors = List.copyOf(errors);
  }
}
