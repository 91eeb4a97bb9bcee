package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.DumpClient;
import io.github.dmswitchover.switchover.spi.Flavor;
import io.github.dmswitchover.switchover.spi.InstanceSettings;
import io.github.dmswitchover.switchover.spi.ReplicationChannel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * What differs between server versions: statement and variable names, result columns, retention
 * rules and the catch-up wait function. One instance per server version; immutable.
 *
 * <table>
 * <caption>MySQL</caption>
 * <tr><th>version</th><th>replication channels</th><th>replicas</th><th>replica updates</th><th>retention</th><th>wait timeout</th></tr>
 * <tr><td>5.7</td><td>{@code SHOW SLAVE STATUS}</td><td>{@code SHOW SLAVE HOSTS}</td><td>{@code log_slave_updates}</td><td>{@code expire_logs_days}</td><td>whole seconds</td></tr>
 * <tr><td>8.0.0–8.0.21</td><td>{@code SHOW SLAVE STATUS}</td><td>{@code SHOW SLAVE HOSTS}</td><td>{@code log_slave_updates}</td><td>{@code binlog_expire_logs_seconds}, else {@code expire_logs_days}</td><td>fractional</td></tr>
 * <tr><td>8.0.22–8.0.25</td><td>{@code SHOW REPLICA STATUS}</td><td>{@code SHOW REPLICAS}</td><td>{@code log_slave_updates}</td><td>as above</td><td>fractional</td></tr>
 * <tr><td>8.0.26–8.0.x</td><td>as above</td><td>as above</td><td>{@code log_replica_updates}</td><td>as above; 8.0.29+ {@code binlog_expire_logs_auto_purge=OFF} means never</td><td>fractional</td></tr>
 * <tr><td>8.1–8.4, 9.x</td><td>as above ({@code SHOW SLAVE …} removed in 8.4)</td><td>as above</td><td>{@code log_replica_updates}</td><td>{@code binlog_expire_logs_seconds} ({@code expire_logs_days} removed)</td><td>fractional</td></tr>
 * </table>
 *
 * <p>MariaDB 10.x and 11.x: {@code SHOW ALL SLAVES STATUS} (every named connection),
 * {@code SHOW SLAVE HOSTS}, {@code log_slave_updates}, {@code binlog_expire_logs_seconds} from 10.6
 * ({@code expire_logs_days} before, and linked to it after), {@code MASTER_GTID_WAIT} with a
 * fractional timeout. A version newer than the ones known is read as the newest known one, with a
 * warning in the reading; an older one as the oldest known one, also with a warning.
 */
abstract sealed class Dialect permits Dialect.Mysql, Dialect.Mariadb {
  /** The command of a processlist row that reads the binary log starts with this. */
  static final String BINLOG_DUMP = "Binlog Dump";

  final ServerVersion version;
  private final List<String> warnings;

  private Dialect(ServerVersion version, List<String> warnings) {
    this.version = version;
    this.warnings = List.copyOf(warnings);
  }

  /** Returns the dialect of a server version. */
  static Dialect of(ServerVersion version) {
    return version.flavor() == Flavor.MARIADB ? Mariadb.of(version) : Mysql.of(version);
  }

  /** Returns the server family. */
  abstract Flavor flavor();

  /** Returns what the reading must say about the version itself (unknown, too old). */
  final List<String> versionWarnings() {
    return warnings;
  }

  /** Returns the variables a reading needs, by every name they have in this flavor's versions. */
  abstract List<String> variableNames();

  /** Returns the statement reading the variables: one statement, and names a version lacks are simply absent. */
  final String variablesQuery() {
    return "SHOW GLOBAL VARIABLES WHERE Variable_name IN ("
        + variableNames().stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + ")";
  }

  /** Returns the statement listing this instance's replication channels. */
  abstract String replicaStatusQuery();

  /** Returns the statement listing the replicas registered with this instance. */
  abstract String replicasQuery();

  /** Returns the statement listing connections (binlog dump clients among them). */
  final String processlistQuery() {
    return "SHOW PROCESSLIST";
  }

  /** Returns the statement reading what the wait compares against (executed GTIDs / binlog position). */
  abstract String executedQuery();

  /** Returns the statement checking that the instance has GTIDs at all, before a wait. */
  abstract String gtidCheckQuery();

  /** Returns why the instance has no GTIDs, from the row of {@link #gtidCheckQuery()}; empty if it has. */
  abstract Optional<String> noGtidReason(Row row);

