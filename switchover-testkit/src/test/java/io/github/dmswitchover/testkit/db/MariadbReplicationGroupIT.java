package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MariadbReplicationGroupIT extends ReplicationGroupContract {
  @Override
  GroupSpec spec() {
    return GroupSpec.mariadb().build();
  }

  /** MariaDB reports the source's error code as is. */
  @Override
  int purgedErrorCode() {
    return 1236;
  }

  @Test
  void writes_getTheWritersServerIdInTheirGtid(ReplicationGroup group) {
    group.primary().writeTransactions(3);
    assertThat(group.primary().gtidState().executed()).isEqualTo("0-1-5");
    assertThat(group.primary().serverUuid()).isEmpty();
    group.awaitReplication(ReplicationGroupContract.WAIT);
    assertThat(group.member(1).gtidState().replicaPosition()).isEqualTo("0-1-5");
  }
}
