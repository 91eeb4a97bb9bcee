package io.github.dmswitchover.dm;

import java.util.Objects;

/**
 * Continuous validation of a subtask ({@code validation}, DM 6.2+; cutover fields 7.5+).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param stage the validator's stage
 * @param mode {@code full}, {@code fast} or {@code none}
 * @param validatorBinlog the position validated to
 * @param validatorBinlogGtid the GTIDs validated to
 * @param cutoverBinlogGtid the cutover GTIDs set ({@code cutoverBinlogGtid}; the docs spell it {@code cutoverBinlogGTID})
 * @param processedRowsStatus DM's text, e.g. {@code insert/update/delete: 2/0/0}
 * @param pendingRowsStatus DM's text
 * @param errorRowsStatus DM's text, e.g. {@code new/ignored/resolved: 0/0/0}
 */
public record ValidationStatus(Stage stage, String mode, String validatorBinlog, DmGtids validatorBinlogGtid,
    DmGtids cutoverBinlogGtid, String processedRowsStatus, String pendingRowsStatus, String errorRowsStatus) {
  /**
   * Checks the fields.
   *
   * @throws NullPointerException if a field is null
   */
  public ValidationStatus {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(validatorBinlog, "validatorBinlog");
    Objects.requireNonNull(validatorBinlogGtid, "validatorBinlogGtid");
    Objects.requireNonNull(cutoverBinlogGtid, "cutoverBinlogGtid");
    Objects.requireNonNull(processedRowsStatus, "processedRowsStatus");
    Objects.requireNonNull(pendingRowsStatus, "pendingRowsStatus");
    Objects.requireNonNull(errorRowsStatus, "errorRowsStatus");
  }
}
