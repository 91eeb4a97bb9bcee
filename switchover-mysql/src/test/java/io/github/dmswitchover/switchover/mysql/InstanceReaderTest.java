package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.DumpClient;
import io.github.dmswitchover.switchover.spi.Flavor;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.ReplicationChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The reader against recorded answers of each server version: which statements it issues and how
 * it reads their results. The 9.7 and 10.11 recordings were captured from real servers; the others
 * are hand-written from each version's manual (their files say so).
 */
class InstanceReaderTest {
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final String MYSQL_VARIABLES = Dialect.of(ServerVersion.parse("9.7.4")).variablesQuery();
  static final String MARIADB_VARIABLES = Dialect.of(ServerVersion.parse("10.11.19-MariaDB")).variablesQuery();
  static final String MYSQL_GTIDS = "SELECT @@GLOBAL.gtid_purged AS purged, @@GLOBAL.gtid_executed AS executed";
  static final String MARIADB_GTIDS = "SELECT @@GLOBAL.gtid_binlog_pos AS binlog_pos,"
      + " @@GLOBAL.gtid_binlog_state AS binlog_state, @@GLOBAL.gtid_slave_pos AS slave_pos";
  static final String BINLOG_AGE_WARNING = "the age of the oldest binary log is unknown";

  static InstanceReading read(RecordedServer server) {
    return new InstanceReader(server, new StubSource("db:3306")).read(NOW);
  }

  static List<String> otherWarnings(InstanceReading r) {
    return r.warnings().stream().filter(w -> !w.startsWith(BINLOG_AGE_WARNING)).toList();
  }

  @Nested
  class Mysql97Captured {
    static final UUID PRIMARY = UUID.fromString("ae33e387-e5b5-11f1-8152-02fc00000001");
    static final UUID REPLICA = UUID.fromString("b0407ca9-e5b5-11f1-a9aa-02fc00000001");

    @Test
    void read_primaryAfterAPurge_readsEverythingAndMatchesTheDumpConnectionToItsReplica() {
      RecordedServer server = RecordedServer.load("mysql-9.7.4-primary");
      InstanceReading r = read(server);

      assertThat(server.issued()).containsExactly("SELECT VERSION() AS version", MYSQL_VARIABLES, MYSQL_GTIDS,
          "SHOW REPLICA STATUS", "SHOW REPLICAS", "SHOW PROCESSLIST",
          ((Dialect.Mysql) Dialect.of(ServerVersion.parse("9.7.4"))).dumpClientUuidQuery());
      assertThat(r.address()).isEqualTo("db:3306");
      assertThat(r.flavor()).isEqualTo(Flavor.MYSQL);
      assertThat(r.version()).isEqualTo("9.7.4-2");
      assertThat(r.serverUuid()).contains(PRIMARY);
      assertThat(r.serverId()).isEqualTo(11);
      assertThat(r.gtidDomainId()).isEmpty();
      assertThat(r.identity()).isEqualTo(PRIMARY.toString());
      GtidState.Mysql g = (GtidState.Mysql) r.gtids();
      assertThat(g.purged()).isEqualTo(GtidSet.parse(PRIMARY + ":1-7"));
      assertThat(g.executed()).isEqualTo(GtidSet.parse(PRIMARY + ":1-8"));
      assertThat(r.settings().gtidMode()).contains("ON");
      assertThat(r.settings().enforceGtidConsistency()).contains("ON");
      assertThat(r.settings().gtidStrictMode()).isEmpty();
      assertThat(r.settings().logBin()).isTrue();
      assertThat(r.settings().logReplicaUpdates()).isTrue();
      assertThat(r.settings().binlogFormat()).isEqualTo("ROW");
      assertThat(r.settings().binlogRowImage()).isEqualTo("FULL");
      assertThat(r.settings().binlogExpireSeconds()).hasValue(2_592_000);
      assertThat(r.settings().readOnly()).isFalse();
      assertThat(r.settings().superReadOnly()).contains(false);
      assertThat(r.channels()).isEmpty();
      assertThat(r.isReplica()).isFalse();
      assertThat(r.replicas()).containsExactly(new ConnectedReplica(12, "127.0.0.1", 23407, REPLICA.toString()));
      assertThat(r.dumpClients()).hasSize(1);
      DumpClient d = r.dumpClients().get(0);
      assertThat(d.connectionId()).isEqualTo(10);
      assertThat(d.command()).isEqualTo("Binlog Dump GTID");
      assertThat(d.clientHost()).startsWith("127.0.0.1:");
      assertThat(d.replicaServerId()).hasValue(12);
      assertThat(r.oldestBinlogAge()).isEmpty();
      assertThat(r.warnings()).singleElement().asString().startsWith(BINLOG_AGE_WARNING);
      assertThat(r.readAt()).isEqualTo(NOW);
    }

