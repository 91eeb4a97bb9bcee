package io.github.dmswitchover.switchover.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server settings a binlog consumer depends on (gate G4) and the retention (gate G9).
 *
 * @param gtidMode {@code gtid_mode} (MySQL; empty for MariaDB, which has none)
 * @param enforceGtidConsistency {@code enforce_gtid_consistency} (MySQL; empty for MariaDB)
 * @param gtidStrictMode {@code gtid_strict_mode} (MariaDB; empty for MySQL)
 * @param logBin {@code log_bin}
 * @param logReplicaUpdates {@code log_replica_updates} / {@code log_slave_updates}
 * @param binlogFormat {@code binlog_format}, e.g. {@code ROW}
 * @param binlogRowImage {@code binlog_row_image}, e.g. {@code FULL}
 * @param binlogExpireSeconds the binary log retention in seconds ({@code binlog_expire_logs_seconds},
 *     or {@code expire_logs_days} converted); 0 means never expire; empty when unknown
 * @param readOnly {@code read_only}
 * @param superReadOnly {@code super_read_only} (MySQL; empty for MariaDB)
 */
public record InstanceSettings(
    Optional<String> gtidMode,
    Optional<String> enforceGtidConsistency,
    Optional<Boolean> gtidStrictMode,
    boolean logBin,
    boolean logReplicaUpdates,
    String binlogFormat,
    String binlogRowImage,
    OptionalLong binlogExpireSeconds,
    boolean readOnly,
    Optional<Boolean> superReadOnly) {

  /** Checks that no component is null. */
  public InstanceSettings {
    Objects.requireNonNull(gtidMode, "gtidMode");
    Objects.requireNonNull(enforceGtidConsistency, "enforceGtidConsistency");
    Objects.requireNonNull(gtidStrictMode, "gtidStrictMode");
    Objects.requireNonNull(binlogFormat, "binlogFormat");
    Objects.requireNonNull(binlogRowImage, "binlogRowImage");
    Objects.requireNonNull(binlogExpireSeconds, "binlogExpireSeconds");
    Objects.requireNonNull(superReadOnly, "superReadOnly");
  }
}
