package io.github.dmswitchover.testkit.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DmGtidSetTest {
  private static final String U1 = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String U2 = "143bdef3-dd4a-11ea-8b00-00155de45f57";

  @Test
  void parse_mysqlCanonicalTextWithNewlines_printsOneLineSortedAsDmDoes() {
    DmGtidSet s = DmGtidSet.parse(U1 + ":1-5:7,\n" + U2 + ":1-10", false);
    assertThat(s.toDmString()).isEqualTo(U2 + ":1-10," + U1 + ":1-5:7");
  }

  @Test
  void add_adjacentAndOverlapping_merge() {
    DmGtidSet s = DmGtidSet.parse(U1 + ":1-3:5", false);
    s.addMysql(UUID.fromString(U1), 4);
    assertThat(s.toDmString()).isEqualTo(U1 + ":1-5");
    s.addAll(DmGtidSet.parse(U1 + ":2-9", false));
    assertThat(s.toDmString()).isEqualTo(U1 + ":1-9");
  }

  @Test
  void parse_reversedIntervalDropped_andUpperCaseUuidLowered() {
    assertThat(DmGtidSet.parse(U1.toUpperCase() + ":5-3:8", false).toDmString()).isEqualTo(U1 + ":8");
  }

  @Test
  void parse_garbage_namesThePart() {
    assertThatThrownBy(() -> DmGtidSet.parse("nope:1", false)).hasMessageContaining("'nope:1'");
    assertThatThrownBy(() -> DmGtidSet.parse(U1 + ":x", false)).hasMessageContaining("'x'");
    assertThatThrownBy(() -> DmGtidSet.parse("1-2", true)).hasMessageContaining("'1-2'");
  }

  @Test
  void contains_mysqlSubset() {
    DmGtidSet big = DmGtidSet.parse(U1 + ":1-10", false);
    assertThat(big.contains(DmGtidSet.parse(U1 + ":3-7", false))).isTrue();
    assertThat(big.contains(DmGtidSet.parse(U1 + ":3-11", false))).isFalse();
    assertThat(big.contains(DmGtidSet.parse(U2 + ":1", false))).isFalse();
    assertThat(big.contains(DmGtidSet.empty(false))).isTrue();
  }

  @Test
  void mariadb_keepsOneGtidPerDomainAndServer_printsSortedAsStrings() {
    DmGtidSet s = DmGtidSet.parse("0-1-10,10-1-3,2-2-5", true);
    s.addMariadb(0, 2, 11);
    s.addMariadb(0, 1, 9);
    assertThat(s.toDmString()).isEqualTo("0-1-10,0-2-11,10-1-3,2-2-5");
    assertThat(s.toMariadbPosition()).isEqualTo("0-2-11,2-2-5,10-1-3");
  }

  @Test
  void mariadb_containsIsDmsDomainAndServerRule() {
    DmGtidSet dm = DmGtidSet.parse("0-963-200", true);
    assertThat(dm.contains(DmGtidSet.parse("0-963-150", true))).isTrue();
    // go-mysql 1.8–1.14 (DM) compares per (domain, server): 0-1013-100 is not contained (GTID-FACTS 1c).
    assertThat(dm.contains(DmGtidSet.parse("0-1013-100", true))).isFalse();
  }
}