    @Test
    void read_replicaWithAnErrantTransaction_readsItsChannelAndBothUuids() {
      RecordedServer server = RecordedServer.load("mysql-9.7.4-replica");
      InstanceReading r = read(server);

      assertThat(server.issued()).containsExactly("SELECT VERSION() AS version", MYSQL_VARIABLES, MYSQL_GTIDS,
          "SHOW REPLICA STATUS", "SHOW REPLICAS", "SHOW PROCESSLIST");
      GtidState.Mysql g = (GtidState.Mysql) r.gtids();
      assertThat(g.executed().uuids()).containsExactly(PRIMARY, REPLICA);
      assertThat(g.executed()).isEqualTo(GtidSet.parse(PRIMARY + ":1-8," + REPLICA + ":1"));
      assertThat(g.purged().isEmpty()).isTrue();
      assertThat(r.channels()).singleElement().satisfies(c -> {
        assertThat(c.name()).isEmpty();
        assertThat(c.sourceHost()).isEqualTo("127.0.0.1");
        assertThat(c.sourcePort()).isEqualTo(23406);
        assertThat(c.isRunning()).isTrue();
        assertThat(c.autoPosition()).isTrue();
        assertThat(c.secondsBehindSource()).hasValue(0);
        assertThat(c.sourceServerId()).isEqualTo(11);
        assertThat(c.sourceUuid()).isEqualTo(PRIMARY.toString());
        assertThat(c.retrievedGtids()).isEqualTo(PRIMARY + ":1-8");
        assertThat(c.lastIoErrno()).isZero();
      });
      assertThat(r.isReplica()).isTrue();
      assertThat(r.replicas()).isEmpty();
      assertThat(r.dumpClients()).isEmpty();
      assertThat(otherWarnings(r)).isEmpty();
    }
  }

  @Nested
  class Mysql57 {
    @Test
    void read_multiSourceReplica_usesTheSlaveStatementsAndReadsEveryChannel() {
      RecordedServer server = RecordedServer.load("mysql-5.7.44-replica");
      InstanceReading r = read(server);

      assertThat(server.issued()).containsExactly("SELECT VERSION() AS version", MYSQL_VARIABLES, MYSQL_GTIDS,
          "SHOW SLAVE STATUS", "SHOW SLAVE HOSTS", "SHOW PROCESSLIST");
      assertThat(r.version()).isEqualTo("5.7.44-log");
      assertThat(r.settings().logReplicaUpdates()).as("log_slave_updates").isFalse();
      assertThat(r.settings().binlogExpireSeconds()).as("expire_logs_days=7").hasValue(7 * 86_400);
      assertThat(r.settings().readOnly()).isTrue();
      assertThat(r.settings().superReadOnly()).contains(true);
      assertThat(r.channels()).extracting(ReplicationChannel::name).containsExactly("", "ch2");
      ReplicationChannel broken = r.channels().get(1);
      assertThat(broken.isRunning()).isFalse();
      assertThat(broken.ioRunning()).isEqualTo("No");
      assertThat(broken.lastIoErrno()).isEqualTo(1236);
      assertThat(broken.lastIoError()).contains("purged binary logs");
      assertThat(broken.secondsBehindSource()).as("NULL").isEmpty();
      assertThat(broken.sourceServerId()).isEqualTo(7);
      assertThat(r.channels().get(0).secondsBehindSource()).hasValue(3);
      assertThat(r.channels().get(0).sourceUuid()).isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562");
      GtidState.Mysql g = (GtidState.Mysql) r.gtids();
      assertThat(g.purged()).isEqualTo(GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-20"));
      assertThat(g.executed().uuids()).hasSize(2);
      assertThat(otherWarnings(r)).isEmpty();
    }

    @Test
    void read_primaryWithAReplicaAndDm_matchesEachDumpConnectionBySlaveUuid() {
      RecordedServer server = RecordedServer.load("mysql-5.7.44-primary");
      InstanceReading r = read(server);

      assertThat(r.replicas()).extracting(ConnectedReplica::serverId).containsExactly(3L, 4_294_001L);
      assertThat(r.dumpClients()).extracting(DumpClient::user, DumpClient::replicaServerId).containsExactly(
          org.assertj.core.groups.Tuple.tuple("repl", OptionalLong.of(3)),
          org.assertj.core.groups.Tuple.tuple("dm", OptionalLong.of(4_294_001)));
      assertThat(r.settings().binlogExpireSeconds()).as("expire_logs_days=0: never").hasValue(0);
      assertThat(otherWarnings(r)).isEmpty();
    }
  }

