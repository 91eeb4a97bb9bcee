package io.github.dmswitchover.testkit.dm;

import java.time.Duration;
import java.util.UUID;

/**
 * One replication connection to an upstream server, as DM's binlog reader holds it: the server
 * sees a binlog dump client, answers 1236 itself when the start position needs purged GTIDs, and
 * an open connection keeps reading the server it was opened to.
 */
interface UpstreamStream extends AutoCloseable {

  /** Who answered: MySQL {@code server_uuid}, MariaDB {@code gtid_domain_id} and {@code server_id}. */
  record Identity(String key, String serverUuid, long serverId, long domainId, String version) {
    /** DM's relay sub-directory name before the suffix: the UUID, or {@code domain-server} for MariaDB. */
    String subDirName() {
      return serverUuid.isEmpty() ? domainId + "-" + serverId : serverUuid;
    }
  }

  /** What to open. */
  record Request(String host, int port, String user, String password, boolean mariadb, long serverId,
      DmGtidSet start, Duration connectTimeout, Duration readTimeout, Duration heartbeat) {
    @Override
    public String toString() {
      return user + "@" + host + ":" + port + (mariadb ? " (MariaDB)" : " (MySQL)") + " from " + start;
    }
  }

  /** An event the simulator acts on. */
  sealed interface Event permits Gtid, TransactionEnd, Position {}

  /** A transaction's GTID (MySQL uuid, tag ("" if none) and gno, or MariaDB domain/server/sequence). */
  record Gtid(UUID uuid, String tag, long gno, long domain, long server, long sequence, boolean mariadb) implements Event {}

  /** The end of the current transaction, at this binlog position. */
  record TransactionEnd(String file, long position) implements Event {}

  /** A position update without a transaction (rotate, heartbeat). */
  record Position(String file, long position) implements Event {}

  /** Opens streams. */
  @FunctionalInterface
  interface Factory {
    UpstreamStream open(Request request) throws Failure;
  }

  /**
   * The stream failed: a server error (code and message kept), or the connection (code 0).
   */
  final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;
    private final String sqlState;

    Failure(int code, String sqlState, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
      this.sqlState = sqlState == null ? "" : sqlState;
    }

    int code() {
      return code;
    }

    String sqlState() {
      return sqlState;
    }

    boolean isServerError() {
      return code != 0;
    }

    /** The text go-sql-driver / go-mysql print for a server error, e.g. {@code ERROR 1236 (HY000): ...}. */
    String asMysqlError() {
      return code == 0 ? getMessage() : "ERROR " + code + " (" + (sqlState.isEmpty() ? "HY000" : sqlState) + "): " + getMessage();
    }
  }

  Identity identity();

  long connectionId();

  Event next() throws Failure;

  @Override
  void close();
}
