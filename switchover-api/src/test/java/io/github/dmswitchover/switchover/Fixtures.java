package io.github.dmswitchover.switchover;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.ConnectedReplica;
import io.github.dmswitchover.switchover.spi.Flavor;
import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.InstanceSettings;
import io.github.dmswitchover.switchover.spi.ReplicationChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** Readings and DM snapshots for the gate tests, built field by field like a probe and DM would report them. */
final class Fixtures {
  static final String U1 = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  static final String U2 = "4e11fa47-71ca-11e1-9e33-c80aa9429562";
  static final String U3 = "5e11fa47-71ca-11e1-9e33-c80aa9429562";

  private Fixtures() {}

  static InstanceSettings goodMysqlSettings() {
    return new InstanceSettings(Optional.of("ON"), Optional.of("ON"), Optional.empty(), true, true, "ROW", "FULL",
        OptionalLong.of(2_592_000), true, Optional.of(false));
  }

  static InstanceSettings goodMariadbSettings() {
    return new InstanceSettings(Optional.empty(), Optional.empty(), Optional.of(true), true, true, "ROW", "FULL",
        OptionalLong.of(0), true, Optional.empty());
  }

  /** A builder of readings, starting from a healthy MySQL instance. */
  static final class Reading {
    String address = "127.0.0.1:3307";
    Flavor flavor = Flavor.MYSQL;
    String uuid = U2;
    long serverId = 2;
    long domain;
    String executed = U1 + ":1-100";
    String purged = "";
    String binlogState = "";
    String replicaPos = "";
    InstanceSettings settings = goodMysqlSettings();
    List<ReplicationChannel> channels = new ArrayList<>();
    List<ConnectedReplica> replicas = new ArrayList<>();
    Optional<Duration> oldestBinlogAge = Optional.of(Duration.ofHours(1));

    static Reading mysql(String uuid, long serverId, String address) {
      Reading r = new Reading();
      r.uuid = uuid;
      r.serverId = serverId;
      r.address = address;
      return r;
    }

    static Reading mariadb(long serverId, String address) {
      Reading r = new Reading();
      r.flavor = Flavor.MARIADB;
      r.uuid = null;
      r.serverId = serverId;
      r.address = address;
      r.settings = goodMariadbSettings();
      r.executed = "0-1-100";
      r.binlogState = "0-1-100";
      return r;
    }

    Reading executed(String e) {
      this.executed = e;
      return this;
    }

    Reading purged(String p) {
      this.purged = p;
      return this;
    }

    Reading replicaPos(String p) {
      this.replicaPos = p;
      return this;
    }

    Reading binlogState(String s) {
      this.binlogState = s;
      return this;
    }

    Reading settings(InstanceSettings s) {
      this.settings = s;
      return this;
    }

    Reading replicaOf(Reading source, boolean running) {
      channels.add(new ReplicationChannel("", source.address.split(":")[0], Integer.parseInt(source.address.split(":")[1]),
          running ? "Yes" : "No", running ? "Yes" : "No", true, 0, "", 0, "", OptionalLong.of(0), source.serverId,
          source.uuid == null ? "" : source.uuid, ""));
      return this;
    }

    Reading withReplica(long serverId) {
      replicas.add(new ConnectedReplica(serverId, "", 0, ""));
      return this;
    }

    Reading oldestBinlogAge(Optional<Duration> age) {
      this.oldestBinlogAge = age;
      return this;
    }

    InstanceReading build() {
      GtidState g = flavor == Flavor.MYSQL
          ? new GtidState.Mysql(GtidSet.parse(executed), GtidSet.parse(purged))
          : new GtidState.Mariadb(MariadbGtidPosition.parse(executed), MariadbGtidList.parse(binlogState),
              MariadbGtidPosition.parse(purged), MariadbGtidPosition.parse(replicaPos));
      return new InstanceReading(address, flavor, flavor == Flavor.MYSQL ? "9.7.4" : "10.11.19-MariaDB",
          uuid == null ? Optional.empty() : Optional.of(UUID.fromString(uuid)), serverId,
          flavor == Flavor.MYSQL ? OptionalLong.empty() : OptionalLong.of(domain), g, settings, channels, replicas, List.of(),
          oldestBinlogAge, List.of(), Instant.parse("2026-11-21T00:00:00Z"));
    }
  }

  /** A builder of DM snapshots, starting from one running Sync subtask on a bound source. */
  static final class Dm {
    DmSnapshot.Version version = new DmSnapshot.Version("v8.5.7", 8, 5, 7, "gateway");
    boolean enableGtid = true;
    String host = "127.0.0.1";
    int port = 3306;
    Optional<String> worker = Optional.of("worker1");
    boolean workerOnline = true;
    OptionalLong serverId = OptionalLong.of(429_400_1L);
    List<DmSnapshot.SubtaskInfo> subtasks = new ArrayList<>();
    Optional<DmSnapshot.RelayInfo> relay = Optional.empty();
    Optional<String> leader = Optional.of("master1");
    List<DmSnapshot.LockInfo> locks = new ArrayList<>();

    Dm subtask(String task, String syncerGtids) {
      return subtask(task, "Running", "Sync", syncerGtids);
    }

    Dm subtask(String task, String stage, String unit, String syncerGtids) {
      subtasks.add(new DmSnapshot.SubtaskInfo(task, stage, unit, syncerGtids, "(bin.000001, 4)", false, "", List.of(), List.of()));
      return this;
    }

    Dm relay(String relayGtids) {
      relay = Optional.of(new DmSnapshot.RelayInfo("Running", U1 + ".000001", relayGtids, true, List.of()));
      return this;
    }

    DmSnapshot build() {
      return new DmSnapshot(version, new DmSnapshot.SourceInfo("mysql-replica-01", Optional.of(host), OptionalInt.of(port),
          Optional.of("dm"), enableGtid, relay.isPresent(), worker, workerOnline, serverId, Optional.empty()), subtasks, relay,
          new DmSnapshot.ClusterInfo(leader, 3, 3), locks, Instant.parse("2026-11-21T00:00:00Z"),
          List.of());
    }
  }
}
