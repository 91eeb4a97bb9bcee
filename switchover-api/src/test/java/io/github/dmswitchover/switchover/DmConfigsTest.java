package io.github.dmswitchover.switchover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DmConfigsTest {
  static final String SOURCE = """
      source-id: mysql-replica-01
      enable-gtid: true
      enable-relay: false
      server-id: 429400101
      from:
        host: 10.0.0.1
        port: 3306
        user: dm
        password: '******'
      checker:
        check-enable: true
      """;

  static final String TASK = """
      name: orders
      task-mode: all
      target-database:
        host: tidb
        port: 4000
        user: root
        password: "******"
      mysql-instances:
        - source-id: mysql-replica-01
      """;

  @Test
  void withAddress_changesOnlyTheAddressAndPassword() {
    String out = DmConfigs.withAddress(SOURCE, "10.0.0.2", 3307, Optional.of("pw"), "DM's source configuration");
    DmConfigs.SourceFields f = DmConfigs.sourceFields(out, "x");
    assertThat(f.host()).contains("10.0.0.2");
    assertThat(f.port()).contains(3307);
    assertThat(f.serverId()).hasValue(429400101L);
    assertThat(f.enableGtid()).contains(true);
    assertThat(DmConfigs.passwords(out)).containsExactly("pw");
    assertThat(out).contains("check-enable: true");
  }

  @Test
  void maskedPasswords_areFound_andReplaced() {
    assertThat(DmConfigs.maskedPasswords(TASK, "task orders")).containsExactly("target-database.password");
    String filled = DmConfigs.withPassword(TASK, "tidb-pw", "task orders");
    assertThat(DmConfigs.maskedPasswords(filled, "task orders")).isEmpty();
    assertThat(DmConfigs.passwords(filled)).containsExactly("tidb-pw");
    String masked = DmConfigs.masked(filled, "task orders");
    assertThat(masked).doesNotContain("tidb-pw");
    assertThat(DmConfigs.maskedPasswords(masked, "x")).containsExactly("target-database.password");
  }

  @Test
  void compareSource_namesEveryFieldThatDiffers() {
    DmSnapshot.SourceInfo current = new DmSnapshot.SourceInfo("mysql-replica-01", Optional.of("10.0.0.1"), OptionalInt.of(3306),
        Optional.of("dm"), true, false, Optional.of("w1"), true, OptionalLong.of(429400101L), Optional.of("mysql"));
    String next = SOURCE.replace("mysql-replica-01", "other").replace("enable-gtid: true", "enable-gtid: false")
        .replace("429400101", "7");
    assertThat(DmConfigs.compareSource(DmConfigs.sourceFields(next, "n"), current, "10.0.0.2", 3306))
        .anyMatch(p -> p.startsWith("source-id is 'other'"))
        .anyMatch(p -> p.startsWith("from.host/from.port is 10.0.0.1:3306, the new address is 10.0.0.2:3306"))
        .anyMatch(p -> p.startsWith("enable-gtid is false"))
        .anyMatch(p -> p.startsWith("server-id is 7"));
    String good = DmConfigs.withAddress(SOURCE, "10.0.0.2", 3306, Optional.of("pw"), "x");
    assertThat(DmConfigs.compareSource(DmConfigs.sourceFields(good, "n"), current, "10.0.0.2", 3306)).isEmpty();
  }

  @Test
  void badYaml_namesWhatAndWhere() {
    assertThatThrownBy(() -> DmConfigs.parse("a: [1,\nb: c", "the new source configuration"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the new source configuration is not valid YAML at line");
    assertThatThrownBy(() -> DmConfigs.parse("- a\n- b", "task orders"))
        .hasMessage("task orders must be a YAML mapping, got ARRAY");
  }
}
