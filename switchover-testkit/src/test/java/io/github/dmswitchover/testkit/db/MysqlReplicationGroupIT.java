package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlReplicationGroupIT extends ReplicationGroupContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mysql().build();
  }

  /** MySQL 8.0+ wraps the source's 1236 into ER_SOURCE_FATAL_ERROR_READING_BINLOG (13114). */
  @Override
  int purgedErrorCode() {
    return 13114;
  }

  @Test
  void members_haveTheirOwnServerUuid(ReplicationGroup group) {
    assertThat(group.members()).extracting(m -> m.serverUuid().orElseThrow()).doesNotHaveDuplicates();
    group.primary().writeTransactions(1);
    assertThat(group.primary().gtidState().executed())
        .startsWith(group.primary().serverUuid().orElseThrow() + ":1-");
  }
}