  @Nested
  class Mysql80 {
    @Test
    void read_8_0_21_usesTheSlaveStatementsWithThe80Columns() {
      RecordedServer server = RecordedServer.load("mysql-8.0.21-replica");
      InstanceReading r = read(server);

      assertThat(server.issued()).contains("SHOW SLAVE STATUS", "SHOW SLAVE HOSTS").doesNotContain("SHOW REPLICA STATUS");
      ReplicationChannel c = r.channels().get(0);
      assertThat(c.lastIoErrno()).isEqualTo(13114);
      assertThat(c.sourceHost()).isEqualTo("db1");
      assertThat(c.isRunning()).isFalse();
      assertThat(r.settings().binlogRowImage()).isEqualTo("MINIMAL");
      assertThat(r.settings().binlogExpireSeconds()).hasValue(604_800);
      assertThat(r.settings().logReplicaUpdates()).as("log_slave_updates=ON").isTrue();
      assertThat(otherWarnings(r)).isEmpty();
    }

    @Test
    void read_8_0_36_usesTheReplicaStatementsAndSaysWhatPerformanceSchemaOffHides() {
      RecordedServer server = RecordedServer.load("mysql-8.0.36-primary");
      InstanceReading r = read(server);

      assertThat(server.issued()).containsExactly("SELECT VERSION() AS version", MYSQL_VARIABLES, MYSQL_GTIDS,
          "SHOW REPLICA STATUS", "SHOW REPLICAS", "SHOW PROCESSLIST");
      assertThat(r.settings().binlogExpireSeconds()).as("binlog_expire_logs_auto_purge=OFF: never").hasValue(0);
      assertThat(r.replicas()).singleElement().extracting(ConnectedReplica::replicaUuid)
          .isEqualTo("5a8f6b1c-2d3e-11ef-8a1b-0242ac120003");
      assertThat(r.dumpClients()).singleElement().extracting(DumpClient::replicaServerId).isEqualTo(OptionalLong.empty());
      assertThat(otherWarnings(r)).singleElement().asString().contains("performance_schema is OFF");
    }
  }

  @Nested
  class Mysql84AndLater {
    @Test
    void read_8_4_replicaWithTaggedGtidsAndReplicaUpdatesOff() {
      RecordedServer server = RecordedServer.load("mysql-8.4.3-replica");
      InstanceReading r = read(server);

      assertThat(server.issued()).contains("SHOW REPLICA STATUS", "SHOW REPLICAS").doesNotContain("SHOW SLAVE STATUS");
      GtidState.Mysql g = (GtidState.Mysql) r.gtids();
      assertThat(g.executed()).isEqualTo(GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-10:dm_ops:1-3"));
      assertThat(r.settings().logReplicaUpdates()).isFalse();
      assertThat(r.settings().binlogExpireSeconds()).hasValue(86_400);
      assertThat(r.channels().get(0).retrievedGtids()).contains(":dm_ops:1-3");
      assertThat(otherWarnings(r)).isEmpty();
    }

    @Test
    void read_unknownNewerVersion_readsItAs9xAndSaysSo() {
      RecordedServer server = RecordedServer.load("mysql-26.10.0-primary");
      InstanceReading r = read(server);

      assertThat(server.issued()).contains("SHOW REPLICA STATUS", "SHOW REPLICAS");
      assertThat(r.warnings()).contains("version 26.10.0 is not known; read as 9.x");
      assertThat(r.warnings()).contains("binlog_format is not reported by MySQL 26.10.0");
      assertThat(r.settings().binlogFormat()).as("never guessed").isEmpty();
      assertThat(r.settings().logReplicaUpdates()).isTrue();
    }

    @Test
    void read_gtidModeNotOn_failsWithNoGtid() {
      assertThatThrownBy(() -> read(RecordedServer.load("mysql-8.0.40-gtid-off")))
          .isInstanceOfSatisfying(ProbeException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProbeException.Kind.NO_GTID);
            assertThat(e.address()).isEqualTo("db:3306");
            assertThat(e.getMessage()).contains("gtid_mode is OFF_PERMISSIVE");
          });
    }
  }

