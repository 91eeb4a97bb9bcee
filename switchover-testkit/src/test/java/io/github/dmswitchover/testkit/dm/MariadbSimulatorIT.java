package io.github.dmswitchover.testkit.dm;

import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;

class MariadbSimulatorIT extends SimulatorReplicationContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mariadb().build();
  }

  @Override
  String dmGtids(GroupMember m) {
    return DmGtidSet.parse(m.gtidState().executed(), true).toDmString();
  }

  /** DM's own MariaDB rule: every (domain, server) of the server's position, with a sequence as high. */
  @Override
  boolean covers(String dm, GroupMember m) {
    return DmGtidSet.parse(dm, true).contains(DmGtidSet.parse(m.gtidState().executed(), true));
  }

  @Override
  String binlogDumpCommand() {
    return "Binlog Dump";
  }
}
