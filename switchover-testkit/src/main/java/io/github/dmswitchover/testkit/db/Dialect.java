package io.github.dmswitchover.testkit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The replication statements of one server version: MySQL renamed them in 8.0.22 / 8.0.23
 * ({@code START REPLICA}, {@code CHANGE REPLICATION SOURCE TO}, {@code SHOW REPLICA STATUS}), and
 * MariaDB keeps the old names with its own GTID options.
 */
final class Dialect {
  private final ServerVersion version;

  private Dialect(ServerVersion version) {
    this.version = version;
  }

  static Dialect of(ServerVersion version) {
    return new Dialect(version);
  }

  private boolean mariadb() {
    return version.flavor() == Flavor.MARIADB;
  }

  private boolean replicaKeywords() {
    return !mariadb() && version.atLeast(8, 0, 22);
  }

  /**
   * Points this server at a source with GTID auto-positioning.
   *
   * @param fromCurrentPosition MariaDB only: start from {@code gtid_current_pos} (for a former
   *     primary, whose own transactions are only in its binary log) instead of {@code gtid_slave_pos}
   */
  String changeSource(String host, int port, String user, String password, boolean fromCurrentPosition) {
    if (mariadb()) {
      return "CHANGE MASTER TO MASTER_HOST=" + Jdbc.literal(host) + ", MASTER_PORT=" + port
          + ", MASTER_USER=" + Jdbc.literal(user) + ", MASTER_PASSWORD=" + Jdbc.literal(password)
          + ", MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=" + (fromCurrentPosition ? "current_pos" : "slave_pos");
    }
    if (version.atLeast(8, 0, 23)) {
      return "CHANGE REPLICATION SOURCE TO SOURCE_HOST=" + Jdbc.literal(host) + ", SOURCE_PORT=" + port
          + ", SOURCE_USER=" + Jdbc.literal(user) + ", SOURCE_PASSWORD=" + Jdbc.literal(password)
          + ", SOURCE_CONNECT_RETRY=1, SOURCE_AUTO_POSITION=1, GET_SOURCE_PUBLIC_KEY=1";
    }
    return "CHANGE MASTER TO MASTER_HOST=" + Jdbc.literal(host) + ", MASTER_PORT=" + port
        + ", MASTER_USER=" + Jdbc.literal(user) + ", MASTER_PASSWORD=" + Jdbc.literal(password)
        + ", MASTER_CONNECT_RETRY=1, MASTER_AUTO_POSITION=1"
        + (version.atLeast(8, 0, 4) ? ", GET_MASTER_PUBLIC_KEY=1" : "");
  }

  String startReplica() {
    return replicaKeywords() ? "START REPLICA" : "START SLAVE";
  }

  String stopReplica() {
    return replicaKeywords() ? "STOP REPLICA" : "STOP SLAVE";
  }

  String resetReplicaAll() {
    return replicaKeywords() ? "RESET REPLICA ALL" : "RESET SLAVE ALL";
  }

  String showReplicaStatus() {
    return replicaKeywords() ? "SHOW REPLICA STATUS" : "SHOW SLAVE STATUS";
  }

  /** Returns the replication channel of this server, or empty when it replicates from nothing. */
  Optional<ReplicaStatus> replicaStatus(Connection c) throws SQLException {
    List<Map<String, String>> rows = Jdbc.rows(c, showReplicaStatus());
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> r = rows.get(0);
    return Optional.of(new ReplicaStatus(
        text(r, "Source_Host", "Master_Host"),
        number(r, "Source_Port", "Master_Port"),
        text(r, "Replica_IO_Running", "Slave_IO_Running"),
        text(r, "Replica_SQL_Running", "Slave_SQL_Running"),
        number(r, "Last_IO_Errno", "Last_IO_Errno"),
        text(r, "Last_IO_Error", "Last_IO_Error"),
        number(r, "Last_SQL_Errno", "Last_SQL_Errno"),
        text(r, "Last_SQL_Error", "Last_SQL_Error")));
  }

  /** Reads the member's GTID state (see {@link GtidState} for what each field is per flavor). */
  GtidState gtidState(Connection c) throws SQLException {
    if (!mariadb()) {
      Map<String, String> r = Jdbc.rows(c, "SELECT @@GLOBAL.gtid_executed AS e, @@GLOBAL.gtid_purged AS p").get(0);
      return new GtidState(Flavor.MYSQL, nonNull(r.get("e")), nonNull(r.get("p")), "", "");
    }
    Map<String, String> r = Jdbc.rows(c,
        "SELECT @@GLOBAL.gtid_binlog_pos AS e, @@GLOBAL.gtid_binlog_state AS s, @@GLOBAL.gtid_slave_pos AS r").get(0);
    String purged = "";
    List<Map<String, String>> logs = Jdbc.rows(c, "SHOW BINARY LOGS");
    if (!logs.isEmpty()) {
      purged = nonNull(Jdbc.value(c, "SELECT BINLOG_GTID_POS(" + Jdbc.literal(logs.get(0).get("Log_name")) + ", 4)"));
    }
    return new GtidState(Flavor.MARIADB, nonNull(r.get("e")), purged, nonNull(r.get("s")), nonNull(r.get("r")));
  }

  /** The statement that waits until this server executed {@code gtids}; see {@link #waitSucceeded}. */
  String waitForExecuted(String gtids, long timeoutSeconds) {
    return mariadb()
        ? "SELECT MASTER_GTID_WAIT(" + Jdbc.literal(gtids) + ", " + timeoutSeconds + ")"
        : "SELECT WAIT_FOR_EXECUTED_GTID_SET(" + Jdbc.literal(gtids) + ", " + timeoutSeconds + ")";
  }

  /** Both functions return 0 when the set was reached (1, or -1 for MariaDB, on timeout). */
  static boolean waitSucceeded(String result) {
    return "0".equals(result);
  }

  private static String text(Map<String, String> row, String name, String oldName) {
    String v = row.containsKey(name) ? row.get(name) : row.get(oldName);
    return v == null ? "" : v;
  }

  private static int number(Map<String, String> row, String name, String oldName) {
    String v = text(row, name, oldName);
    return v.isEmpty() ? 0 : Integer.parseInt(v.strip());
  }

  private static String nonNull(String s) {
    return s == null ? "" : s.strip();
  }
}
