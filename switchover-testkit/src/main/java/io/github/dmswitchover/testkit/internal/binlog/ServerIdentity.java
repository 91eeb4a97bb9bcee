package io.github.dmswitchover.testkit.internal.binlog;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Who the server at the other end of a replication connection is, read on that connection before
 * the dump starts. DM's relay names its sub-directory after it (MySQL: the server UUID; MariaDB:
 * domain id and server id) and sees a switch of upstream when it changes. Immutable and thread-safe.
 *
 * @param flavor the server family
 * @param serverUuid {@code @@GLOBAL.server_uuid} (MySQL); empty for MariaDB
 * @param serverId {@code @@GLOBAL.server_id}
 * @param domainId {@code @@GLOBAL.gtid_domain_id} (MariaDB); empty for MySQL
 * @param version {@code VERSION()}, e.g. {@code 9.7.4} or {@code 10.11.19-MariaDB}
 */
public record ServerIdentity(
    ServerFlavor flavor, Optional<UUID> serverUuid, long serverId, OptionalLong domainId, String version) {

  /** Checks that no component is null. */
  public ServerIdentity {
    Objects.requireNonNull(flavor, "flavor");
    Objects.requireNonNull(serverUuid, "serverUuid");
    Objects.requireNonNull(domainId, "domainId");
    Objects.requireNonNull(version, "version");
  }
}
