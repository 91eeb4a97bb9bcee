package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BinlogDumpRequestTest {

  private static BinlogDumpRequest.Builder valid() {
    return BinlogDumpRequest.builder(ServerFlavor.MYSQL).withAddress("127.0.0.1", 3306)
        .withCredentials("dm", "s3cr3t-Pa55");
  }

  @Test
  void builder_defaults() {
    BinlogDumpRequest r = valid().build();
    assertThat(r.replicaServerId()).isEqualTo(1);
    assertThat(r.startPosition()).isEqualTo(StartPosition.empty(ServerFlavor.MYSQL));
    assertThat(r.heartbeatPeriod()).isLessThan(r.readTimeout());
    assertThat(r.address()).isEqualTo("127.0.0.1:3306");
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void toString_masksThePassword() {
    BinlogDumpRequest r = valid().build();
    assertThat(r.toString()).doesNotContain("s3cr3t-Pa55").contains("password=****").contains("dm");
    assertThat(valid().withCredentials("dm", "").build().toString()).contains("password=(empty)");
  }

  @Test
  void readTimeout_notLongerThanHeartbeat_isRejected() {
    assertThatThrownBy(() -> valid().withHeartbeatPeriod(Duration.ofSeconds(30)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readTimeout (PT20S) must be longer than heartbeatPeriod (PT30S)");
  }

  @Test
  void settings_outOfRange_areRejectedNamingTheField() {
    assertThatThrownBy(() -> valid().withAddress(" ", 1)).hasMessageContaining("host");
    assertThatThrownBy(() -> valid().withAddress("h", 65_536)).hasMessageContaining("port must be between 1 and 65535, got 65536");
    assertThatThrownBy(() -> valid().withCredentials("", "x")).hasMessageContaining("user");
    assertThatThrownBy(() -> valid().withReplicaServerId(0)).hasMessageContaining("replicaServerId");
    assertThatThrownBy(() -> valid().withReplicaServerId(1L << 32)).hasMessageContaining("4294967296");
    assertThatThrownBy(() -> valid().withConnectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
    assertThatThrownBy(() -> valid().withReadTimeout(Duration.ofSeconds(-1))).hasMessageContaining("readTimeout");
    assertThatThrownBy(() -> valid().withHeartbeatPeriod(Duration.ofNanos(999))).hasMessageContaining("heartbeatPeriod");
    assertThatThrownBy(() -> valid().withStartPosition(StartPosition.mariadb("0-1-1")))
        .hasMessageContaining("MARIADB position");
  }

  @Test
  void build_withoutAddressOrUser_fails() {
    assertThatThrownBy(() -> BinlogDumpRequest.builder(ServerFlavor.MARIADB).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withAddress");
    assertThatThrownBy(() -> BinlogDumpRequest.builder(ServerFlavor.MARIADB).withAddress("h", 1).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withCredentials");
  }

  @Test
  void constructor_positionOfAnotherFlavor_isRejected() {
    assertThatThrownBy(() -> new BinlogDumpRequest("h", 1, "u", "", ServerFlavor.MARIADB, 1,
        StartPosition.empty(ServerFlavor.MYSQL), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("startPosition is a MYSQL position but flavor is MARIADB");
  }
}
