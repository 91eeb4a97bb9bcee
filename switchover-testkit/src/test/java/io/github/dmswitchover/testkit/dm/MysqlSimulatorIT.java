package io.github.dmswitchover.testkit.dm;

import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;

class MysqlSimulatorIT extends SimulatorReplicationContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mysql().build();
  }

  @Override
  String dmGtids(GroupMember m) {
    return DmGtidSet.parse(m.gtidState().executed(), false).toDmString();
  }

  @Override
  boolean covers(String dm, GroupMember m) {
    return DmGtidSet.parse(dm, false).contains(DmGtidSet.parse(m.gtidState().executed(), false));
  }

  @Override
  String binlogDumpCommand() {
    return "Binlog Dump GTID";
  }
}
