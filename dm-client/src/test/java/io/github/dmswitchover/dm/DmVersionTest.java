package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DmVersionTest {
  @Test
  void parseStatus_readsTheReleaseLine_andKeepsTheText() {
    String status = "Release Version: v8.5.7\nGit Commit Hash: abc\nGit Branch: heads/refs/tags/v8.5.7\n"
        + "UTC Build Time: 2026-01-01 00:00:00\nGo Version: go version go1.23.12 linux/amd64\nFailpoint Build: false\n";
    DmVersion v = DmVersion.parseStatus(status);
    assertThat(v.major()).isEqualTo(8);
    assertThat(v.minor()).isEqualTo(5);
    assertThat(v.patch()).isEqualTo(7);
    assertThat(v.suffix()).isEmpty();
    assertThat(v.text()).isEqualTo("v8.5.7");
    assertThat(v.statusText()).isEqualTo(status);
    assertThat(v.atLeast(8, 5, 7)).isTrue();
    assertThat(v.atLeast(8, 5, 8)).isFalse();
    assertThat(v.atLeast(6, 9, 9)).isTrue();
  }

  @Test
  void parse_suffixes() {
    assertThat(DmVersion.parse("v2.0.0-rc.2").suffix()).isEqualTo("-rc.2");
    assertThat(DmVersion.parse("v1.0.7").atLeast(2, 0, 0)).isFalse();
    assertThat(DmVersion.parse("v26.3.0-nightly").isDevelopmentBuild()).isTrue();
    assertThat(DmVersion.parse("v26.3.0-12-g8d7a4c46").isDevelopmentBuild()).isTrue();
    assertThat(DmVersion.parse("v9.0.0-beta.1").isDevelopmentBuild()).isFalse();
  }

  @Test
  void keepMeta_onlyWhereKnownToExist() {
    assertThat(DmVersion.parse("v8.5.7").hasDeleteKeepMeta()).isFalse();
    assertThat(DmVersion.parse("v26.3.0").hasDeleteKeepMeta()).isFalse();
    assertThat(DmVersion.parse("v26.3.1").hasDeleteKeepMeta()).isFalse();
    assertThat(DmVersion.parse("v26.3.0-nightly").hasDeleteKeepMeta()).isTrue();
    assertThat(DmVersion.parse("v26.4.0").hasDeleteKeepMeta()).isTrue();
  }

  @Test
  void parseStatus_withoutAVersion_isADecodeError() {
    assertThatThrownBy(() -> DmVersion.parseStatus("Release Version: None\n")).isInstanceOf(DmDecodeException.class)
        .hasMessageContaining("None");
    assertThatThrownBy(() -> DmVersion.parseStatus("<html>")).isInstanceOf(DmDecodeException.class)
        .hasMessageContaining("Release Version");
    assertThatThrownBy(() -> DmVersion.parse("eight")).isInstanceOf(IllegalArgumentException.class);
  }
}
