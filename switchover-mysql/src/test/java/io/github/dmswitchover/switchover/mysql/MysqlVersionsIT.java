package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.LockLease;
import io.github.dmswitchover.switchover.spi.WaitResult.Outcome;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The probe, journal and lock on MySQL versions that run here only in containers: 5.7, 8.0.21
 * (before the 8.0.22 renames), the newest 8.0 and 8.4. Without a reachable Docker engine these
 * tests are skipped, also with {@code CI=true}; their dialects are covered everywhere by the tests
 * on recorded answers ({@link InstanceReaderTest}, {@link DialectTest}).
 */
class MysqlVersionsIT {
  static final Duration WAIT = Duration.ofSeconds(120);

  @BeforeAll
  static void requireDocker() {
    DockerEngine.unavailableReason().ifPresent(reason -> Assumptions.abort("MySQL 5.7, 8.0 and 8.4 run here only in"
        + " containers, and " + reason + ". Skipped (also with CI=true, which fails only for the servers this"
        + " machine provides): the dialects of these versions are tested on recorded answers by InstanceReaderTest"
        + " and DialectTest; run where a Docker engine is reachable to test them live."));
  }

  @ParameterizedTest(name = "MySQL {0}")
  @CsvSource({"5.7, log_slave_updates, SHOW SLAVE STATUS", "8.0.21, log_slave_updates, SHOW SLAVE STATUS",
      "8.0, log_replica_updates, SHOW REPLICA STATUS", "8.4, log_replica_updates, SHOW REPLICA STATUS"})
  void probeJournalAndLock_onThisVersion(String version, String replicaUpdates, String statusStatement) throws Exception {
    GroupSpec spec = GroupSpec.mysql().withVersion(version).withMembers(2).withMemberOption(1, replicaUpdates, "OFF")
        .build();
    try (ReplicationGroup group = ReplicationGroup.start(spec)) {
      GroupMember primary = group.primary();
      GroupMember replica = group.member(1);
      primary.writeTransactions(3);
      group.awaitReplication(WAIT);
      assertThat(Dialect.of(ServerVersion.parse(primary.queryValue("SELECT VERSION()").orElseThrow()))
          .replicaStatusQuery()).isEqualTo(statusStatement);

      InstanceReading p = ProbeContract.read(primary);
      assertThat(p.version()).startsWith(version);
      assertThat(p.serverUuid()).contains(UUID.fromString(primary.serverUuid().orElseThrow()));
      assertThat(((GtidState.Mysql) p.gtids()).executed()).isEqualTo(GtidSet.parse(primary.gtidState().executed()));
      assertThat(p.settings().gtidMode()).contains("ON");
      assertThat(p.settings().binlogExpireSeconds()).isPresent();
      assertThat(p.channels()).isEmpty();
      assertThat(p.replicas()).extracting(ConnectedReplica::serverId).containsExactly((long) replica.serverId());
      assertThat(p.dumpClients()).singleElement().satisfies(d -> {
        assertThat(d.command()).isEqualTo("Binlog Dump GTID");
        assertThat(d.replicaServerId()).as("performance_schema is on in the images").hasValue(replica.serverId());
      });
      assertThat(ProbeContract.otherWarnings(p)).isEmpty();

      InstanceReading r = ProbeContract.read(replica);
      assertThat(r.settings().logReplicaUpdates()).isFalse();
      assertThat(r.channels()).singleElement().satisfies(c -> {
        assertThat(c.isRunning()).isTrue();
        assertThat(c.autoPosition()).isTrue();
        assertThat(c.sourceServerId()).isEqualTo(primary.serverId());
        assertThat(c.sourceUuid()).isEqualTo(primary.serverUuid().orElseThrow());
      });

      String stop = statusStatement.contains("REPLICA") ? "STOP REPLICA" : "STOP SLAVE";
      String start = statusStatement.contains("REPLICA") ? "START REPLICA" : "START SLAVE";
      replica.execute(stop);
      primary.writeTransactions(1);
      GtidTarget target = new GtidTarget.Mysql(GtidSet.parse(primary.gtidState().executed()));
      try (JdbcUpstreamProbe probe = ProbeContract.probe(replica)) {
        assertThat(probe.waitForExecuted(target, Duration.ofMillis(1500), (e, m) -> { }, Cancellation.NEVER).outcome())
            .isEqualTo(Outcome.TIMED_OUT);
        replica.execute(start);
        assertThat(probe.waitForExecuted(target, WAIT, (e, m) -> { }, Cancellation.NEVER).outcome())
            .isEqualTo(Outcome.REACHED);
      }

      primary.execute("CREATE DATABASE IF NOT EXISTS dm_meta");
      JdbcSwitchoverJournal journal = JournalAndLockContract.journal(primary);
      JournalEntry e = new JournalEntry("sw-" + version, "src", 1, "plan", JournalEntry.Phase.PLANNED,
          Instant.parse("2026-11-21T10:00:00.000001Z"), "{}");
      journal.append(e);
      assertThat(journal.entries("sw-" + version)).containsExactly(e);
      JdbcSwitchoverLock lock = JournalAndLockContract.lock(primary);
      try (LockLease l = lock.tryAcquire("src", "sw", Duration.ZERO).orElseThrow()) {
        assertThat(lock.tryAcquire("src", "other", Duration.ZERO)).isEmpty();
        assertThat(l.isValid()).isTrue();
      }
    }
  }
}
