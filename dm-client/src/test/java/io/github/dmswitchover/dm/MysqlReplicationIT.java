package io.github.dmswitchover.dm;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;

/** {@link ReplicationContract} with MySQL 9.7: DM's set is a {@link GtidSet} equal to {@code gtid_executed}. */
class MysqlReplicationIT extends ReplicationContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mysql().build();
  }

  @Override
  boolean isExecutedSetOf(DmGtids dm, GroupMember m) {
    return dm instanceof DmGtids.Mysql mysql && mysql.set().equals(GtidSet.parse(m.gtidState().executed()));
  }

  @Override
  boolean contains(DmGtids dm, DmGtids other) {
    return other.mysql().orElseThrow().isSubsetOf(dm.mysql().orElseThrow());
  }
}
