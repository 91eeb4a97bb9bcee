package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal and the lock on one MySQL 9.7 server. */
class MysqlJournalAndLockIT extends JournalAndLockContract {
  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(1).build());
}
