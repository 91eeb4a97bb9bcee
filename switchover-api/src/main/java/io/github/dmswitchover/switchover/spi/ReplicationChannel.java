package io.github.dmswitchover.switchover.spi;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One replication channel of an instance ({@code SHOW REPLICA STATUS}, {@code SHOW SLAVE STATUS},
 * MariaDB {@code SHOW ALL SLAVES STATUS}).
 *
 * @param name the channel ({@code ""} for the default one)
 * @param sourceHost the host it replicates from
 * @param sourcePort the port it replicates from
 * @param ioRunning the receiver thread: {@code Yes}, {@code No} or {@code Connecting}
 * @param sqlRunning the applier thread: {@code Yes} or {@code No}
 * @param autoPosition whether it positions by GTID ({@code SOURCE_AUTO_POSITION=1}; MariaDB
 *     {@code Using_Gtid} other than {@code No})
 * @param lastIoErrno the receiver's last error code, 0 if none
 * @param lastIoError the receiver's last error, empty if none
 * @param lastSqlErrno the applier's last error code, 0 if none
 * @param lastSqlError the applier's last error, empty if none
 * @param secondsBehindSource the reported lag, empty when the server reports none (NULL)
 * @param sourceServerId the source's server id, 0 if unknown
 * @param sourceUuid the source's {@code server_uuid} (MySQL), empty string if unknown
 * @param retrievedGtids the received GTIDs as printed (MySQL {@code Retrieved_Gtid_Set}), empty if none
 */
public record ReplicationChannel(
    String name,
    String sourceHost,
    int sourcePort,
    String ioRunning,
    String sqlRunning,
    boolean autoPosition,
    int lastIoErrno,
    String lastIoError,
    int lastSqlErrno,
    String lastSqlError,
    OptionalLong secondsBehindSource,
    long sourceServerId,
    String sourceUuid,
    String retrievedGtids) {

  /** Checks that no component is null. */
  public ReplicationChannel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sourceHost, "sourceHost");
    Objects.requireNonNull(ioRunning, "ioRunning");
    Objects.requireNonNull(sqlRunning, "sqlRunning");
    Objects.requireNonNull(lastIoError, "lastIoError");
    Objects.requireNonNull(lastSqlError, "lastSqlError");
    Objects.requireNonNull(secondsBehindSource, "secondsBehindSource");
    Objects.requireNonNull(sourceUuid, "sourceUuid");
    Objects.requireNonNull(retrievedGtids, "retrievedGtids");
  }

  /** Returns whether both threads run. */
  public boolean isRunning() {
    return "Yes".equalsIgnoreCase(ioRunning) && "Yes".equalsIgnoreCase(sqlRunning);
  }
}
