package io.github.dmswitchover.switchover;

import io.github.dmswitchover.switchover.spi.GtidState;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import java.util.Objects;

/**
 * What a report shows of an instance: address (never credentials), identity, version, GTIDs and
 * whether it replicates.
 *
 * @param role {@code new}, {@code old} or {@code vip}
 * @param address {@code host:port}
 * @param identity MySQL {@code server_uuid}, MariaDB {@code domain-server}
 * @param version {@code VERSION()}
 * @param executed the executed GTIDs (MariaDB: the binlog state)
 * @param purged the purged GTIDs (MariaDB: what the oldest binlog starts from)
 * @param replica whether it replicates from another instance
 */
public record InstanceSummary(String role, String address, String identity, String version, String executed, String purged,
    boolean replica) {

  /** Checks that no component is null. */
  public InstanceSummary {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(executed, "executed");
    Objects.requireNonNull(purged, "purged");
  }

  static InstanceSummary of(String role, InstanceReading r) {
    String executed;
    String purged;
    if (r.gtids() instanceof GtidState.Mysql m) {
      executed = m.executed().toCompactString();
      purged = m.purged().toCompactString();
    } else {
      GtidState.Mariadb m = (GtidState.Mariadb) r.gtids();
      executed = m.binlogState().isEmpty() ? m.binlogPos().toString() : m.binlogState().toString();
      purged = m.purged().toString();
    }
    return new InstanceSummary(role, r.address(), r.identity(), r.version(), executed, purged, r.isReplica());
  }
}
