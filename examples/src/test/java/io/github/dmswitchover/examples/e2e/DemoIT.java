package io.github.dmswitchover.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.examples.DemoRunner;
import io.github.dmswitchover.testkit.db.GroupSpec;
import io.github.dmswitchover.testkit.db.ReplicationGroupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo command, with its default and two of its options, runs to its end and succeeds. The
 * extensions only check (with one small group each) that both servers can start here, so that the
 * class skips, or fails on CI, as every other server test does.
 */
class DemoIT {
  @RegisterExtension
  static final ReplicationGroupExtension MYSQL = ReplicationGroupExtension.of(GroupSpec.mysql().withMembers(1).build());

  @RegisterExtension
  static final ReplicationGroupExtension MARIADB = ReplicationGroupExtension.of(GroupSpec.mariadb().withMembers(1).build());

  @Test
  void defaultVipSwitchoverOnMysql() {
    assertThat(DemoRunner.run()).isTrue();
  }

  @Test
  void addressChangeOnMariadb() {
    assertThat(DemoRunner.run("--flow", "address", "--flavor", "mariadb")).isTrue();
  }

  @Test
  void dm10VipSwitchoverOnMariadb() {
    assertThat(DemoRunner.run("--dm", "1.0", "--flavor", "mariadb")).isTrue();
  }
}