  /** Returns the server's wait statement, one {@code ?} for the GTIDs, for one slice. */
  abstract String waitQuery(Duration slice);

  /** Returns whether the wait function's result says the GTIDs were reached. */
  abstract boolean waitReached(String result);

  /** Reads the settings from the variables; what cannot be read exactly goes to {@code warnings}. */
  abstract InstanceSettings settings(Map<String, String> variables, List<String> warnings);

  /** Parses one row of {@link #replicaStatusQuery()}. */
  abstract ReplicationChannel channel(Row row);

  /** Parses one row of {@link #replicasQuery()}. */
  abstract ConnectedReplica replica(Row row);

  /** Parses one processlist row; empty if the connection does not read the binary log. */
  final Optional<DumpClient> dumpClient(Row row) {
    String command = row.text("Command");
    if (!command.startsWith(BINLOG_DUMP)) {
      return Optional.empty();
    }
    return Optional.of(new DumpClient(row.number("Id"), row.text("User"), row.text("Host"), command,
        Math.max(0, row.number("Time")), row.text("State"), OptionalLong.empty()));
  }

  /** Formats a wait timeout as a decimal literal in seconds, never 0 (MySQL's "wait forever"). */
  static String fractionalSeconds(Duration slice) {
    long millis = Math.max(1, slice.toMillis());
    return BigDecimal.valueOf(millis).movePointLeft(3).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
  }

  @Override
  public String toString() {
    return version + (warnings.isEmpty() ? "" : " (best effort)");
  }

  // ---------------------------------------------------------------------------------------------

  /** Reads a boolean variable by its first present name; absent or odd values are OFF with a warning. */
  static boolean flag(Map<String, String> vars, List<String> warnings, ServerVersion v, String... names) {
    Optional<String> value = first(vars, names);
    if (value.isEmpty()) {
      warnings.add(names[0] + " is not reported by " + v + "; it is taken as OFF");
      return false;
    }
    Optional<Boolean> b = bool(value.get());
    if (b.isEmpty()) {
      warnings.add(names[0] + " has the unexpected value '" + value.get() + "'; it is taken as OFF");
      return false;
    }
    return b.get();
  }

