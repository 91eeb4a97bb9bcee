package io.github.dmswitchover.dm;

import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;

/**
 * {@link ReplicationContract} with MariaDB 10.11: DM's set is a {@link MariadbGtidList} equal to
 * {@code gtid_binlog_pos} (one server writes, so one GTID per domain either way).
 */
class MariadbReplicationIT extends ReplicationContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mariadb().build();
  }

  @Override
  boolean isExecutedSetOf(DmGtids dm, GroupMember m) {
    return dm instanceof DmGtids.Mariadb mariadb && mariadb.list().equals(MariadbGtidList.parse(m.gtidState().executed()));
  }

  @Override
  boolean contains(DmGtids dm, DmGtids other) {
    return dm.mariadb().orElseThrow().containsPerDomainAndServer(other.mariadb().orElseThrow());
  }
}
