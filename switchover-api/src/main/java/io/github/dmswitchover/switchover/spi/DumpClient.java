package io.github.dmswitchover.switchover.spi;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A connection reading the binary log (a processlist row whose command is {@code Binlog Dump} or
 * {@code Binlog Dump GTID}): a replica's receiver thread, or a DM relay or syncer.
 *
 * <p>The processlist does not say which replica a dump connection belongs to. Where the server
 * tells it soundly (MySQL with {@code performance_schema} on: the {@code replica_uuid} the
 * connection set, matched to the {@code Replica_UUID} of {@code SHOW REPLICAS}),
 * {@link #replicaServerId()} carries the replica's server id; otherwise it is empty, and matching by
 * client host would be a guess (several replicas, and DM, may connect from one host).
 *
 * @param connectionId the processlist id
 * @param user the user it authenticated as
 * @param clientHost the client's {@code host:port} as the server sees it
 * @param command {@code Binlog Dump} or {@code Binlog Dump GTID}
 * @param seconds how long it has been in its current state
 * @param state the thread state text, possibly empty
 * @param replicaServerId the server id the connection registered with, when the server tells it
 */
public record DumpClient(long connectionId, String user, String clientHost, String command, long seconds, String state,
    OptionalLong replicaServerId) {

  /** Checks that no component is null. */
  public DumpClient {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(clientHost, "clientHost");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(replicaServerId, "replicaServerId");
  }

  /**
   * Creates a dump client whose replica server id is not known (the shape before
   * {@code replicaServerId} was added).
   *
   * @param connectionId the processlist id
   * @param user the user it authenticated as
   * @param clientHost the client's {@code host:port} as the server sees it
   * @param command {@code Binlog Dump} or {@code Binlog Dump GTID}
   * @param seconds how long it has been in its current state
   * @param state the thread state text, possibly empty
   */
  public DumpClient(long connectionId, String user, String clientHost, String command, long seconds, String state) {
    this(connectionId, user, clientHost, command, seconds, state, OptionalLong.empty());
  }
}
