package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialectTest {
  private static Dialect mysql(String v) {
    return Dialect.of(ServerVersion.parse(Flavor.MYSQL, v));
  }

  @Test
  void mysql84_usesReplicaKeywords() {
    Dialect d = mysql("8.4.3");
    assertThat(d.startReplica()).isEqualTo("START REPLICA");
    assertThat(d.showReplicaStatus()).isEqualTo("SHOW REPLICA STATUS");
    assertThat(d.resetReplicaAll()).isEqualTo("RESET REPLICA ALL");
    assertThat(d.changeSource("h", 3306, "u", "p'w", false))
        .startsWith("CHANGE REPLICATION SOURCE TO SOURCE_HOST='h', SOURCE_PORT=3306")
        .contains("SOURCE_PASSWORD='p''w'")
        .contains("SOURCE_AUTO_POSITION=1")
        .contains("GET_SOURCE_PUBLIC_KEY=1");
    assertThat(d.waitForExecuted("u:1-5", 10)).isEqualTo("SELECT WAIT_FOR_EXECUTED_GTID_SET('u:1-5', 10)");
  }

  @Test
  void mysql8022_hasReplicaKeywordsButOldChangeMaster() {
    Dialect d = mysql("8.0.22");
    assertThat(d.stopReplica()).isEqualTo("STOP REPLICA");
    assertThat(d.changeSource("h", 1, "u", "p", false))
        .startsWith("CHANGE MASTER TO").contains("MASTER_AUTO_POSITION=1").contains("GET_MASTER_PUBLIC_KEY=1");
  }

  @Test
  void mysql57_usesSlaveKeywords() {
    Dialect d = mysql("5.7.44");
    assertThat(d.startReplica()).isEqualTo("START SLAVE");
    assertThat(d.showReplicaStatus()).isEqualTo("SHOW SLAVE STATUS");
    assertThat(d.changeSource("h", 1, "u", "p", false)).doesNotContain("PUBLIC_KEY");
  }

  @Test
  void mariadb_usesGtidPositions() {
    Dialect d = Dialect.of(ServerVersion.parse(Flavor.MARIADB, "10.11.19-MariaDB"));
    assertThat(d.startReplica()).isEqualTo("START SLAVE");
    assertThat(d.changeSource("h", 1, "u", "p", false)).endsWith("MASTER_USE_GTID=slave_pos");
    assertThat(d.changeSource("h", 1, "u", "p", true)).endsWith("MASTER_USE_GTID=current_pos");
    assertThat(d.waitForExecuted("0-1-5", 3)).isEqualTo("SELECT MASTER_GTID_WAIT('0-1-5', 3)");
  }

  @Test
  void waitSucceeded_onlyOnZero() {
    assertThat(Dialect.waitSucceeded("0")).isTrue();
    assertThat(Dialect.waitSucceeded("1")).isFalse();
    assertThat(Dialect.waitSucceeded("-1")).isFalse();
    assertThat(Dialect.waitSucceeded(null)).isFalse();
  }
}