  @Nested
  class Mariadb1011Captured {
    @Test
    void read_primaryAfterAPurge_readsWhatTheOldestBinlogStartsFrom() {
      RecordedServer server = RecordedServer.load("mariadb-10.11.19-primary");
      InstanceReading r = read(server);

      assertThat(server.issued()).containsExactly("SELECT VERSION() AS version", MARIADB_VARIABLES, "SHOW BINARY LOGS",
          "SELECT BINLOG_GTID_POS('mariadb-bin.000003', 4) AS pos", MARIADB_GTIDS, "SHOW ALL SLAVES STATUS",
          "SHOW SLAVE HOSTS", "SHOW PROCESSLIST");
      assertThat(r.flavor()).isEqualTo(Flavor.MARIADB);
      assertThat(r.serverUuid()).isEmpty();
      assertThat(r.serverId()).isEqualTo(1);
      assertThat(r.gtidDomainId()).hasValue(0);
      assertThat(r.identity()).isEqualTo("0-1");
      GtidState.Mariadb g = (GtidState.Mariadb) r.gtids();
      assertThat(g.purged()).isEqualTo(MariadbGtidPosition.parse("0-1-5"));
      assertThat(g.binlogPos()).isEqualTo(MariadbGtidPosition.parse("0-1-6,5-1-1"));
      assertThat(g.binlogState()).isEqualTo(MariadbGtidList.parse("0-1-6,5-1-1"));
      assertThat(g.replicaPos().isEmpty()).isTrue();
      assertThat(r.settings().gtidMode()).isEmpty();
      assertThat(r.settings().superReadOnly()).isEmpty();
      assertThat(r.settings().gtidStrictMode()).contains(true);
      assertThat(r.settings().binlogExpireSeconds()).hasValue(0);
      assertThat(r.replicas()).containsExactly(new ConnectedReplica(2, "127.0.0.1", 23307, ""));
      assertThat(r.dumpClients()).singleElement().satisfies(d -> {
        assertThat(d.command()).isEqualTo("Binlog Dump");
        assertThat(d.replicaServerId()).as("MariaDB does not tell").isEmpty();
      });
      assertThat(otherWarnings(r)).isEmpty();
    }

    @Test
    void read_replica_readsItsChannelAndItsEmptyPurgedPosition() {
      RecordedServer server = RecordedServer.load("mariadb-10.11.19-replica");
      InstanceReading r = read(server);

      GtidState.Mariadb g = (GtidState.Mariadb) r.gtids();
      assertThat(g.purged().isEmpty()).as("nothing purged: BINLOG_GTID_POS returns ''").isTrue();
      assertThat(g.replicaPos()).isEqualTo(MariadbGtidPosition.parse("0-1-6,5-1-1"));
      assertThat(r.serverId()).isEqualTo(2);
      assertThat(r.channels()).singleElement().satisfies(c -> {
        assertThat(c.name()).isEmpty();
        assertThat(c.sourcePort()).isEqualTo(23306);
        assertThat(c.autoPosition()).as("Using_Gtid=Slave_Pos").isTrue();
        assertThat(c.isRunning()).isTrue();
        assertThat(c.sourceServerId()).isEqualTo(1);
        assertThat(c.sourceUuid()).isEmpty();
        assertThat(c.retrievedGtids()).isEqualTo("5-1-1,0-1-6");
      });
      assertThat(otherWarnings(r)).isEmpty();
    }
  }

  @Nested
  class MariadbOtherVersions {
    @Test
    void read_10_5_multiSourceReplica_readsEveryConnectionAndExpireLogsDays() {
      InstanceReading r = read(RecordedServer.load("mariadb-10.5.27-replica"));

      assertThat(r.channels()).extracting(ReplicationChannel::name).containsExactly("", "east");
      ReplicationChannel east = r.channels().get(1);
      assertThat(east.autoPosition()).as("Using_Gtid=No").isFalse();
      assertThat(east.lastSqlErrno()).isEqualTo(1062);
      assertThat(east.secondsBehindSource()).isEmpty();
      assertThat(r.settings().binlogExpireSeconds()).hasValue(7 * 86_400);
      assertThat(r.settings().logReplicaUpdates()).isFalse();
      assertThat(r.settings().binlogFormat()).isEqualTo("MIXED");
      assertThat(r.settings().gtidStrictMode()).contains(false);
      GtidState.Mariadb g = (GtidState.Mariadb) r.gtids();
      assertThat(g.purged()).isEqualTo(MariadbGtidPosition.parse("0-3-12"));
      assertThat(g.binlogState()).isEqualTo(MariadbGtidList.parse("0-1-100,0-3-14"));
      assertThat(otherWarnings(r)).isEmpty();
    }

