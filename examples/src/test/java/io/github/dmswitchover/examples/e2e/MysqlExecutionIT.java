package io.github.dmswitchover.examples.e2e;

import io.github.dmswitchover.testkit.db.GroupSpec;

class MysqlExecutionIT extends ExecutionContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mysql().withMembers(2).build();
  }
}
