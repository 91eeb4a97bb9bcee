package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.switchover.spi.Flavor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerVersionTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "9.7.4-2                           | MYSQL   | 9  | 7  | 4",
      "8.0.36                            | MYSQL   | 8  | 0  | 36",
      "5.7.44-log                        | MYSQL   | 5  | 7  | 44",
      "8.0.36-28                         | MYSQL   | 8  | 0  | 36",
      "26.10.0                           | MYSQL   | 26 | 10 | 0",
      "8.4                               | MYSQL   | 8  | 4  | 0",
      "10.11.19-MariaDB-0+deb12u1-log    | MARIADB | 10 | 11 | 19",
      "11.4.5-MariaDB-ubu2404-log        | MARIADB | 11 | 4  | 5",
      "5.5.5-10.11.6-MariaDB             | MARIADB | 10 | 11 | 6",
      "8.0.11-TiDB-v7.5.0                | MYSQL   | 8  | 0  | 11",
  })
  void parse_versionText_readsFlavorAndNumbers(String text, Flavor flavor, int major, int minor, int patch) {
    ServerVersion v = ServerVersion.parse(text);
    assertThat(v.flavor()).isEqualTo(flavor);
    assertThat(v.major()).isEqualTo(major);
    assertThat(v.minor()).isEqualTo(minor);
    assertThat(v.patch()).isEqualTo(patch);
    assertThat(v.text()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "MySQL", "v8.0.1", "8"})
  void parse_notAVersion_throwsNamingTheText(String text) {
    assertThatThrownBy(() -> ServerVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @CsvSource({"8.0.22, 8, 0, 22, true", "8.0.21, 8, 0, 22, false", "8.1.0, 8, 0, 22, true", "9.0.0, 8, 4, 0, true",
      "5.7.44, 8, 0, 0, false", "10.6.0, 10, 6, 1, false", "10.6.1, 10, 6, 1, true"})
  void atLeast_comparesMajorMinorPatch(String text, int major, int minor, int patch, boolean expected) {
    assertThat(ServerVersion.parse(text).atLeast(major, minor, patch)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"8.0.11-TiDB-v7.5.0, true", "8.0.36, false"})
  void isTidb_readsTheVersionText(String text, boolean tidb) {
    assertThat(ServerVersion.parse(text).isTidb()).isEqualTo(tidb);
  }
}