    @Test
    void read_11_4_primary_readsTwoDumpConnectionsWithoutServerIds() {
      InstanceReading r = read(RecordedServer.load("mariadb-11.4.5-primary"));

      assertThat(r.gtidDomainId()).hasValue(1);
      assertThat(r.settings().binlogExpireSeconds()).hasValue(86_400);
      assertThat(r.replicas()).extracting(ConnectedReplica::serverId).containsExactly(2L, 4_294_001L);
      assertThat(r.dumpClients()).hasSize(2).allSatisfy(d -> assertThat(d.replicaServerId()).isEmpty());
      assertThat(((GtidState.Mariadb) r.gtids()).purged().isEmpty()).isTrue();
      assertThat(otherWarnings(r)).isEmpty();
    }

    @Test
    void read_unknownNewerVersion_readsItAs11xAndSaysSo() {
      InstanceReading r = read(RecordedServer.load("mariadb-12.1.2-primary"));

      assertThat(r.warnings()).contains("version 12.1.2-MariaDB is not known; read as MariaDB 11.x");
      assertThat(r.settings().readOnly()).as("read_only=NO_LOCK is read-only").isTrue();
    }

    @Test
    void read_withoutABinaryLog_failsWithNoGtid() {
      assertThatThrownBy(() -> read(RecordedServer.load("mariadb-10.11.9-no-binlog")))
          .isInstanceOfSatisfying(ProbeException.class, e -> {
            assertThat(e.kind()).isEqualTo(ProbeException.Kind.NO_GTID);
            assertThat(e.getMessage()).contains("log_bin=OFF");
          });
    }

    @Test
    void read_oldestBinlogPurgedWhileReading_listsTheBinaryLogsAgain() {
      RecordedServer server = RecordedServer.parse("""
          > SELECT VERSION() AS version
          version
          10.11.19-MariaDB

          > %s
          Variable_name\tValue
          server_id\t1
          gtid_domain_id\t0
          log_bin\tON
          log_slave_updates\tON
          gtid_strict_mode\tON
          binlog_format\tROW
          binlog_row_image\tFULL
          binlog_expire_logs_seconds\t0
          read_only\tOFF

          > SHOW BINARY LOGS
          Log_name\tFile_size
          mariadb-bin.000004\t100
          mariadb-bin.000005\t100

          > SHOW BINARY LOGS
          Log_name\tFile_size
          mariadb-bin.000005\t100

          > SELECT BINLOG_GTID_POS('mariadb-bin.000004', 4) AS pos
          pos
          \\N

          > SELECT BINLOG_GTID_POS('mariadb-bin.000005', 4) AS pos
          pos
          0-1-40

          > %s
          binlog_pos\tbinlog_state\tslave_pos
          0-1-41\t0-1-41\t

          > SHOW ALL SLAVES STATUS

          > SHOW SLAVE HOSTS

          > SHOW PROCESSLIST
          """.formatted(MARIADB_VARIABLES, MARIADB_GTIDS));
      InstanceReading r = read(server);

      assertThat(((GtidState.Mariadb) r.gtids()).purged()).isEqualTo(MariadbGtidPosition.parse("0-1-40"));
      assertThat(server.issued()).filteredOn(s -> s.equals("SHOW BINARY LOGS")).hasSize(2);
    }
  }

