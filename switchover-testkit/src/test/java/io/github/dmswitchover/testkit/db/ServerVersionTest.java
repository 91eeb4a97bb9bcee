package io.github.dmswitchover.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

  @Test
  void parse_mysqldVersionOutput_readsNumbers() {
    ServerVersion v = ServerVersion.parse(Flavor.MYSQL, "9.7.4-2 for Linux on x86_64 ((Debian))");
    assertThat(v.major()).isEqualTo(9);
    assertThat(v.minor()).isEqualTo(7);
    assertThat(v.patch()).isEqualTo(4);
    assertThat(v.majorMinor()).isEqualTo("9.7");
    assertThat(v).hasToString("MySQL 9.7.4");
  }

  @Test
  void parse_mariadbCompatibilityPrefix_isSkipped() {
    ServerVersion v = ServerVersion.parse(Flavor.MARIADB, "5.5.5-10.11.19-MariaDB-0+deb12u1-log");
    assertThat(v.majorMinor()).isEqualTo("10.11");
    assertThat(v.patch()).isEqualTo(19);
  }

  @Test
  void parse_noNumber_namesTheText() {
    assertThatThrownBy(() -> ServerVersion.parse(Flavor.MYSQL, "unknown"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'unknown'");
  }

  @Test
  void atLeast_comparesComponentsInOrder() {
    ServerVersion v = ServerVersion.parse(Flavor.MYSQL, "8.0.22");
    assertThat(v.atLeast(8, 0, 22)).isTrue();
    assertThat(v.atLeast(8, 0, 23)).isFalse();
    assertThat(v.atLeast(5, 7, 99)).isTrue();
    assertThat(v.atLeast(8, 1, 0)).isFalse();
  }

  @Test
  void matches_prefixes() {
    ServerVersion v = ServerVersion.parse(Flavor.MYSQL, "8.0.36");
    assertThat(v.matches("8")).isTrue();
    assertThat(v.matches("8.0")).isTrue();
    assertThat(v.matches("8.0.36")).isTrue();
    assertThat(v.matches("8.4")).isFalse();
    assertThat(v.matches("8.0.3")).isFalse();
    assertThat(v.matches("x")).isFalse();
  }

  @Test
  void compareTo_ordersNumerically() {
    assertThat(ServerVersion.parse(Flavor.MYSQL, "8.0.9")).isLessThan(ServerVersion.parse(Flavor.MYSQL, "8.0.10"));
  }
}
