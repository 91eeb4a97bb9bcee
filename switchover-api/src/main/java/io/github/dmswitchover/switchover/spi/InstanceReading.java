package io.github.dmswitchover.switchover.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * One consistent reading of an upstream instance: identity, GTID state, settings, replication,
 * replicas and binlog readers. Immutable; produced by {@link UpstreamProbe#read()}.
 *
 * @param address the instance's {@code host:port} as the probe reaches it (never credentials)
 * @param flavor the server family
 * @param version {@code VERSION()}, e.g. {@code 9.7.4} or {@code 10.11.19-MariaDB-0+deb12u1-log}
 * @param serverUuid MySQL's {@code server_uuid}; empty for MariaDB
 * @param serverId {@code server_id}
 * @param gtidDomainId MariaDB's {@code gtid_domain_id}; empty for MySQL
 * @param gtids the executed and purged GTIDs
 * @param settings the settings a binlog consumer depends on
 * @param channels the instance's own replication channels (empty for a primary)
 * @param replicas the replicas registered with it
 * @param dumpClients the connections reading its binary log
 * @param oldestBinlogAge how old the oldest binary log is, when the server tells
 * @param warnings what could not be read exactly (e.g. an unknown version read best effort);
 *     never presented as fact elsewhere
 * @param readAt when the reading was taken
 */
public record InstanceReading(
    String address,
    Flavor flavor,
    String version,
    Optional<UUID> serverUuid,
    long serverId,
    OptionalLong gtidDomainId,
    GtidState gtids,
    InstanceSettings settings,
    List<ReplicationChannel> channels,
    List<ConnectedReplica> replicas,
    List<DumpClient> dumpClients,
    Optional<Duration> oldestBinlogAge,
    List<String> warnings,
    Instant readAt) {

  /** Checks the components and copies the lists. */
  public InstanceReading {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(flavor, "flavor");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(serverUuid, "serverUuid");
    Objects.requireNonNull(gtidDomainId, "gtidDomainId");
    Objects.requireNonNull(gtids, "gtids");
    Objects.requireNonNull(settings, "settings");
    channels = List.copyOf(channels);
    replicas = List.copyOf(replicas);
    dumpClients = List.copyOf(dumpClients);
    Objects.requireNonNull(oldestBinlogAge, "oldestBinlogAge");
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(readAt, "readAt");
    if ((flavor == Flavor.MYSQL) != (gtids instanceof GtidState.Mysql)) {
      throw new IllegalArgumentException("a " + flavor + " reading needs " + (flavor == Flavor.MYSQL ? "MySQL" : "MariaDB")
          + " GTIDs, got " + gtids.getClass().getSimpleName());
    }
  }

  /**
   * A stable identity for comparing instances: MySQL's {@code server_uuid}, MariaDB's
   * {@code gtid_domain_id} and {@code server_id} (as DM's relay does, DM-FACTS d.1).
   */
  public String identity() {
    return serverUuid.map(UUID::toString).orElseGet(() -> gtidDomainId.orElse(0) + "-" + serverId);
  }

  /** Returns whether the instance replicates from another (has a channel). */
  public boolean isReplica() {
    return !channels.isEmpty();
  }
}
