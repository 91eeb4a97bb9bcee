package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.switchover.spi.InstanceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statements, variable names and rules of each version, without a server. */
class DialectTest {

  static Dialect dialect(String version) {
    return Dialect.of(ServerVersion.parse(version));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "5.6.51                | SHOW SLAVE STATUS      | SHOW SLAVE HOSTS",
      "5.7.44-log            | SHOW SLAVE STATUS      | SHOW SLAVE HOSTS",
      "8.0.21                | SHOW SLAVE STATUS      | SHOW SLAVE HOSTS",
      "8.0.22                | SHOW REPLICA STATUS    | SHOW REPLICAS",
      "8.0.26                | SHOW REPLICA STATUS    | SHOW REPLICAS",
      "8.2.0                 | SHOW REPLICA STATUS    | SHOW REPLICAS",
      "8.4.3                 | SHOW REPLICA STATUS    | SHOW REPLICAS",
      "9.7.4-2               | SHOW REPLICA STATUS    | SHOW REPLICAS",
      "26.10.0               | SHOW REPLICA STATUS    | SHOW REPLICAS",
      "10.3.39-MariaDB       | SHOW ALL SLAVES STATUS | SHOW SLAVE HOSTS",
      "10.5.27-MariaDB       | SHOW ALL SLAVES STATUS | SHOW SLAVE HOSTS",
      "10.11.19-MariaDB      | SHOW ALL SLAVES STATUS | SHOW SLAVE HOSTS",
      "11.4.5-MariaDB        | SHOW ALL SLAVES STATUS | SHOW SLAVE HOSTS",
  })
  void statements_followTheVersion(String version, String replicaStatus, String replicas) {
    Dialect d = dialect(version);
    assertThat(d.replicaStatusQuery()).isEqualTo(replicaStatus);
    assertThat(d.replicasQuery()).isEqualTo(replicas);
    assertThat(d.processlistQuery()).isEqualTo("SHOW PROCESSLIST");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "5.7.44     | ''",
      "8.0.36     | ''",
      "9.7.4      | ''",
      "5.6.51     | version 5.6.51 is older than 5.7, the oldest known; read as 5.7",
      "10.0.1     | version 10.0.1 is not known; read as 9.x",
      "26.10.0    | version 26.10.0 is not known; read as 9.x",
      "10.11.19-MariaDB | ''",
      "11.8.2-MariaDB   | ''",
      "12.1.2-MariaDB   | version 12.1.2-MariaDB is not known; read as MariaDB 11.x",
      "5.5.68-MariaDB   | version 5.5.68-MariaDB is older than MariaDB 10.0, the first with GTIDs; read as 10.x",
  })
  void versionWarnings_sayWhenAVersionIsReadBestEffort(String version, String warning) {
    if (warning.isEmpty()) {
      assertThat(dialect(version).versionWarnings()).isEmpty();
    } else {
      assertThat(dialect(version).versionWarnings()).containsExactly(warning);
    }
  }

  @Test
  void versionWarnings_tidb_saysItIsNoBinlogSource() {
    assertThat(dialect("8.0.11-TiDB-v7.5.0").versionWarnings()).singleElement().asString()
        .contains("TiDB, which is not a binlog source");
  }

  @Test
  void variablesQuery_namesEveryAliasInOneStatement() {
    assertThat(dialect("5.7.44").variablesQuery()).startsWith("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('server_id'")
        .contains("'log_replica_updates', 'log_slave_updates'").contains("'expire_logs_days'")
        .contains("'binlog_expire_logs_auto_purge'").contains("'super_read_only'");
    assertThat(dialect("10.11.19-MariaDB").variablesQuery()).contains("'gtid_domain_id'", "'gtid_strict_mode'")
        .doesNotContain("gtid_mode'", "super_read_only");
  }

  @ParameterizedTest(name = "{0} waits {1}")
  @CsvSource(delimiter = '|', value = {
      "5.7.44           | PT1S    | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 1) AS result",
      "5.7.44           | PT0.3S  | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 1) AS result",
      "5.7.44           | PT1.5S  | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 2) AS result",
      "5.7.44           | PT0S    | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 1) AS result",
      "8.0.36           | PT1S    | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 1.000) AS result",
      "8.0.36           | PT0.25S | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 0.250) AS result",
      "9.7.4            | PT0S    | SELECT WAIT_FOR_EXECUTED_GTID_SET(?, 0.001) AS result",
      "10.11.19-MariaDB | PT1S    | SELECT MASTER_GTID_WAIT(?, 1.000) AS result",
      "10.11.19-MariaDB | PT0.75S | SELECT MASTER_GTID_WAIT(?, 0.750) AS result",
  })
  void waitQuery_neverPassesZeroWhichMySqlReadsAsForever(String version, Duration slice, String statement) {
    assertThat(dialect(version).waitQuery(slice)).isEqualTo(statement);
  }

  @Test
  void waitReached_readsEachFunctionsResults() {
    Dialect my = dialect("9.7.4");
    Dialect maria = dialect("10.11.19-MariaDB");
    assertThat(my.waitReached("0")).isTrue();
    assertThat(my.waitReached("1")).isFalse();
    assertThat(maria.waitReached("0")).isTrue();
    assertThat(maria.waitReached("-1")).isFalse();
    assertThatThrownBy(() -> my.waitReached("NULL")).hasMessageContaining("WAIT_FOR_EXECUTED_GTID_SET returned NULL");
    assertThatThrownBy(() -> maria.waitReached("1")).hasMessageContaining("MASTER_GTID_WAIT returned 1");
  }

  @Test
  void noGtidReason_mysqlNeedsGtidModeOn_mariadbNeedsTheBinaryLog() {
    assertThat(dialect("9.7.4").noGtidReason(row("gtid_mode", "ON"))).isEmpty();
    assertThat(dialect("9.7.4").noGtidReason(row("gtid_mode", "ON_PERMISSIVE"))).get().asString()
        .contains("gtid_mode is ON_PERMISSIVE");
    assertThat(dialect("10.11.19-MariaDB").noGtidReason(row("log_bin", "1"))).isEmpty();
    assertThat(dialect("10.11.19-MariaDB").noGtidReason(row("log_bin", "0"))).get().asString()
        .contains("binary log is off");
  }

  @ParameterizedTest(name = "{0}: seconds={1} days={2} autoPurge={3} -> {4}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "5.7.44 | -       | 7  | -   | 604800",
      "5.7.44 | -       | 0  | -   | 0",
      "8.0.36 | 2592000 | 0  | ON  | 2592000",
      "8.0.36 | 3600    | 7  | ON  | 3600",
      "8.0.36 | 0       | 2  | ON  | 172800",
      "8.0.36 | 0       | 0  | ON  | 0",
      "8.0.36 | 2592000 | 0  | OFF | 0",
      "9.7.4  | 86400   | -  | ON  | 86400",
      "8.0.21 | 604800  | 0  | -   | 604800",
  })
  void retention_mysql_followsTheServersPrecedence(String version, String seconds, String days, String autoPurge,
      long expected) {
    Map<String, String> vars = new HashMap<>();
    put(vars, "binlog_expire_logs_seconds", seconds);
    put(vars, "expire_logs_days", days);
    put(vars, "binlog_expire_logs_auto_purge", autoPurge);
    List<String> warnings = new ArrayList<>();
    assertThat(((Dialect.Mysql) dialect(version)).retention(vars, warnings)).hasValue(expected);
    assertThat(warnings).isEmpty();
  }

  @ParameterizedTest(name = "{0}: seconds={1} days={2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "10.5.27-MariaDB  | -     | 7         | 604800",
      "10.5.27-MariaDB  | -     | 0         | 0",
      "10.6.1-MariaDB   | 43200 | 0.500000  | 43200",
      "10.11.19-MariaDB | 0     | 0.000000  | 0",
      "11.4.5-MariaDB   | 86400 | 1.000000  | 86400",
      "10.4.34-MariaDB  | -     | 0.5       | 43200",
  })
  void retention_mariadb_readsSecondsFrom10_6AndDaysBefore(String version, String seconds, String days, long expected) {
    Map<String, String> vars = new HashMap<>();
    put(vars, "binlog_expire_logs_seconds", seconds);
    put(vars, "expire_logs_days", days);
    List<String> warnings = new ArrayList<>();
    assertThat(((Dialect.Mariadb) dialect(version)).retention(vars, warnings)).hasValue(expected);
    assertThat(warnings).isEmpty();
  }

  @Test
  void retention_neitherVariable_isUnknownWithAWarning() {
    List<String> warnings = new ArrayList<>();
    assertThat(((Dialect.Mysql) dialect("26.10.0")).retention(Map.of(), warnings)).isEqualTo(OptionalLong.empty());
    assertThat(((Dialect.Mariadb) dialect("12.1.2-MariaDB")).retention(Map.of(), warnings)).isEqualTo(OptionalLong.empty());
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("the retention is unknown"));
  }

  @Test
  void settings_mysql57_readsLogSlaveUpdatesAndNoStrictMode() {
    Map<String, String> vars = new HashMap<>(Map.of("gtid_mode", "ON", "enforce_gtid_consistency", "ON", "log_bin", "ON",
        "log_slave_updates", "OFF", "binlog_format", "ROW", "binlog_row_image", "FULL", "expire_logs_days", "0",
        "read_only", "ON", "super_read_only", "OFF"));
    List<String> warnings = new ArrayList<>();
    InstanceSettings s = dialect("5.7.44").settings(vars, warnings);
    assertThat(s.logReplicaUpdates()).isFalse();
    assertThat(s.gtidStrictMode()).isEmpty();
    assertThat(s.superReadOnly()).contains(false);
    assertThat(s.readOnly()).isTrue();
    assertThat(warnings).isEmpty();
  }

  @Test
  void settings_mysql_logReplicaUpdatesWinsOverItsOldName() {
    Map<String, String> vars = new HashMap<>(Map.of("gtid_mode", "ON", "enforce_gtid_consistency", "ON", "log_bin", "ON",
        "log_replica_updates", "ON", "log_slave_updates", "OFF", "binlog_format", "ROW", "binlog_row_image", "FULL",
        "binlog_expire_logs_seconds", "0", "read_only", "OFF"));
    List<String> warnings = new ArrayList<>();
    InstanceSettings s = dialect("8.0.36").settings(vars, warnings);
    assertThat(s.logReplicaUpdates()).isTrue();
    assertThat(s.superReadOnly()).as("not reported: unknown, not false").isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void settings_missingOrOddValues_areOffWithAWarningNeverAGuess() {
    Map<String, String> vars = new HashMap<>(Map.of("gtid_mode", "ON", "log_bin", "maybe", "binlog_row_image", "FULL",
        "read_only", "OFF"));
    List<String> warnings = new ArrayList<>();
    InstanceSettings s = dialect("9.7.4").settings(vars, warnings);
    assertThat(s.logBin()).isFalse();
    assertThat(s.logReplicaUpdates()).isFalse();
    assertThat(s.binlogFormat()).isEmpty();
    assertThat(s.enforceGtidConsistency()).isEmpty();
    assertThat(warnings).contains("log_bin has the unexpected value 'maybe'; it is taken as OFF",
        "log_replica_updates is not reported by MySQL 9.7.4; it is taken as OFF",
        "binlog_format is not reported by MySQL 9.7.4",
        "enforce_gtid_consistency is not reported by MySQL 9.7.4");
  }

  @ParameterizedTest
  @CsvSource({"OFF, false", "0, false", "ON, true", "1, true", "NO_LOCK, true", "NO_LOCK_NO_ADMIN, true"})
  void settings_mariadbReadOnly_isReadOnlyUnlessOff(String value, boolean readOnly) {
    Map<String, String> vars = new HashMap<>(Map.of("log_bin", "ON", "log_slave_updates", "ON", "binlog_format", "ROW",
        "binlog_row_image", "FULL", "binlog_expire_logs_seconds", "0", "gtid_strict_mode", "ON", "read_only", value));
    assertThat(dialect("11.8.2-MariaDB").settings(vars, new ArrayList<>()).readOnly()).isEqualTo(readOnly);
  }

  @Test
  void dumpClient_onlyBinlogDumpCommandsCount() {
    Dialect d = dialect("9.7.4");
    assertThat(d.dumpClient(processRow("Binlog Dump GTID"))).isPresent();
    assertThat(d.dumpClient(processRow("Binlog Dump"))).isPresent();
    assertThat(d.dumpClient(processRow("Query"))).isEmpty();
    assertThat(d.dumpClient(processRow("Connect"))).isEmpty();
  }

  @Test
  void channel_mysql57AndMysql84Columns_readTheSameFields() {
    Row old = Row.of(Map.of("Master_Host", "db1", "Master_Port", "3306", "Slave_IO_Running", "Yes", "Slave_SQL_Running",
        "Yes", "Auto_Position", "1", "Seconds_Behind_Master", "5", "Master_Server_Id", "1", "Master_UUID", "u",
        "Channel_Name", "c"));
    Row renamed = Row.of(Map.of("Source_Host", "db1", "Source_Port", "3306", "Replica_IO_Running", "Yes",
        "Replica_SQL_Running", "Yes", "Auto_Position", "1", "Seconds_Behind_Source", "5", "Source_Server_Id", "1",
        "Source_UUID", "u", "Channel_Name", "c"));
    assertThat(dialect("5.7.44").channel(old)).isEqualTo(dialect("8.4.3").channel(renamed));
  }

  private static Row row(String label, String value) {
    return Row.of(Map.of(label, value));
  }

  private static Row processRow(String command) {
    Map<String, String> m = new HashMap<>();
    m.put("Id", "7");
    m.put("User", "repl");
    m.put("Host", "10.0.0.2:4000");
    m.put("Command", command);
    m.put("Time", "3");
    m.put("State", null);
    return Row.of(m);
  }

  private static void put(Map<String, String> vars, String name, String value) {
    if (value != null) {
      vars.put(name, value);
    }
  }
}
