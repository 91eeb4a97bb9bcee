package io.github.dmswitchover.testkit.db;

/**
 * A member's replication channel, from {@code SHOW REPLICA STATUS} (or {@code SHOW SLAVE STATUS}).
 *
 * @param sourceHost the host it replicates from
 * @param sourcePort the port it replicates from
 * @param ioThread the receiver thread state: {@code Yes}, {@code No} or {@code Connecting}
 * @param sqlThread the applier thread state: {@code Yes} or {@code No}
 * @param lastIoErrno the receiver's last error code, 0 if none
 * @param lastIoError the receiver's last error text, empty if none
 * @param lastSqlErrno the applier's last error code, 0 if none
 * @param lastSqlError the applier's last error text, empty if none
 */
public record ReplicaStatus(
    String sourceHost,
    int sourcePort,
    String ioThread,
    String sqlThread,
    int lastIoErrno,
    String lastIoError,
    int lastSqlErrno,
    String lastSqlError) {

  /** Returns whether both threads run ({@code Yes}). */
  public boolean isRunning() {
    return "Yes".equalsIgnoreCase(ioThread) && "Yes".equalsIgnoreCase(sqlThread);
  }
}
