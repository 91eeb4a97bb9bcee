package io.github.dmswitchover.examples.e2e;

import io.github.dmswitchover.testkit.db.GroupSpec;

class MariadbExecutionIT extends ExecutionContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mariadb().withMembers(2).build();
  }
}
