package io.github.dmswitchover.switchover;

import static io.github.dmswitchover.switchover.Fixtures.U1;
import static io.github.dmswitchover.switchover.Fixtures.U2;
import static io.github.dmswitchover.switchover.Fixtures.U3;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.switchover.Fixtures.Dm;
import io.github.dmswitchover.switchover.Fixtures.Reading;
import io.github.dmswitchover.switchover.spi.InstanceSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each gate's pass and each way it fails (PROCEDURES.md G1–G10). */
class GatesTest {
  private static final String OLD = "127.0.0.1:3306";
  private static final String NEW = "127.0.0.1:3307";

  private static Reading old() {
    return Reading.mysql(U1, 1, OLD).executed(U1 + ":1-100");
  }

  private static Reading fresh() {
    return Reading.mysql(U2, 2, NEW).executed(U1 + ":1-100").replicaOf(old(), true);
  }

  private static Gates.Context vip(Dm dm, Reading n, Optional<Reading> o, List<String> through) {
    return new Gates.Context(Gates.Flow.VIP, dm.build(), n.build(), o.map(Reading::build), through, Optional.empty(),
        Optional.empty(), SwitchoverPolicy.defaults(), Optional.empty());
  }

  private static Gates.Context healthy() {
    return vip(new Dm().subtask("orders", U1 + ":1-90"), fresh(), Optional.of(old()), List.of(U1, U1));
  }

  private static GateVerdict gate(Gates.Context ctx, Gate g) {
    return Gates.evaluate(ctx).stream().filter(v -> v.gate() == g).findFirst().orElseThrow();
  }

  @Test
  void healthyReplica_everyGatePasses_andAllTenAreEvaluated() {
    List<GateVerdict> all = Gates.evaluate(healthy());
    assertThat(all).extracting(GateVerdict::gate).containsExactly(Gate.values());
    assertThat(all).allMatch(v -> !v.status().refuses(), "no gate refuses");
    assertThat(gate(healthy(), Gate.G3_NOTHING_MISSING).inputs()).containsEntry("S[orders]", U1 + ":1-90");
  }

