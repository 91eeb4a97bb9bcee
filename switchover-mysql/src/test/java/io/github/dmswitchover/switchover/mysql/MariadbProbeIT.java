package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.gtid.MariadbGtid;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import io.github.dmswitchover.switchover.spi.WaitResult.Outcome;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The probe on MariaDB 10.11: member 2 without log_slave_updates. */
class MariadbProbeIT extends ProbeContract {
  /** Errant writes go to a domain of their own, so that gtid_strict_mode never sees them clash with the group's. */
  static final long ERRANT_DOMAIN = 9;

  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mariadb()
      .withMemberOption(2, "log_slave_updates", "OFF")
      .build());

  @Test
  void waitForExecuted_severalGtidsOfADomain_comparesSequencesAndIgnoresServerIds(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(1);
    MariadbGtid last = MariadbGtidPosition.parse(primary.gtidState().executed()).get(0).orElseThrow();
    // Another server's GTID with a lower or equal sequence counts as reached; a higher one does not.
    MariadbGtidList reached = MariadbGtidList.parse(last + ",0-999-" + last.sequence() + ",0-998-1");
    MariadbGtidList ahead = MariadbGtidList.parse(last + ",0-999-" + (last.sequence() + 1000));
    try (JdbcUpstreamProbe p = probe(primary)) {
      assertThat(p.waitForExecuted(new GtidTarget.Mariadb(reached), Duration.ofSeconds(5), WaitProgress.NONE,
          Cancellation.NEVER).outcome()).isEqualTo(Outcome.REACHED);
      assertThat(p.waitForExecuted(new GtidTarget.Mariadb(ahead), Duration.ofSeconds(1), WaitProgress.NONE,
          Cancellation.NEVER).outcome()).isEqualTo(Outcome.TIMED_OUT);
    }
  }

  @Override
  boolean mysql() {
    return false;
  }

  @Override
  String stopReplication() {
    return "STOP SLAVE";
  }

  @Override
  String startReplication() {
    return "START SLAVE";
  }

  @Override
  GtidTarget executedBy(GroupMember m) {
    return new GtidTarget.Mariadb(MariadbGtidList.parse(m.gtidState().executed()));
  }

  @Override
  String dmStartPosition(GroupMember m) {
    return m.gtidState().executed();
  }

  @Override
  void assertIdentity(InstanceReading r, GroupMember m) {
    assertThat(r.serverUuid()).isEmpty();
    assertThat(r.serverId()).isEqualTo(m.serverId());
    assertThat(r.gtidDomainId()).hasValue(0);
    assertThat(r.identity()).isEqualTo("0-" + m.serverId());
    assertThat(r.settings().gtidMode()).isEmpty();
    assertThat(r.settings().gtidStrictMode()).contains(true);
    assertThat(r.settings().superReadOnly()).isEmpty();
  }

  @Override
  void assertExecuted(InstanceReading r, GroupMember m) {
    GtidState.Mariadb g = (GtidState.Mariadb) r.gtids();
    assertThat(g.binlogPos()).isEqualTo(MariadbGtidPosition.parse(m.gtidState().executed()));
    assertThat(g.binlogState()).isEqualTo(MariadbGtidList.parse(m.gtidState().binlogState()));
    assertThat(g.replicaPos()).isEqualTo(MariadbGtidPosition.parse(m.gtidState().replicaPosition()));
    assertThat(g.binlogPos().get(0)).isPresent();
  }

  @Override
  void assertErrant(InstanceReading replica, InstanceReading primary, GroupMember m) {
    GtidState.Mariadb g = (GtidState.Mariadb) replica.gtids();
    assertThat(g.binlogPos().get(ERRANT_DOMAIN)).get().extracting(MariadbGtid::serverId).isEqualTo((long) m.serverId());
    assertThat(g.binlogState().gtids()).anySatisfy(x -> {
      assertThat(x.domainId()).isEqualTo(ERRANT_DOMAIN);
      assertThat(x.serverId()).isEqualTo(m.serverId());
    });
    assertThat(((GtidState.Mariadb) primary.gtids()).binlogPos().get(ERRANT_DOMAIN)).as("not on the primary").isEmpty();
  }

  @Override
  void assertPurged(InstanceReading r, String executedBefore) {
    GtidState.Mariadb g = (GtidState.Mariadb) r.gtids();
    assertThat(g.purged().isEmpty()).isFalse();
    assertThat(g.purged()).isEqualTo(MariadbGtidPosition.parse(executedBefore));
    assertThat(g.binlogPos().contains(MariadbGtidList.of(g.purged().gtids()))).isTrue();
  }

  @Override
  void assertDmDumpConnection(InstanceReading r) {
    // MariaDB does not tell which registered replica a dump connection is: DM is registered, and
    // every registered replica has its dump connection.
    assertThat(r.dumpClients()).hasSize(r.replicas().size()).allSatisfy(d -> {
      assertThat(d.command()).isEqualTo("Binlog Dump");
      assertThat(d.replicaServerId()).isEmpty();
    });
  }

  @Override
  void writeErrant(GroupMember m) {
    m.execute("SET SESSION gtid_domain_id = " + ERRANT_DOMAIN, "CREATE DATABASE IF NOT EXISTS errant_" + m.name());
  }

  @Override
  void createUser(GroupMember primary, String user) {
    primary.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + PROBE_PASSWORD + "'");
  }

  @Override
  List<Grant> minimumProbeGrants() {
    return List.of(
        new Grant("BINLOG MONITOR ON *.*", "BINLOG MONITOR", ""),
        new Grant("SLAVE MONITOR ON *.*", "SLAVE MONITOR", ""),
        new Grant("REPLICATION MASTER ADMIN ON *.*", "REPLICATION MASTER ADMIN", ""),
        new Grant("PROCESS ON *.*", "", "without the PROCESS privilege"));
  }
}
