package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.DumpClient;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.ReplicationChannel;
import io.github.dmswitchover.switchover.spi.WaitResult;
import io.github.dmswitchover.switchover.spi.WaitResult.Outcome;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The probe against a real replication group of three (member 2 without replica updates in its
 * binary log), shared by the tests of a class: each test asks the group who is primary now, so the
 * order they run in does not matter.
 */
abstract class ProbeContract {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final long DM_SERVER_ID = 4_294_001L;
  static final String PROBE_PASSWORD = "pw-Zebra-42!it";

  /** Whether the group is MySQL (else MariaDB). */
  abstract boolean mysql();

  /** The statements that stop and start a replica's replication. */
  abstract String stopReplication();

  abstract String startReplication();

  /** What a member has executed, as a wait target. */
  abstract GtidTarget executedBy(GroupMember m);

  /** DM's start position for a task that starts at what the member has now. */
  abstract String dmStartPosition(GroupMember m);

  /** Checks the identity a reading reports against the member's. */
  abstract void assertIdentity(InstanceReading r, GroupMember m);

  /** Checks that a reading's executed GTIDs are what the testkit reads. */
  abstract void assertExecuted(InstanceReading r, GroupMember m);

  /** Checks the reading of a replica on which an errant transaction was written. */
  abstract void assertErrant(InstanceReading replica, InstanceReading primary, GroupMember m);

  /** Checks the purged GTIDs after everything before {@code executedBefore} was purged. */
  abstract void assertPurged(InstanceReading r, String executedBefore);

  /** Checks that DM's dump connection is told apart in a reading. */
  abstract void assertDmDumpConnection(InstanceReading r);

  /** Writes a transaction only on {@code m} (it must never replicate back into the group's history). */
  abstract void writeErrant(GroupMember m);

  /** Creates {@code user} with no privileges, on the primary (it replicates). */
  abstract void createUser(GroupMember primary, String user);

  /** The grants a probe needs, in the order the reader needs them, each with the privilege a denial names. */
  abstract List<Grant> minimumProbeGrants();

  /** One grant and what the server names when it is missing (empty: nothing fails, a warning says it). */
  record Grant(String grant, String namedWhenMissing, String warningWhenMissing) {}

  static DatabaseEndpoint endpoint(GroupMember m) {
    return DatabaseEndpoint.builder().withHost(m.host()).withPort(m.port()).withUser(m.user()).withPassword(m.password())
        .build();
  }

  static JdbcUpstreamProbe probe(GroupMember m) {
    return JdbcUpstreamProbe.builder().withEndpoint(endpoint(m)).build();
  }

  static InstanceReading read(GroupMember m) {
    try (JdbcUpstreamProbe p = probe(m)) {
      return p.read();
    }
  }

  /** A replica that logs what it applies (not member 2). */
  static GroupMember loggingReplica(ReplicationGroup group) {
    return group.replicas().stream().filter(m -> m.index() != 2).findFirst().orElseThrow();
  }

  static List<String> otherWarnings(InstanceReading r) {
    return r.warnings().stream().filter(w -> !w.startsWith("the age of the oldest binary log is unknown")).toList();
  }