  @Nested
  class Errors {
    @Test
    void read_missingReplicationClient_failsNamingThePrivilege() {
      RecordedServer server = RecordedServer.parse("""
          > SELECT VERSION() AS version
          version
          8.0.36

          > %s
          Variable_name\tValue
          server_id\t1
          server_uuid\t3e11fa47-71ca-11e1-9e33-c80aa9429562
          gtid_mode\tON
          enforce_gtid_consistency\tON
          log_bin\tON
          log_replica_updates\tON
          binlog_format\tROW
          binlog_row_image\tFULL
          binlog_expire_logs_seconds\t0
          read_only\tOFF

          > %s
          purged\texecuted
          \t3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3

          > SHOW REPLICA STATUS
          ! ERROR 1227 (42000) at line 1: Access denied; you need (at least one of) the SUPER, REPLICATION CLIENT privilege(s) for this operation
          """.formatted(MYSQL_VARIABLES, MYSQL_GTIDS));

      assertThatThrownBy(() -> read(server)).isInstanceOfSatisfying(ProbeException.class, e -> {
        assertThat(e.kind()).isEqualTo(ProbeException.Kind.ACCESS_DENIED);
        assertThat(e.missingPrivilege()).contains("REPLICATION CLIENT");
        assertThat(e.getMessage()).startsWith("db:3306: SHOW REPLICA STATUS failed: error 1227");
      });
    }

    @Test
    void read_performanceSchemaDenied_warnsNamingThePrivilegeAndStillReads() {
      RecordedServer server = RecordedServer.parse("""
          > SELECT VERSION() AS version
          version
          9.7.4

          > %s
          Variable_name\tValue
          server_id\t1
          server_uuid\t3e11fa47-71ca-11e1-9e33-c80aa9429562
          gtid_mode\tON
          enforce_gtid_consistency\tON
          log_bin\tON
          log_replica_updates\tON
          binlog_format\tROW
          binlog_row_image\tFULL
          binlog_expire_logs_seconds\t0
          read_only\tOFF
          performance_schema\tON

          > %s
          purged\texecuted
          \t3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3

          > SHOW REPLICA STATUS

          > SHOW REPLICAS
          Server_Id\tHost\tPort\tSource_Id\tReplica_UUID
          2\tdb2\t3306\t1\t5a8f6b1c-2d3e-11ef-8a1b-0242ac120003

          > SHOW PROCESSLIST
          Id\tUser\tHost\tdb\tCommand\tTime\tState\tInfo
          12\trepl\t10.0.0.2:40110\t\\N\tBinlog Dump GTID\t30\tSource has sent all binlog to replica; waiting for more updates\t\\N

          > %s
          ! ERROR 1142 (42000) at line 1: SELECT command denied to user 'probe'@'10.0.0.50' for table 'threads'
          """.formatted(MYSQL_VARIABLES, MYSQL_GTIDS,
          ((Dialect.Mysql) Dialect.of(ServerVersion.parse("9.7.4"))).dumpClientUuidQuery()));
      InstanceReading r = read(server);

      assertThat(r.dumpClients()).singleElement().extracting(DumpClient::replicaServerId).isEqualTo(OptionalLong.empty());
      assertThat(otherWarnings(r)).singleElement().asString()
          .contains("cannot be told").contains("[missing privilege: SELECT ON threads]");
    }

    @Test
    void read_registeredReplicasWithoutVisibleDumpConnections_warnsAboutProcess() {
      RecordedServer server = RecordedServer.parse("""
          > SELECT VERSION() AS version
          version
          10.11.19-MariaDB

          > %s
          Variable_name\tValue
          server_id\t1
          gtid_domain_id\t0
          log_bin\tON
          log_slave_updates\tON
          gtid_strict_mode\tON
          binlog_format\tROW
          binlog_row_image\tFULL
          binlog_expire_logs_seconds\t0
          read_only\tOFF

          > SHOW BINARY LOGS
          Log_name\tFile_size
          mariadb-bin.000001\t100

          > SELECT BINLOG_GTID_POS('mariadb-bin.000001', 4) AS pos
          pos
          \\e

          > %s
          binlog_pos\tbinlog_state\tslave_pos
          0-1-41\t0-1-41\t

          > SHOW ALL SLAVES STATUS

          > SHOW SLAVE HOSTS
          Server_id\tHost\tPort\tMaster_id
          2\tdb2\t3306\t1

          > SHOW PROCESSLIST
          Id\tUser\tHost\tdb\tCommand\tTime\tState\tInfo\tProgress
          9\tprobe\t10.0.0.50:5000\t\\N\tQuery\t0\tstarting\tSHOW PROCESSLIST\t0.000
          """.formatted(MARIADB_VARIABLES, MARIADB_GTIDS));

      InstanceReading r = read(server);

      assertThat(otherWarnings(r)).singleElement().asString().contains("PROCESS privilege");
      assertThat(r.settings().superReadOnly()).isEqualTo(Optional.empty());
    }
  }
}
