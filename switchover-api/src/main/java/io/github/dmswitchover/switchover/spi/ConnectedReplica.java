package io.github.dmswitchover.switchover.spi;

import java.util.Objects;

/**
 * A replica registered with an instance ({@code SHOW REPLICAS}, {@code SHOW SLAVE HOSTS}); DM's
 * binlog readers register too, with the source configuration's {@code server-id}.
 *
 * @param serverId the replica's server id
 * @param host the host it reported ({@code report_host}), possibly empty
 * @param port the port it reported, 0 if none
 * @param replicaUuid the replica's UUID where the server shows it, empty string otherwise
 */
public record ConnectedReplica(long serverId, String host, int port, String replicaUuid) {
  /** Checks that no component is null. */
  public ConnectedReplica {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(replicaUuid, "replicaUuid");
  }
}