  @Test
  void read_primary_readsIdentityGtidsSettingsReplicasAndTheirDumpConnections(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(3);
    group.awaitReplication(WAIT);

    InstanceReading r = read(primary);

    assertThat(r.address()).isEqualTo(primary.address());
    assertThat(r.flavor()).isEqualTo(mysql() ? io.github.dmswitchover.switchover.spi.Flavor.MYSQL
        : io.github.dmswitchover.switchover.spi.Flavor.MARIADB);
    assertThat(r.version()).startsWith(primary.version().major() + "." + primary.version().minor() + ".");
    assertIdentity(r, primary);
    assertExecuted(r, primary);
    assertThat(r.settings().logBin()).isTrue();
    assertThat(r.settings().logReplicaUpdates()).isTrue();
    assertThat(r.settings().binlogFormat()).isEqualTo("ROW");
    assertThat(r.settings().binlogRowImage()).isEqualTo("FULL");
    assertThat(r.settings().readOnly()).isFalse();
    assertThat(r.settings().binlogExpireSeconds()).isPresent();
    assertThat(r.channels()).isEmpty();
    assertThat(r.isReplica()).isFalse();
    List<Long> replicaIds = group.replicas().stream().map(m -> (long) m.serverId()).toList();
    assertThat(r.replicas()).extracting(ConnectedReplica::serverId).containsExactlyInAnyOrderElementsOf(replicaIds);
    assertThat(r.dumpClients()).hasSize(replicaIds.size())
        .allSatisfy(d -> assertThat(d.command()).startsWith("Binlog Dump"));
    if (mysql()) {
      assertThat(r.dumpClients()).extracting(d -> d.replicaServerId().orElse(-1))
          .containsExactlyInAnyOrderElementsOf(replicaIds);
    }
    assertThat(r.oldestBinlogAge()).isEmpty();
    assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("the age of the oldest binary log is unknown"));
    assertThat(otherWarnings(r)).isEmpty();
  }

  @Test
  void read_replica_readsItsChannelToThePrimary(ReplicationGroup group) {
    GroupMember primary = group.primary();
    GroupMember replica = loggingReplica(group);
    primary.writeTransactions(1);
    group.awaitReplication(WAIT);

    InstanceReading r = read(replica);

    assertIdentity(r, replica);
    assertThat(r.isReplica()).isTrue();
    assertThat(r.settings().readOnly()).isTrue();
    assertThat(r.channels()).singleElement().satisfies(c -> {
      assertThat(c.sourcePort()).isEqualTo(primary.port());
      assertThat(c.isRunning()).isTrue();
      assertThat(c.autoPosition()).isTrue();
      assertThat(c.lastIoErrno()).isZero();
      assertThat(c.lastSqlErrno()).isZero();
      assertThat(c.sourceServerId()).isEqualTo(primary.serverId());
      assertThat(c.sourceUuid()).isEqualTo(primary.serverUuid().orElse(""));
      assertThat(c.retrievedGtids()).isNotEmpty();
    });
  }

  @Test
  void read_replicaWithoutReplicaUpdates_saysSo(ReplicationGroup group) {
    InstanceReading off = read(group.member(2));
    InstanceReading on = read(loggingReplica(group));
    assertThat(off.settings().logReplicaUpdates()).isFalse();
    assertThat(on.settings().logReplicaUpdates()).isTrue();
    assertThat(off.isReplica()).isTrue();
  }

  @Test
  void read_afterAPurge_purgedIsWhatTheBinaryLogsNoLongerHave(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(2);
    group.awaitReplication(WAIT);
    String before = primary.gtidState().executed();

    primary.purgeBinaryLogs();
    InstanceReading r = read(primary);

    assertPurged(r, before);
    assertThat(primary.gtidState().purged()).as("the testkit's own reading agrees").isNotEmpty();
  }

  @Test
  void read_afterAPromotion_theChannelsMoveToTheNewPrimary(ReplicationGroup group) {
    GroupMember oldPrimary = group.primary();
    GroupMember newPrimary = group.member(oldPrimary.index() == 0 ? 1 : 0);
    oldPrimary.writeTransactions(1);
    group.awaitReplication(WAIT);

    group.promote(newPrimary, WAIT);
    newPrimary.writeTransactions(2);
    group.awaitReplication(WAIT);

    InstanceReading promoted = read(newPrimary);
    assertThat(promoted.channels()).isEmpty();
    assertThat(promoted.settings().readOnly()).isFalse();
    assertThat(promoted.replicas()).extracting(ConnectedReplica::serverId)
        .contains((long) oldPrimary.serverId(), (long) group.member(2).serverId());
    for (GroupMember m : List.of(oldPrimary, group.member(2))) {
      InstanceReading r = read(m);
      assertThat(r.channels()).as(m.name()).singleElement().satisfies(c -> {
        assertThat(c.sourcePort()).isEqualTo(newPrimary.port());
        assertThat(c.sourceServerId()).isEqualTo(newPrimary.serverId());
        assertThat(c.isRunning()).isTrue();
      });
    }
  }

  @Test
  void read_errantTransactionOnAReplica_executedHoldsTheReplicasOwnIdentity(ReplicationGroup group) {
    GroupMember replica = group.member(2);
    writeErrant(replica);
    assertErrant(read(replica), read(group.primary()), replica);
  }

  @Test
  void read_dmReadingTheInstance_showsDmsDumpConnection(ReplicationGroup group) {
    GroupMember m = group.primary();
    try (DmSimulator dm = DmSimulator.builder().withProfile(DmProfile.V8_5).start()) {
      dm.addSource(SourceConfig.builder("s").withAddress(m.host(), m.port()).withUser(m.user(), m.password())
          .withGtid(true).withServerId(DM_SERVER_ID).build());
      dm.startTask(TaskConfig.builder("t").withSource("s", dmStartPosition(m)).build());

      InstanceReading r = Await.until("DM's binlog dump connection on " + m.name(), WAIT, () -> read(m),
          x -> x.replicas().stream().anyMatch(rep -> rep.serverId() == DM_SERVER_ID)
              && x.dumpClients().size() == x.replicas().size());

      assertDmDumpConnection(r);
    }
    Await.until("DM's dump connection ends with the simulator", WAIT, () -> read(m),
        x -> x.replicas().stream().noneMatch(rep -> rep.serverId() == DM_SERVER_ID));
  }

  @Test
  void waitForExecuted_replicaStopped_timesOutReportingWhatIsMissing_thenIsCancelled_thenReachedAfterCatchingUp(
      ReplicationGroup group) throws Exception {
    GroupMember primary = group.primary();
    GroupMember replica = loggingReplica(group);
    replica.execute(stopReplication());
    try {
      primary.writeTransactions(3);
      GtidTarget target = executedBy(primary);
      List<String> reports = new CopyOnWriteArrayList<>();

      try (JdbcUpstreamProbe p = probe(replica)) {
        WaitResult timedOut = p.waitForExecuted(target, Duration.ofMillis(2500),
            (elapsed, missing) -> reports.add(missing), Cancellation.NEVER);
        assertThat(timedOut.outcome()).isEqualTo(Outcome.TIMED_OUT);
        // Ends at the timeout (plus at most the last statement), far from the 60 s it would take unbounded.
        assertThat(timedOut.waited()).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(20));
        assertThat(reports).hasSizeBetween(1, 4).allSatisfy(missing -> assertThat(missing)
            .contains(mysql() ? primary.serverUuid().orElseThrow() + ":" : "0-" + primary.serverId() + "-"));

        AtomicBoolean cancel = new AtomicBoolean();
        WaitResult cancelled = p.waitForExecuted(target, Duration.ofMinutes(5), (e, missing) -> cancel.set(true),
            cancel::get);
        assertThat(cancelled.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(cancelled.waited()).isLessThan(Duration.ofSeconds(20));

        CompletableFuture<WaitResult> waiting = CompletableFuture.supplyAsync(
            () -> p.waitForExecuted(target, WAIT, (e, m) -> { }, Cancellation.NEVER));
        replica.execute(startReplication());
        WaitResult reached = waiting.get(WAIT.toSeconds() + 10, TimeUnit.SECONDS);
        assertThat(reached.outcome()).isEqualTo(Outcome.REACHED);
      }
    } finally {
      replica.execute(startReplication());
    }
  }

  @Test
  void waitForExecuted_connectionKilledMidWait_reconnectsOnceAndStillReaches(ReplicationGroup group) throws Exception {
    GroupMember primary = group.primary();
    GroupMember replica = loggingReplica(group);
    replica.execute(stopReplication());
    try {
      primary.writeTransactions(2);
      GtidTarget target = executedBy(primary);
      try (JdbcUpstreamProbe p = probe(replica)) {
        CompletableFuture<WaitResult> waiting = CompletableFuture.supplyAsync(
            () -> p.waitForExecuted(target, WAIT, (e, m) -> { }, Cancellation.NEVER));
        String waitFunction = mysql() ? "WAIT_FOR_EXECUTED_GTID_SET" : "MASTER_GTID_WAIT";
        String id = Await.until("the probe's wait statement on " + replica.name(), WAIT,
            () -> replica.query("SHOW FULL PROCESSLIST").stream()
                .filter(row -> String.valueOf(row.get("Info")).contains(waitFunction)).map(row -> row.get("Id"))
                .findFirst(), java.util.Optional::isPresent).orElseThrow();

        replica.execute("KILL " + id);
        Await.until("a new wait connection", WAIT, () -> replica.query("SHOW FULL PROCESSLIST").stream()
            .filter(row -> String.valueOf(row.get("Info")).contains(waitFunction)).map(row -> row.get("Id"))
            .filter(other -> !other.equals(id)).findFirst(), java.util.Optional::isPresent);
        replica.execute(startReplication());

        assertThat(waiting.get(WAIT.toSeconds() + 10, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.REACHED);
      }
    } finally {
      replica.execute(startReplication());
    }
  }

  @Test
  void waitForExecuted_itsOwnTransactions_isReachedAtOnce(ReplicationGroup group) {
    // On MariaDB, MASTER_GTID_WAIT alone would wait for the primary's own GTIDs forever (it watches gtid_slave_pos).
    GroupMember primary = group.primary();
    primary.writeTransactions(1);
    try (JdbcUpstreamProbe p = probe(primary)) {
      WaitResult r = p.waitForExecuted(executedBy(primary), Duration.ofSeconds(30), (e, m) -> { }, Cancellation.NEVER);
      assertThat(r.outcome()).isEqualTo(Outcome.REACHED);
      assertThat(r.waited()).as("reached before any server wait slice").isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void read_withTheMinimumGrants_readsEverything_andEachMissingGrantIsNamed(ReplicationGroup group) throws IOException {
    GroupMember primary = group.primary();
    String user = "dmsw_probe";
    createUser(primary, user);
    group.awaitReplication(WAIT);
    DatabaseEndpoint asProbe = endpoint(primary).toBuilder().withUser(user).withPassword(PROBE_PASSWORD).build();
    InstanceReading asRoot = read(primary);

    try (JdbcUpstreamProbe p = JdbcUpstreamProbe.builder().withEndpoint(asProbe).build()) {
      for (Grant g : minimumProbeGrants()) {
        if (g.namedWhenMissing().isEmpty()) {
          assertThat(p.read().warnings()).as("without " + g.grant())
              .anySatisfy(w -> assertThat(w).contains(g.warningWhenMissing()));
        } else {
          ProbeException e = catchThrowableOfType(ProbeException.class, p::read);
          assertThat(e).as("without " + g.grant()).isNotNull();
          assertThat(e.kind()).isEqualTo(ProbeException.Kind.ACCESS_DENIED);
          assertThat(e.missingPrivilege()).contains(g.namedWhenMissing());
        }
        primary.execute("GRANT " + g.grant() + " TO '" + user + "'@'%'");
      }
      InstanceReading r = p.read();
      assertThat(otherWarnings(r)).isEmpty();
      assertThat(r.replicas()).isEqualTo(asRoot.replicas());
      assertThat(r.dumpClients()).extracting(DumpClient::connectionId)
          .containsExactlyInAnyOrderElementsOf(asRoot.dumpClients().stream().map(DumpClient::connectionId).toList());
      WaitResult w = p.waitForExecuted(executedBy(primary), Duration.ofSeconds(5), (e, m) -> { }, Cancellation.NEVER);
      assertThat(w.outcome()).as("the wait needs no further privilege").isEqualTo(Outcome.REACHED);
    }

    DatabaseEndpoint wrong = asProbe.toBuilder().withPassword(PROBE_PASSWORD + "-wrong").build();
    ProbeException denied = catchThrowableOfType(ProbeException.class,
        () -> JdbcUpstreamProbe.builder().withEndpoint(wrong).build().read());
    assertThat(denied.kind()).isEqualTo(ProbeException.Kind.ACCESS_DENIED);
    assertThat(denied.missingPrivilege()).isEmpty();
    assertThat(denied.getMessage()).contains("1045").doesNotContain(PROBE_PASSWORD);
    assertThat(CredentialMaskingTest.testLog()).as("the DEBUG log of this run").contains("SHOW PROCESSLIST")
        .doesNotContain(PROBE_PASSWORD);
  }

  @Test
  void channelsOfTheWholeGroup_pointAtThePrimary(ReplicationGroup group) {
    for (GroupMember m : group.replicas()) {
      List<ReplicationChannel> channels = read(m).channels();
      assertThat(channels).as(m.name()).extracting(ReplicationChannel::sourcePort).containsExactly(group.primary().port());
    }
  }
}
