package io.github.dmswitchover.testkit.db;

import java.util.Objects;

/**
 * The GTID state of one member, as the server printed it.
 *
 * <p>For MySQL, {@code executed} is {@code @@GLOBAL.gtid_executed} and {@code purged} is
 * {@code @@GLOBAL.gtid_purged}; {@code binlogState} and {@code replicaPosition} are empty. For
 * MariaDB, {@code executed} is {@code @@gtid_binlog_pos}, {@code purged} is what the oldest binary
 * log starts from ({@code BINLOG_GTID_POS(oldest, 4)}, empty when nothing was purged),
 * {@code binlogState} is {@code @@gtid_binlog_state} and {@code replicaPosition} is
 * {@code @@gtid_slave_pos}.
 *
 * @param flavor the server family
 * @param executed the executed GTIDs
 * @param purged the GTIDs no longer in the binary logs
 * @param binlogState MariaDB's {@code gtid_binlog_state}; empty for MySQL
 * @param replicaPosition MariaDB's {@code gtid_slave_pos}; empty for MySQL
 */
public record GtidState(Flavor flavor, String executed, String purged, String binlogState, String replicaPosition) {
  /** Checks that no component is null. */
  public GtidState {
    Objects.requireNonNull(flavor, "flavor");
    Objects.requireNonNull(executed, "executed");
    Objects.requireNonNull(purged, "purged");
    Objects.requireNonNull(binlogState, "binlogState");
    Objects.requireNonNull(replicaPosition, "replicaPosition");
  }
}
