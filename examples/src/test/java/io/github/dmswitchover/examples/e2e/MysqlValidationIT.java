package io.github.dmswitchover.examples.e2e;

import io.github.dmswitchover.switchover.Gate;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;

class MysqlValidationIT extends ValidationContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mysql().build();
  }

  @Override
  void delayReplication(GroupMember replica, int seconds) {
    replica.execute("STOP REPLICA SQL_THREAD", "CHANGE REPLICATION SOURCE TO SOURCE_DELAY = " + seconds, "START REPLICA SQL_THREAD");
  }

  @Override
  void stopReplication(GroupMember replica) {
    replica.execute("STOP REPLICA");
  }

  @Override
  String replicaUpdatesOption() {
    return "log_replica_updates";
  }

  @Override
  Gate[] refusedWithoutReplicaUpdates() {
    return new Gate[] {Gate.G4_BINLOG_SETTINGS};
  }
}
