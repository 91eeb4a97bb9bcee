package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal and the lock on one MariaDB 10.11 server. */
class MariadbJournalAndLockIT extends JournalAndLockContract {
  @RegisterExtension
  static final ReplicationGroupExtension GROUP = ReplicationGroupExtension.of(GroupSpec.mariadb().withMembers(1).build());
}
