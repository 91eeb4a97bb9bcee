package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every flavor's replication group must do; each test gets a fresh group of three. */
abstract class ReplicationGroupContract {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationGroupContract.class);
  static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  final ReplicationGroupExtension groups = ReplicationGroupExtension.of(spec());

  abstract GroupSpec spec();

  /** The receiver error a replica reports when its source purged what it needs. */
  abstract int purgedErrorCode();

  @Test
  void start_replicasReplicateEveryTransaction(ReplicationGroup group) {
    LOG.info("{} started in {} ms; resident memory per member: {}", group.spec(), group.startupTime().toMillis(),
        group.members().stream()
            .map(m -> m.name() + "=" + m.residentMemoryBytes().orElse(-1) / (1024 * 1024) + " MiB")
            .collect(Collectors.joining(", ")));
    GroupMember primary = group.primary();
    assertThat(primary.index()).isZero();
    assertThat(group.replicas()).extracting(GroupMember::name).containsExactly("m2", "m3");

    primary.writeTransactions(5);
    group.awaitReplication(WAIT);

    String executed = primary.gtidState().executed();
    assertThat(executed).isNotEmpty();
    for (GroupMember m : group.members()) {
      assertThat(m.gtidState().executed()).as(m.name()).isEqualTo(executed);
      assertThat(m.queryValue("SELECT COUNT(*) FROM dmsw.writes")).as(m.name()).contains("5");
    }
    for (GroupMember replica : group.replicas()) {
      ReplicaStatus status = replica.replicaStatus().orElseThrow();
      assertThat(status.isRunning()).isTrue();
      assertThat(status.sourcePort()).isEqualTo(primary.port());
      assertThat(replica.queryValue("SELECT @@GLOBAL.read_only")).contains("1");
    }
    assertThat(primary.replicaStatus()).isEmpty();
    assertThat(primary.queryValue("SELECT @@GLOBAL.read_only")).contains("0");
  }

  @Test
  void purgeBinaryLogs_transactionsBecomeUnavailableToALaggingReplica(ReplicationGroup group) {
    GroupMember primary = group.primary();
    GroupMember lagging = group.member(2);
    primary.writeTransactions(2);
    group.awaitReplication(WAIT);
    lagging.stop();

    primary.writeTransactions(3);
    String before = primary.gtidState().executed();
    primary.purgeBinaryLogs();

    GtidState state = primary.gtidState();
    assertThat(state.purged()).as("what the oldest binary log starts from").isEqualTo(before);
    assertThat(primary.binaryLogs()).hasSize(1);

    lagging.start();
    boolean failed = Poll.until(
        () -> lagging.replicaStatus().map(s -> s.lastIoErrno() != 0).orElse(false), WAIT);
    assertThat(failed).as("the lagging replica reports an error").isTrue();
    ReplicaStatus status = lagging.replicaStatus().orElseThrow();
    assertThat(status.lastIoErrno()).isEqualTo(purgedErrorCode());
    assertThat(status.lastIoError()).contains("1236");
    assertThat(lagging.gtidState().executed()).isNotEqualTo(before);
  }

  @Test
  void promote_replicaBecomesPrimaryAndTheOthersFollowIt(ReplicationGroup group) {
    GroupMember oldPrimary = group.primary();
    GroupMember newPrimary = group.member(1);
    oldPrimary.writeTransactions(2);
    group.awaitReplication(WAIT);

    group.promote(newPrimary, WAIT);
    newPrimary.writeTransactions(3);
    group.awaitReplication(WAIT);

    assertThat(group.primary()).isSameAs(newPrimary);
    assertThat(newPrimary.isPrimary()).isTrue();
    assertThat(newPrimary.replicaStatus()).isEmpty();
    assertThat(newPrimary.queryValue("SELECT @@GLOBAL.read_only")).contains("0");
    assertThat(oldPrimary.queryValue("SELECT @@GLOBAL.read_only")).contains("1");
    for (GroupMember m : List.of(oldPrimary, group.member(2))) {
      assertThat(m.replicaStatus().orElseThrow().sourcePort()).as(m.name()).isEqualTo(newPrimary.port());
      assertThat(m.replicaStatus().orElseThrow().isRunning()).as(m.name()).isTrue();
      assertThat(m.gtidState().executed()).as(m.name()).isEqualTo(newPrimary.gtidState().executed());
      assertThat(m.queryValue("SELECT COUNT(*) FROM dmsw.writes WHERE written_by = 'm2'")).contains("3");
    }
  }

  @Test
  void promote_memberThatIsDown_followsTheNewPrimaryWhenStarted(ReplicationGroup group) {
    GroupMember down = group.member(2);
    down.stop();
    assertThat(down.isRunning()).isFalse();
    group.promote(group.member(1), WAIT);
    group.member(1).writeTransactions(2);

    down.start();
    group.awaitReplication(WAIT);
    assertThat(down.replicaStatus().orElseThrow().sourcePort()).isEqualTo(group.member(1).port());
    assertThat(down.gtidState().executed()).isEqualTo(group.primary().gtidState().executed());
  }

  @Test
  void killAndStart_replicaCatchesUp(ReplicationGroup group) {
    GroupMember replica = group.member(2);
    replica.kill();
    assertThat(replica.isRunning()).isFalse();
    assertThat(replica.residentMemoryBytes()).isEmpty();
    group.primary().writeTransactions(4);

    replica.start();
    group.awaitReplication(WAIT);
    assertThat(replica.gtidState().executed()).isEqualTo(group.primary().gtidState().executed());
  }

  @Test
  void restartPrimary_replicasReconnect(ReplicationGroup group) {
    group.primary().writeTransactions(1);
    group.primary().restart();
    group.primary().writeTransactions(2);
    group.awaitReplication(WAIT);
    for (GroupMember replica : group.replicas()) {
      assertThat(replica.gtidState().executed()).isEqualTo(group.primary().gtidState().executed());
    }
  }

  @Test
  void inTransaction_rollsBackOnFailure(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(0);
    String before = primary.gtidState().executed();
    assertThatThrownBy(() -> primary.inTransaction(c -> {
      c.createStatement().execute("INSERT INTO dmsw.writes (written_by) VALUES ('tx')");
      c.createStatement().execute("INSERT INTO dmsw.no_such_table VALUES (1)");
      return null;
    })).isInstanceOf(MemberSqlException.class).extracting("errorCode").isEqualTo(1146);
    assertThat(primary.gtidState().executed()).isEqualTo(before);
    assertThat(primary.queryValue("SELECT COUNT(*) FROM dmsw.writes WHERE written_by = 'tx'")).contains("0");
  }

  @Test
  void vipForwarder_movesBetweenMembers_keepingOrCuttingConnections(ReplicationGroup group) throws SQLException {
    GroupMember m1 = group.member(0);
    GroupMember m2 = group.member(1);
    GroupMember m3 = group.member(2);
    try (VipForwarder vip = VipForwarder.start(address(m1))) {
      try (Connection before = connectThrough(vip)) {
        assertThat(serverId(before)).contains("1");

        vip.moveTo(address(m2), VipForwarder.OnMove.KEEP_CONNECTIONS);
        try (Connection after = connectThrough(vip)) {
          assertThat(serverId(after)).contains("2");
        }
        assertThat(serverId(before)).as("a kept connection still reads the old server").contains("1");

        vip.moveTo(address(m3), VipForwarder.OnMove.CUT_CONNECTIONS);
        assertThatThrownBy(() -> serverId(before)).isInstanceOf(SQLException.class);
        try (Connection afterCut = connectThrough(vip)) {
          assertThat(serverId(afterCut)).contains("3");
        }
      }
    }
  }

  private static InetSocketAddress address(GroupMember m) {
    return new InetSocketAddress(m.host(), m.port());
  }

  private static Connection connectThrough(VipForwarder vip) throws SQLException {
    return java.sql.DriverManager.getConnection(
        "jdbc:mysql://" + vip.host() + ":" + vip.port() + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true"
            + "&connectTimeout=5000&socketTimeout=10000",
        "root", "");
  }

  private static Optional<String> serverId(Connection c) throws SQLException {
    try (var st = c.createStatement(); var rs = st.executeQuery("SELECT @@GLOBAL.server_id")) {
      return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
    }
  }
}
