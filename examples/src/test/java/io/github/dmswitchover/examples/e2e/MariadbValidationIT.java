package io.github.dmswitchover.examples.e2e;

import io.github.dmswitchover.switchover.Gate;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.GroupSpec;

class MariadbValidationIT extends ValidationContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mariadb().build();
  }

  @Override
  void delayReplication(GroupMember replica, int seconds) {
    replica.execute("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = " + seconds, "START SLAVE");
  }

  @Override
  void stopReplication(GroupMember replica) {
    replica.execute("STOP SLAVE");
  }

  @Override
  String replicaUpdatesOption() {
    return "log_slave_updates";
  }

  @Override
  Gate[] refusedWithoutReplicaUpdates() {
    return new Gate[] {Gate.G3_NOTHING_MISSING, Gate.G4_BINLOG_SETTINGS};
  }
}
