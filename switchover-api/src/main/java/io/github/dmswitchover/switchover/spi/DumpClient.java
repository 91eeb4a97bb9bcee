package io.github.dmswitchover.switchover.spi;

import java.util.Objects;

/**
 * A connection reading the binary log (a processlist row whose command is {@code Binlog Dump} or
 * {@code Binlog Dump GTID}): a replica's receiver thread, or a DM relay or syncer.
 *
 * @param connectionId the processlist id
 * @param user the user it authenticated as
 * @param clientHost the client's {@code host:port} as the server sees it
 * @param command {@code Binlog Dump} or {@code Binlog Dump GTID}
 * @param seconds how long it has been in its current state
 * @param state the thread state text, possibly empty
 */
public record DumpClient(long connectionId, String user, String clientHost, String command, long seconds, String state) {
  /** Checks that no component is null. */
  public DumpClient {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(clientHost, "clientHost");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(state, "state");
  }
}