  /** Parses ON/OFF, 1/0, YES/NO, TRUE/FALSE. */
  static Optional<Boolean> bool(String value) {
    switch (value.strip().toUpperCase(Locale.ROOT)) {
      case "ON", "1", "YES", "TRUE" -> {
        return Optional.of(true);
      }
      case "OFF", "0", "NO", "FALSE" -> {
        return Optional.of(false);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  static Optional<String> first(Map<String, String> vars, String... names) {
    for (String n : names) {
      String v = vars.get(n);
      if (v != null) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  static String text(Map<String, String> vars, List<String> warnings, ServerVersion v, String name) {
    String value = vars.get(name);
    if (value == null) {
      warnings.add(name + " is not reported by " + v);
      return "";
    }
    return value.strip();
  }

  static OptionalLong number(String value) {
    try {
      return OptionalLong.of(new BigDecimal(value.strip()).setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong lag(Row row, String... labels) {
    Optional<String> v = row.get(labels);
    if (v.isEmpty() || v.get().isBlank()) {
      return OptionalLong.empty();
    }
    return number(v.get());
  }

  // ---------------------------------------------------------------------------------------------

  /** MySQL 5.7, 8.0, 8.1–8.4 and 9.x. */
  static final class Mysql extends Dialect {
    private final boolean replicaKeywords;
    private final boolean fractionalWait;

    private Mysql(ServerVersion version, List<String> warnings, boolean replicaKeywords, boolean fractionalWait) {
      super(version, warnings);
      this.replicaKeywords = replicaKeywords;
      this.fractionalWait = fractionalWait;
    }

    static Mysql of(ServerVersion v) {
      List<String> warnings = new ArrayList<>();
      if (v.isTidb()) {
        warnings.add("version " + v.text() + " is TiDB, which is not a binlog source for DM; read as MySQL " + v.number());
      }
      if (v.major() >= 10) {
        warnings.add("version " + v.text() + " is not known; read as 9.x");
        return new Mysql(v, warnings, true, true);
      }
      if (!v.atLeast(5, 7, 0)) {
        warnings.add("version " + v.text() + " is older than 5.7, the oldest known; read as 5.7");
      }
      return new Mysql(v, warnings, v.atLeast(8, 0, 22), v.atLeast(8, 0, 0));
    }

    @Override
    Flavor flavor() {
      return Flavor.MYSQL;
    }

    @Override
    List<String> variableNames() {
      return List.of("server_id", "server_uuid", "gtid_mode", "enforce_gtid_consistency", "log_bin",
          "log_replica_updates", "log_slave_updates", "binlog_format", "binlog_row_image",
          "binlog_expire_logs_seconds", "expire_logs_days", "binlog_expire_logs_auto_purge", "read_only",
          "super_read_only", "performance_schema");
    }

    @Override
    String replicaStatusQuery() {
      return replicaKeywords ? "SHOW REPLICA STATUS" : "SHOW SLAVE STATUS";
    }

    @Override
    String replicasQuery() {
      return replicaKeywords ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS";
    }

    /** Reads purged before executed: purged only grows and is always within executed, so the pair read stays consistent. */
    String gtidQuery() {
      return "SELECT @@GLOBAL.gtid_purged AS purged, @@GLOBAL.gtid_executed AS executed";
    }

    /**
     * Matches binlog dump connections to the replica UUID they set ({@code @replica_uuid} from
     * 8.0.26 replicas, {@code @slave_uuid} before; DM sets both). Needs performance_schema.
     */
    String dumpClientUuidQuery() {
      return "SELECT t.PROCESSLIST_ID AS id, v.VARIABLE_NAME AS name, v.VARIABLE_VALUE AS value"
          + " FROM performance_schema.threads t JOIN performance_schema.user_variables_by_thread v"
          + " ON v.THREAD_ID = t.THREAD_ID"
          + " WHERE t.PROCESSLIST_COMMAND LIKE 'Binlog Dump%' AND v.VARIABLE_NAME IN ('replica_uuid', 'slave_uuid')";
    }

    @Override
    String executedQuery() {
      return "SELECT @@GLOBAL.gtid_executed AS executed";
    }

    @Override
    String gtidCheckQuery() {
      return "SELECT @@GLOBAL.gtid_mode AS gtid_mode";
    }

    @Override
    Optional<String> noGtidReason(Row row) {
      String mode = row.text("gtid_mode");
      return "ON".equalsIgnoreCase(mode.strip()) ? Optional.empty()
          : Optional.of("gtid_mode is " + (mode.isBlank() ? "not reported" : mode) + "; GTID waits need ON");
    }

    @Override
    String waitQuery(Duration slice) {
      return "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, " + waitTimeout(slice) + ") AS result";
    }

    /**
     * MySQL 8.0+ reads the timeout as a real number; 5.7 is given whole seconds (at least 1), because
     * a fraction rounded down to 0 would mean "wait forever".
     */
    String waitTimeout(Duration slice) {
      if (fractionalWait) {
        return fractionalSeconds(slice);
      }
      long seconds = Math.max(1, (slice.toMillis() + 999) / 1000);
      return Long.toString(seconds);
    }

    @Override
    boolean waitReached(String result) {
      if ("0".equals(result)) {
        return true;
      }
      if ("1".equals(result)) {
        return false;
      }
      throw new IllegalStateException("WAIT_FOR_EXECUTED_GTID_SET returned " + result + " (expected 0 or 1)");
    }

    @Override
    InstanceSettings settings(Map<String, String> vars, List<String> warnings) {
      Optional<String> gtidMode = first(vars, "gtid_mode").map(String::strip);
      if (gtidMode.isEmpty()) {
        warnings.add("gtid_mode is not reported by " + version);
      }
      Optional<String> enforce = first(vars, "enforce_gtid_consistency").map(String::strip);
      if (enforce.isEmpty()) {
        warnings.add("enforce_gtid_consistency is not reported by " + version);
      }
      Optional<Boolean> superReadOnly = first(vars, "super_read_only").flatMap(Dialect::bool);
      return new InstanceSettings(gtidMode, enforce, Optional.empty(),
          flag(vars, warnings, version, "log_bin"),
          flag(vars, warnings, version, "log_replica_updates", "log_slave_updates"),
          text(vars, warnings, version, "binlog_format"),
          text(vars, warnings, version, "binlog_row_image"),
          retention(vars, warnings),
          flag(vars, warnings, version, "read_only"),
          superReadOnly);
    }

    /**
     * The binary log retention: 0 when {@code binlog_expire_logs_auto_purge} is OFF (8.0.29+: no
     * automatic purge); else {@code binlog_expire_logs_seconds} when non-zero (8.0 ignores
     * {@code expire_logs_days} then); else {@code expire_logs_days} in seconds; else 0 (never).
     */
    OptionalLong retention(Map<String, String> vars, List<String> warnings) {
      Optional<Boolean> autoPurge = first(vars, "binlog_expire_logs_auto_purge").flatMap(Dialect::bool);
      if (autoPurge.isPresent() && !autoPurge.get()) {
        return OptionalLong.of(0);
      }
      OptionalLong seconds = first(vars, "binlog_expire_logs_seconds").map(Dialect::number).orElse(OptionalLong.empty());
      OptionalLong days = first(vars, "expire_logs_days").map(Dialect::number).orElse(OptionalLong.empty());
      if (seconds.isPresent() && seconds.getAsLong() > 0) {
        return seconds;
      }
      if (days.isPresent() && days.getAsLong() > 0) {
        return OptionalLong.of(days.getAsLong() * 86_400);
      }
      if (seconds.isPresent() || days.isPresent()) {
        return OptionalLong.of(0);
      }
      warnings.add("neither binlog_expire_logs_seconds nor expire_logs_days is reported by " + version
          + "; the retention is unknown");
      return OptionalLong.empty();
    }

    @Override
    ReplicationChannel channel(Row r) {
      return new ReplicationChannel(
          r.text("Channel_Name"),
          r.text("Source_Host", "Master_Host"),
          (int) r.number("Source_Port", "Master_Port"),
          r.text("Replica_IO_Running", "Slave_IO_Running"),
          r.text("Replica_SQL_Running", "Slave_SQL_Running"),
          "1".equals(r.text("Auto_Position").strip()),
          (int) r.number("Last_IO_Errno"),
          r.text("Last_IO_Error"),
          (int) r.number("Last_SQL_Errno"),
          r.text("Last_SQL_Error"),
          lag(r, "Seconds_Behind_Source", "Seconds_Behind_Master"),
          r.number("Source_Server_Id", "Master_Server_Id"),
          r.text("Source_UUID", "Master_UUID"),
          r.text("Retrieved_Gtid_Set").strip());
    }

    @Override
    ConnectedReplica replica(Row r) {
      return new ConnectedReplica(r.number("Server_Id"), r.text("Host"), (int) r.number("Port"),
          r.text("Replica_UUID", "Slave_UUID"));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** MariaDB 10.x and 11.x. */
  static final class Mariadb extends Dialect {
    private final boolean expireSeconds;

    private Mariadb(ServerVersion version, List<String> warnings, boolean expireSeconds) {
      super(version, warnings);
      this.expireSeconds = expireSeconds;
    }

    static Mariadb of(ServerVersion v) {
      List<String> warnings = new ArrayList<>();
      if (v.major() >= 12) {
        warnings.add("version " + v.text() + " is not known; read as MariaDB 11.x");
      } else if (v.major() < 10) {
        warnings.add("version " + v.text() + " is older than MariaDB 10.0, the first with GTIDs; read as 10.x");
      }
      return new Mariadb(v, warnings, v.atLeast(10, 6, 1));
    }

    @Override
    Flavor flavor() {
      return Flavor.MARIADB;
    }

    @Override
    List<String> variableNames() {
      return List.of("server_id", "gtid_domain_id", "gtid_strict_mode", "log_bin", "log_slave_updates",
          "log_replica_updates", "binlog_format", "binlog_row_image", "binlog_expire_logs_seconds", "expire_logs_days",
          "read_only");
    }

    @Override
    String replicaStatusQuery() {
      return "SHOW ALL SLAVES STATUS";
    }

    @Override
    String replicasQuery() {
      return "SHOW SLAVE HOSTS";
    }

    /** Lists the binary logs, oldest first (for what the oldest one starts from). */
    String binaryLogsQuery() {
      return "SHOW BINARY LOGS";
    }

    /** What the binary log starts from at offset 4 of a file: the GTID position before its first event. */
    String binlogGtidPosQuery() {
      return "SELECT BINLOG_GTID_POS(?, 4) AS pos";
    }

    /**
     * The position before the state: both only grow, so every (domain, server) of the position read
     * is in the state read after it, with a sequence at least as high.
     */
    String gtidQuery() {
      return "SELECT @@GLOBAL.gtid_binlog_pos AS binlog_pos, @@GLOBAL.gtid_binlog_state AS binlog_state,"
          + " @@GLOBAL.gtid_slave_pos AS slave_pos";
    }

    @Override
    String executedQuery() {
      return "SELECT @@GLOBAL.gtid_binlog_pos AS binlog_pos";
    }

    @Override
    String gtidCheckQuery() {
      return "SELECT @@GLOBAL.log_bin AS log_bin";
    }

    @Override
    Optional<String> noGtidReason(Row row) {
      return bool(row.text("log_bin")).orElse(false) ? Optional.empty()
          : Optional.of("the binary log is off (log_bin=" + row.text("log_bin") + "); GTIDs DM could read need it");
    }

    @Override
    String waitQuery(Duration slice) {
      return "SELECT MASTER_GTID_WAIT(?, " + fractionalSeconds(slice) + ") AS result";
    }

    @Override
    boolean waitReached(String result) {
      if ("0".equals(result)) {
        return true;
      }
      if ("-1".equals(result)) {
        return false;
      }
      throw new IllegalStateException("MASTER_GTID_WAIT returned " + result + " (expected 0 or -1)");
    }

    @Override
    InstanceSettings settings(Map<String, String> vars, List<String> warnings) {
      Optional<Boolean> strict = first(vars, "gtid_strict_mode").flatMap(Dialect::bool);
      if (strict.isEmpty()) {
        warnings.add("gtid_strict_mode is not reported by " + version);
      }
      String readOnly = first(vars, "read_only").orElse("");
      if (readOnly.isEmpty()) {
        warnings.add("read_only is not reported by " + version + "; it is taken as OFF");
      }
      return new InstanceSettings(Optional.empty(), Optional.empty(), strict,
          flag(vars, warnings, version, "log_bin"),
          flag(vars, warnings, version, "log_slave_updates", "log_replica_updates"),
          text(vars, warnings, version, "binlog_format"),
          text(vars, warnings, version, "binlog_row_image"),
          retention(vars, warnings),
          // 11.x may print NO_LOCK and NO_LOCK_NO_ADMIN, which are read-only too.
          !readOnly.isEmpty() && bool(readOnly).orElse(true),
          Optional.empty());
    }

    /**
     * The retention: {@code binlog_expire_logs_seconds} from 10.6.1 (linked to
     * {@code expire_logs_days}), {@code expire_logs_days} in seconds before; 0 means never.
     */
    OptionalLong retention(Map<String, String> vars, List<String> warnings) {
      if (expireSeconds) {
        OptionalLong s = first(vars, "binlog_expire_logs_seconds").map(Dialect::number).orElse(OptionalLong.empty());
        if (s.isPresent()) {
          return s;
        }
      }
      Optional<String> days = first(vars, "expire_logs_days");
      if (days.isPresent()) {
        try {
          BigDecimal seconds = new BigDecimal(days.get().strip()).multiply(BigDecimal.valueOf(86_400));
          return OptionalLong.of(seconds.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
          warnings.add("expire_logs_days has the unexpected value '" + days.get() + "'; the retention is unknown");
          return OptionalLong.empty();
        }
      }
      warnings.add("neither binlog_expire_logs_seconds nor expire_logs_days is reported by " + version
          + "; the retention is unknown");
      return OptionalLong.empty();
    }

    @Override
    ReplicationChannel channel(Row r) {
      String usingGtid = r.text("Using_Gtid").strip();
      return new ReplicationChannel(
          r.text("Connection_name"),
          r.text("Master_Host"),
          (int) r.number("Master_Port"),
          r.text("Slave_IO_Running", "Replica_IO_Running"),
          r.text("Slave_SQL_Running", "Replica_SQL_Running"),
          !usingGtid.isEmpty() && !"No".equalsIgnoreCase(usingGtid),
          (int) r.number("Last_IO_Errno"),
          r.text("Last_IO_Error"),
          (int) r.number("Last_SQL_Errno"),
          r.text("Last_SQL_Error"),
          lag(r, "Seconds_Behind_Master"),
          r.number("Master_Server_Id"),
          "",
          r.text("Gtid_IO_Pos").strip());
    }

    @Override
    ConnectedReplica replica(Row r) {
      return new ConnectedReplica(r.number("Server_id"), r.text("Host"), (int) r.number("Port"), "");
    }
  }
}