  @Test
  void failingGates_areAllReported_notOnlyTheFirst() {
    Reading n = fresh().settings(new InstanceSettings(Optional.of("OFF"), Optional.of("ON"), Optional.empty(), true, true,
        "STATEMENT", "FULL", OptionalLong.of(0), true, Optional.of(false))).purged(U1 + ":1-95");
    List<GateVerdict> all = Gates.evaluate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(old()), List.of(U1)));
    assertThat(all).filteredOn(v -> v.status().refuses()).extracting(GateVerdict::gate)
        .containsExactly(Gate.G1_GTID_MODE, Gate.G2_NOTHING_PURGED, Gate.G4_BINLOG_SETTINGS);
  }

  // ---- G1 ----

  @Test
  void g1_sourceWithoutGtid_fails() {
    Dm dm = new Dm().subtask("orders", "");
    dm.enableGtid = false;
    GateVerdict v = gate(vip(dm, fresh(), Optional.of(old()), List.of(U1)), Gate.G1_GTID_MODE);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("enable-gtid: false");
    assertThat(gate(vip(dm, fresh(), Optional.of(old()), List.of(U1)), Gate.G2_NOTHING_PURGED).status())
        .isEqualTo(GateStatus.NOT_APPLICABLE);
  }

  @Test
  void g1_gtidModeOff_fails_andMariadbWithoutBinlog_fails() {
    Reading n = fresh().settings(new InstanceSettings(Optional.of("OFF_PERMISSIVE"), Optional.of("ON"), Optional.empty(),
        true, true, "ROW", "FULL", OptionalLong.of(0), true, Optional.of(false)));
    assertThat(gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(old()), List.of(U1)), Gate.G1_GTID_MODE).summary())
        .contains("gtid_mode=OFF_PERMISSIVE");
    Reading m = Reading.mariadb(2, NEW).settings(new InstanceSettings(Optional.empty(), Optional.empty(), Optional.of(true), false,
        true, "ROW", "FULL", OptionalLong.of(0), true, Optional.empty()));
    assertThat(gate(vip(new Dm().subtask("orders", "0-1-90"), m, Optional.empty(), List.of("0-1")), Gate.G1_GTID_MODE).status())
        .isEqualTo(GateStatus.FAILED);
  }

  // ---- G2 ----

  @Test
  void g2_purgedNotReplicated_failsAndNamesThePurgedTransactionsWithCounts() {
    Reading n = fresh().executed(U1 + ":1-100," + U3 + ":1-5").purged(U1 + ":1-95," + U3 + ":1-5");
    GateVerdict v = gate(vip(new Dm().subtask("orders", U1 + ":1-90").subtask("audit", U1 + ":1-99," + U3 + ":1-5"), n,
        Optional.of(old()), List.of(U1)), Gate.G2_NOTHING_PURGED);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.differences()).as("audit has everything P holds").hasSize(1);
    GtidDelta orders = v.differences().get(0);
    assertThat(orders.subject()).isEqualTo("subtask orders");
    assertThat(orders.transactions()).isEqualTo(10);
    assertThat(orders.parts()).extracting(GtidDelta.Part::source, GtidDelta.Part::transactions, GtidDelta.Part::gtids)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(U1, 5L, U1 + ":91-95"),
            org.assertj.core.groups.Tuple.tuple(U3, 5L, U3 + ":1-5"));
    assertThat(v.summary()).contains("subtask orders lacks 10 transactions from 2 sources");
  }

  @Test
  void g2_withRelay_checksTheRelayPositionToo() {
    Reading n = fresh().purged(U1 + ":1-80");
    GateVerdict v = gate(vip(new Dm().subtask("orders", U1 + ":1-90").relay(U1 + ":1-70"), n, Optional.of(old()), List.of(U1)),
        Gate.G2_NOTHING_PURGED);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.differences()).singleElement().satisfies(d -> {
      assertThat(d.subject()).isEqualTo("relay");
      assertThat(d.transactions()).isEqualTo(10);
    });
    assertThat(v.inputs()).containsKey("W (relay)");
  }

  @Test
  void g2_unparsableDmPosition_failsNamingIt() {
    GateVerdict v = gate(vip(new Dm().subtask("orders", "not-a-gtid"), fresh(), Optional.of(old()), List.of(U1)),
        Gate.G2_NOTHING_PURGED);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("'not-a-gtid'");
  }

  @Test
  void g2_mariadb_serverRuleDecides_andDisagreementWithDmIsReported() {
    // DM's set has server 1 only; the new instance purged up to 0-2-50 (another server in the same domain).
    Reading n = Reading.mariadb(2, NEW).executed("0-2-120").binlogState("0-1-100,0-2-120").purged("0-2-50");
    GateVerdict v = gate(vip(new Dm().subtask("orders", "0-1-100"), n, Optional.empty(), List.of("0-1")), Gate.G2_NOTHING_PURGED);
    assertThat(v.status()).isEqualTo(GateStatus.PASSED);
    assertThat(v.notes()).singleElement().asString().contains("server's rule").contains("DM's rule");
  }

  // ---- G3 ----

  @Test
  void g3_missingOnANonReplicatingInstance_failsNamingTheMissing() {
    Reading n = Reading.mysql(U2, 2, NEW).executed(U1 + ":1-80").replicaOf(old(), false);
    GateVerdict v = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(old()), List.of(U1)), Gate.G3_NOTHING_MISSING);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("not replicating");
    assertThat(v.differences().get(0).parts().get(0).gtids()).isEqualTo(U1 + ":81-90");
  }

  @Test
  void g3_afterASuccessfulWait_passesAfterWait_andAfterATimeout_fails() {
    Reading caughtUp = fresh();
    Gates.Context ok = new Gates.Context(Gates.Flow.VIP, new Dm().subtask("orders", U1 + ":1-90").build(), caughtUp.build(),
        Optional.of(old().build()), List.of(U1), Optional.empty(), Optional.empty(), SwitchoverPolicy.defaults(),
        Optional.of(new Gates.CatchUp(true, Duration.ofMillis(1200), U1 + ":1-90")));
    assertThat(gate(ok, Gate.G3_NOTHING_MISSING).status()).isEqualTo(GateStatus.PASSED_AFTER_WAIT);
    Reading lagging = Reading.mysql(U2, 2, NEW).executed(U1 + ":1-80").replicaOf(old(), true);
    Gates.Context late = new Gates.Context(Gates.Flow.VIP, new Dm().subtask("orders", U1 + ":1-90").build(), lagging.build(),
        Optional.of(old().build()), List.of(U1), Optional.empty(), Optional.empty(), SwitchoverPolicy.defaults(),
        Optional.of(new Gates.CatchUp(false, Duration.ofSeconds(120), U1 + ":1-90")));
    GateVerdict v = gate(late, Gate.G3_NOTHING_MISSING);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("after the catch-up wait");
    assertThat(v.notes()).anyMatch(n -> n.contains("not reached"));
  }

  // ---- G4 ----

  @Test
  void g4_eachWrongSetting_isNamed() {
    Reading n = fresh().settings(new InstanceSettings(Optional.of("ON"), Optional.of("WARN"), Optional.empty(), false, false,
        "MIXED", "MINIMAL", OptionalLong.of(0), true, Optional.of(false)));
    GateVerdict v = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(old()), List.of(U1)), Gate.G4_BINLOG_SETTINGS);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("log_bin is OFF").contains("binlog_format is MIXED").contains("binlog_row_image is MINIMAL")
        .contains("enforce_gtid_consistency is WARN").contains("log_replica_updates OFF");
  }

  @Test
  void g4_logReplicaUpdatesOff_failsOnAReplica_passesOnAPrimary() {
    InstanceSettings off = new InstanceSettings(Optional.of("ON"), Optional.of("ON"), Optional.empty(), true, false, "ROW", "FULL",
        OptionalLong.of(0), true, Optional.of(false));
    assertThat(gate(vip(new Dm().subtask("orders", U1 + ":1-90"), fresh().settings(off), Optional.of(old()), List.of(U1)),
        Gate.G4_BINLOG_SETTINGS).status()).isEqualTo(GateStatus.FAILED);
    Reading primary = Reading.mysql(U2, 2, NEW).executed(U1 + ":1-100").settings(off);
    assertThat(gate(vip(new Dm().subtask("orders", U1 + ":1-90"), primary, Optional.empty(), List.of(U1)),
        Gate.G4_BINLOG_SETTINGS).status()).isEqualTo(GateStatus.PASSED);
  }

  // ---- G5 ----

  @Test
  void g5_theSameServer_orAnUnrelatedOne_fails() {
    Reading same = Reading.mysql(U1, 1, NEW).executed(U1 + ":1-100");
    assertThat(gate(vip(new Dm().subtask("orders", U1 + ":1-90"), same, Optional.of(old()), List.of(U1)), Gate.G5_SAME_GROUP).summary())
        .contains("the new instance is the old one");
    Reading stranger = Reading.mysql(U3, 3, NEW).executed(U3 + ":1-100");
    GateVerdict v = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), stranger, Optional.of(old()), List.of(U1)), Gate.G5_SAME_GROUP);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("never seen").contains("neither instance replicates");
  }

  @Test
  void g5_siblingsOfACommonSource_pass_andAMissingOldInstanceIsNoted() {
    Reading primary = Reading.mysql(U3, 3, "127.0.0.1:3305");
    Reading o = old().replicaOf(primary, true);
    Reading n = Reading.mysql(U2, 2, NEW).executed(U1 + ":1-100").replicaOf(primary, true);
    assertThat(gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(o), List.of(U1)), Gate.G5_SAME_GROUP).inputs())
        .containsEntry("relation", "both replicate from the same source (127.0.0.1:3305)");
    GateVerdict alone = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), fresh(), Optional.empty(), List.of(U1)), Gate.G5_SAME_GROUP);
    assertThat(alone.status()).isEqualTo(GateStatus.PASSED);
    assertThat(alone.notes()).anyMatch(s -> s.contains("could not be read"));
  }

  @Test
  void g5_mariadbReplicaWithoutLoggedUpdates_hasSeenWhatItApplied_soOnlyG4AndG3Speak() {
    // log_slave_updates OFF: the binary log has nothing of domain 0, gtid_slave_pos shows it was applied.
    Reading primary = Reading.mariadb(1, "127.0.0.1:3306");
    Reading n = Reading.mariadb(2, NEW).executed("").binlogState("").replicaPos("0-1-100").replicaOf(primary, true);
    GateVerdict v = gate(vip(new Dm().subtask("orders", "0-1-100"), n, Optional.of(primary), List.of("0-1")), Gate.G5_SAME_GROUP);
    assertThat(v.status()).as(v.summary()).isEqualTo(GateStatus.PASSED);
    Reading stranger = Reading.mariadb(3, NEW).executed("").binlogState("").replicaPos("").replicaOf(primary, true);
    assertThat(gate(vip(new Dm().subtask("orders", "0-1-100"), stranger, Optional.of(primary), List.of("0-1")), Gate.G5_SAME_GROUP)
        .summary()).contains("never seen");
  }

  // ---- G6 ----

  @Test
  void g6_writesOnlyOnTheNewInstance_areRefusedByDefault_andWarnedWhenAllowed() {
    Reading n = fresh().executed(U1 + ":1-100," + U2 + ":1-3");
    GateVerdict refused = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(old()), List.of(U1)),
        Gate.G6_ERRANT_TRANSACTIONS);
    assertThat(refused.status()).isEqualTo(GateStatus.FAILED);
    assertThat(refused.differences()).anySatisfy(d -> {
      assertThat(d.label()).contains("only on the new instance");
      assertThat(d.parts()).singleElement().satisfies(p -> assertThat(p.gtids()).isEqualTo(U2 + ":1-3"));
    });
    Gates.Context allowed = new Gates.Context(Gates.Flow.VIP, new Dm().subtask("orders", U1 + ":1-90").build(), n.build(),
        Optional.of(old().build()), List.of(U1), Optional.empty(), Optional.empty(),
        SwitchoverPolicy.builder().withAllowedErrantUuids(UUID.fromString(U2)).build(), Optional.empty());
    GateVerdict warned = gate(allowed, Gate.G6_ERRANT_TRANSACTIONS);
    assertThat(warned.status()).isEqualTo(GateStatus.WARNING);
    assertThat(warned.notes()).anyMatch(s -> s.contains("allowed"));
  }

  @Test
  void g6_switchingBackToTheSource_treatsWhatTheOldReplicaLacksAsLag_butNotTheNewInstancesOwnWrites() {
    // N is O's source (a switch back): what O has not applied yet from N's source is lag, not errant
    Reading n = Reading.mysql(U1, 1, NEW).executed(U1 + ":1-120");
    Reading o = Reading.mysql(U2, 2, OLD).executed(U1 + ":1-100").replicaOf(n, true);
    GateVerdict lag = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.of(o), List.of(U2)), Gate.G6_ERRANT_TRANSACTIONS);
    assertThat(lag.status()).isEqualTo(GateStatus.PASSED);
    assertThat(lag.notes()).anyMatch(s -> s.contains("lag, not errant"));
    // siblings of a common source: the source's transactions are lag; N's own are errant
    Reading primary = Reading.mysql(U3, 3, "127.0.0.1:3305");
    Reading sib = Reading.mysql(U2, 2, NEW).executed(U3 + ":1-50," + U2 + ":1-2").replicaOf(primary, true);
    Reading olderSib = Reading.mysql(U1, 1, OLD).executed(U3 + ":1-40").replicaOf(primary, true);
    GateVerdict own = gate(vip(new Dm().subtask("orders", U3 + ":1-40"), sib, Optional.of(olderSib), List.of(U1)),
        Gate.G6_ERRANT_TRANSACTIONS);
    assertThat(own.status()).isEqualTo(GateStatus.FAILED);
    assertThat(own.differences()).anySatisfy(d -> assertThat(d.label()).contains("replication lag"))
        .anySatisfy(d -> assertThat(d.parts()).singleElement().satisfies(p -> assertThat(p.gtids()).isEqualTo(U2 + ":1-2")));
  }

  @Test
  void g6_withoutTheOldInstance_ownTransactionsAreWarned_andDmLagIsListed() {
    Reading n = fresh().executed(U1 + ":1-100," + U2 + ":1-2");
    GateVerdict v = gate(vip(new Dm().subtask("orders", U1 + ":1-90"), n, Optional.empty(), List.of(U1)), Gate.G6_ERRANT_TRANSACTIONS);
    assertThat(v.status()).isEqualTo(GateStatus.WARNING);
    assertThat(v.differences().get(0).label()).contains("DM will apply these");
    assertThat(v.differences().get(0).transactions()).isEqualTo(12);
  }

  // ---- G7 ----

  @Test
  void g7_dumpLoadLocksLeaderAndWorker_eachRefuse() {
    Dm dm = new Dm().subtask("orders", "Running", "Load", "").subtask("audit", U1 + ":1-90");
    dm.locks.add(new DmSnapshot.LockInfo("audit-`db`.`t`", "audit", "pessimistic", "mysql-replica-01", List.of("ALTER TABLE t")));
    dm.leader = Optional.empty();
    dm.workerOnline = false;
    GateVerdict v = gate(vip(dm, fresh(), Optional.of(old()), List.of(U1)), Gate.G7_DM_SWITCHABLE);
    assertThat(v.status()).isEqualTo(GateStatus.FAILED);
    assertThat(v.summary()).contains("Load unit").contains("shard DDL lock audit-`db`.`t`").contains("no leader")
        .contains("offline");
    Dm unbound = new Dm().subtask("orders", U1 + ":1-90");
    unbound.worker = Optional.empty();
    assertThat(gate(vip(unbound, fresh(), Optional.of(old()), List.of(U1)), Gate.G7_DM_SWITCHABLE).summary())
        .contains("not bound to a worker");
  }

  // ---- G8 ----

  @Test
  void g8_vipAlreadyMoved_mixedOrElsewhere_fails() {
    Dm dm = new Dm().subtask("orders", U1 + ":1-90");
    assertThat(gate(vip(dm, fresh(), Optional.of(old()), List.of(U2, U2)), Gate.G8_EXPECTED_UPSTREAM).summary())
        .contains("already leads to the new instance");
    assertThat(gate(vip(dm, fresh(), Optional.of(old()), List.of(U1, U2)), Gate.G8_EXPECTED_UPSTREAM).summary())
        .contains("different servers");
    assertThat(gate(vip(dm, fresh(), Optional.of(old()), List.of(U3)), Gate.G8_EXPECTED_UPSTREAM).summary())
        .contains("someone else moved it");
    assertThat(gate(vip(dm, fresh(), Optional.empty(), List.of(U1)), Gate.G8_EXPECTED_UPSTREAM).summary())
        .contains("no expected identity");
    Gates.Context unreadable = new Gates.Context(Gates.Flow.VIP, dm.build(), fresh().build(), Optional.of(old().build()),
        List.of(), Optional.of("connection refused"), Optional.empty(), SwitchoverPolicy.defaults(), Optional.empty());
    assertThat(gate(unreadable, Gate.G8_EXPECTED_UPSTREAM).summary()).contains("connection refused");
  }

  @Test
  void g8_addressFlow_comparesTheSourceAddress() {
    Dm dm = new Dm().subtask("orders", U1 + ":1-90");
    Gates.Context ok = new Gates.Context(Gates.Flow.ADDRESS, dm.build(), fresh().build(), Optional.of(old().build()), List.of(),
        Optional.empty(), Optional.empty(), SwitchoverPolicy.defaults(), Optional.empty());
    assertThat(gate(ok, Gate.G8_EXPECTED_UPSTREAM).status()).isEqualTo(GateStatus.PASSED);
    dm.port = 3307;
    Gates.Context done = new Gates.Context(Gates.Flow.ADDRESS, dm.build(), fresh().build(), Optional.of(old().build()), List.of(),
        Optional.empty(), Optional.empty(), SwitchoverPolicy.defaults(), Optional.empty());
    assertThat(gate(done, Gate.G8_EXPECTED_UPSTREAM).summary()).contains("already points at the new address");
    dm.port = 3399;
    Gates.Context other = new Gates.Context(Gates.Flow.ADDRESS, dm.build(), fresh().build(), Optional.of(old().build()), List.of(),
        Optional.empty(), Optional.empty(), SwitchoverPolicy.defaults(), Optional.empty());
    assertThat(gate(other, Gate.G8_EXPECTED_UPSTREAM).summary()).contains("someone else changed it");
  }

  // ---- G9 ----

  @Test
  void g9_retention() {
    Dm dm = new Dm().subtask("orders", U1 + ":1-90");
    InstanceSettings twoHours = new InstanceSettings(Optional.of("ON"), Optional.of("ON"), Optional.empty(), true, true, "ROW",
        "FULL", OptionalLong.of(7200), true, Optional.of(false));
    GateVerdict soon = gate(vip(dm, fresh().settings(twoHours).oldestBinlogAge(Optional.of(Duration.ofMinutes(110))),
        Optional.of(old()), List.of(U1)), Gate.G9_RETENTION);
    assertThat(soon.status()).isEqualTo(GateStatus.WARNING);
    assertThat(soon.summary()).contains("expires in PT10M");
    assertThat(gate(vip(dm, fresh().settings(twoHours), Optional.of(old()), List.of(U1)), Gate.G9_RETENTION).status())
        .isEqualTo(GateStatus.PASSED);
    InstanceSettings unknown = new InstanceSettings(Optional.of("ON"), Optional.of("ON"), Optional.empty(), true, true, "ROW",
        "FULL", OptionalLong.empty(), true, Optional.of(false));
    assertThat(gate(vip(dm, fresh().settings(unknown), Optional.of(old()), List.of(U1)), Gate.G9_RETENTION).status())
        .isEqualTo(GateStatus.NOT_APPLICABLE);
  }

  // ---- G10 ----

  @Test
  void g10_serverIdInUse_warns() {
    Dm dm = new Dm().subtask("orders", U1 + ":1-90");
    assertThat(gate(vip(dm, fresh().withReplica(429_400_1L), Optional.of(old()), List.of(U1)), Gate.G10_SERVER_ID).status())
        .isEqualTo(GateStatus.WARNING);
    assertThat(gate(vip(dm, fresh().withReplica(7), Optional.of(old()), List.of(U1)), Gate.G10_SERVER_ID).status())
        .isEqualTo(GateStatus.PASSED);
    dm.serverId = OptionalLong.empty();
    assertThat(gate(vip(dm, fresh(), Optional.of(old()), List.of(U1)), Gate.G10_SERVER_ID).status())
        .isEqualTo(GateStatus.NOT_APPLICABLE);
  }

  @Test
  void dm10_usesTheRelayPositionOnly() {
    Dm dm = new Dm().subtask("orders", "").relay(U1 + ":1-95");
    dm.version = new DmSnapshot.Version("v1.0.7", 1, 0, 7, "dmctl");
    Reading n = Reading.mysql(U2, 2, NEW).executed(U1 + ":1-90").replicaOf(old(), false);
    GateVerdict g3 = gate(vip(dm, n, Optional.of(old()), List.of(U1)), Gate.G3_NOTHING_MISSING);
    assertThat(g3.status()).isEqualTo(GateStatus.FAILED);
    assertThat(g3.differences()).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("relay"));
    assertThat(g3.inputs()).doesNotContainKey("S[orders]");
  }
}
