package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupSpecTest {

  @Test
  void build_defaults_threeMembersNoVersion() {
    GroupSpec spec = GroupSpec.mysql().build();
    assertThat(spec.flavor()).isEqualTo(Flavor.MYSQL);
    assertThat(spec.members()).isEqualTo(3);
    assertThat(spec.version()).isEmpty();
    assertThat(spec.serverOptions()).isEmpty();
    assertThat(spec.memberOptions(1)).isEmpty();
  }

  @Test
  void withMemberOption_keepsOrderPerMember() {
    GroupSpec spec = GroupSpec.mariadb()
        .withServerOption("binlog_expire_logs_seconds", "3600")
        .withMemberOption(2, "log_slave_updates", "OFF")
        .build();
    assertThat(spec.serverOptions()).containsEntry("binlog_expire_logs_seconds", "3600");
    assertThat(spec.memberOptions(2)).containsEntry("log_slave_updates", "OFF");
    assertThat(spec.toBuilder().build().memberOptions(2)).isEqualTo(spec.memberOptions(2));
  }

  @Test
  void withMembers_outOfRange_namesTheValue() {
    assertThatThrownBy(() -> GroupSpec.mysql().withMembers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    assertThatThrownBy(() -> GroupSpec.mysql().withMembers(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 10");
  }

  @Test
  void withVersion_malformed_isRejected() {
    assertThatThrownBy(() -> GroupSpec.mysql().withVersion("eight"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'eight'");
  }

  @Test
  void withServerOption_badName_isRejected() {
    assertThatThrownBy(() -> GroupSpec.mysql().withServerOption("x; rm -rf", "1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a server option name");
  }

  @Test
  void build_optionForMissingMember_isRejected() {
    assertThatThrownBy(() -> GroupSpec.mysql().withMembers(2).withMemberOption(2, "read_only", "ON").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("member 2");
  }

  @Test
  void withStartTimeout_notPositive_isRejected() {
    assertThatThrownBy(() -> GroupSpec.mysql().withStartTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("startTimeout");
  }
}
