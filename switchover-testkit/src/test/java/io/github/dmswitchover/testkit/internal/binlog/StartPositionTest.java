package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StartPositionTest {
  private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String B = "4e11fa47-71ca-11e1-9e33-c80aa9429562";

  @Test
  void parseMysql_serverText_keepsEveryInterval() {
    StartPosition.MysqlGtidSet set = StartPosition.parseMysql(B + ":1-3:7,\n" + A + ":5");
    assertThat(set.sids()).containsExactly(SidIntervals.of(UUID.fromString(A), 5, 5),
        new SidIntervals(UUID.fromString(B), List.of(new SidIntervals.Interval(1, 3), new SidIntervals.Interval(7, 7))));
    assertThat(set).hasToString(A + ":5," + B + ":1-3:7");
    assertThat(set.flavor()).isEqualTo(ServerFlavor.MYSQL);
  }

  @Test
  void parseMysql_overlappingAndAdjacentIntervalsAndRepeatedSids_areMerged() {
    assertThat(StartPosition.parseMysql(A + ":4-6:1-3, " + A + ":5-9:11"))
        .hasToString(A + ":1-9:11")
        .isEqualTo(StartPosition.parseMysql(A + ":1-9:11"));
  }

  @Test
  void parseMysql_emptyText_isTheEmptySet() {
    assertThat(StartPosition.parseMysql("").isEmpty()).isTrue();
    assertThat(StartPosition.parseMysql(" ,").isEmpty()).isTrue();
    assertThat(StartPosition.empty(ServerFlavor.MYSQL)).isEqualTo(StartPosition.parseMysql(""));
  }

  @Test
  void parseMysql_taggedGtids_asMysqlPrintsThem() {
    StartPosition.MysqlGtidSet set = StartPosition.parseMysql(A + ":1-4:abc:77:DM_Tag:1,\n" + B + ":zz:5");
    assertThat(set.sids()).containsExactly(SidIntervals.of(UUID.fromString(A), 1, 4),
        new SidIntervals(UUID.fromString(A), "abc", List.of(new SidIntervals.Interval(77, 77))),
        new SidIntervals(UUID.fromString(A), "dm_tag", List.of(new SidIntervals.Interval(1, 1))),
        new SidIntervals(UUID.fromString(B), "zz", List.of(new SidIntervals.Interval(5, 5))));
    assertThat(set.isTagged()).isTrue();
    assertThat(set).hasToString(A + ":1-4:abc:77:dm_tag:1," + B + ":zz:5");
    assertThat(StartPosition.parseMysql(set.toString())).isEqualTo(set);
  }

  @Test
  void parseMysql_tagsOfOneSidInAnyOrder_giveEqualSets() {
    assertThat(StartPosition.parseMysql(A + ":t:3:1-2," + A + ":5:t:4"))
        .isEqualTo(StartPosition.parseMysql(A + ":5,\n" + A + ":t:1-4"));
  }

  @Test
  void parseMysql_tagWithoutInterval_isRejected() {
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":1:dm")).hasMessageContaining("tag 'dm'")
        .hasMessageContaining("has no interval");
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":dm:other:1")).hasMessageContaining("has no interval");
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":a_tag_that_is_longer_than_32_chars:1"))
        .hasMessageContaining("neither an interval");
  }

  @Test
  void parseMysql_malformed_namesTheOffendingPart() {
    assertThatThrownBy(() -> StartPosition.parseMysql("not-a-uuid:1")).hasMessageContaining("'not-a-uuid'");
    assertThatThrownBy(() -> StartPosition.parseMysql(A)).hasMessageContaining("no interval");
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":0")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":5-3")).hasMessageContaining("5-3");
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":1:x-y")).hasMessageContaining("'x-y'");
    assertThatThrownBy(() -> new SidIntervals(UUID.fromString(A), "Upper", List.of(new SidIntervals.Interval(1, 1))))
        .hasMessageContaining("lowercase");
    assertThatThrownBy(() -> StartPosition.parseMysql(A + ":99999999999999999999")).hasMessageContaining("too large");
  }

  @Test
  void sidIntervals_nonCanonical_isRejected() {
    UUID sid = UUID.fromString(A);
    assertThatThrownBy(() -> new SidIntervals(sid, List.of(new SidIntervals.Interval(1, 5),
        new SidIntervals.Interval(6, 7)))).hasMessageContaining("not adjacent");
    assertThatThrownBy(() -> new SidIntervals(sid, List.of())).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> StartPosition.mysql(List.of(SidIntervals.of(sid, 1, 1), SidIntervals.of(sid, 3, 3))))
        .hasMessageContaining("appears twice");
    assertThat(StartPosition.mysql(List.of(SidIntervals.of(sid, 1, 1),
        new SidIntervals(sid, "t", List.of(new SidIntervals.Interval(1, 1))))).sids()).hasSize(2);
  }

  @Test
  void mariadb_validPositions_areKept() {
    assertThat(StartPosition.mariadb("0-1-10,1-2-5")).hasToString("0-1-10,1-2-5");
    assertThat(StartPosition.mariadb("0-4294967295-18446744073709551615").text())
        .isEqualTo("0-4294967295-18446744073709551615");
    assertThat(StartPosition.empty(ServerFlavor.MARIADB)).isEqualTo(StartPosition.mariadb(""));
  }

  @Test
  void mariadb_invalidPositions_areRejected() {
    assertThatThrownBy(() -> StartPosition.mariadb("0-1")).hasMessageContaining("'0-1'");
    assertThatThrownBy(() -> StartPosition.mariadb("0-1-1,0-2-3")).hasMessageContaining("domain 0 twice");
    assertThatThrownBy(() -> StartPosition.mariadb("0-1-1'; DROP TABLE x; --")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> StartPosition.mariadb("4294967296-1-1")).hasMessageContaining("32 bits");
    assertThatThrownBy(() -> StartPosition.mariadb("0-1-18446744073709551616")).hasMessageContaining("64 bits");
    assertThatThrownBy(() -> StartPosition.mariadb("0-1-1, 1-1-1")).isInstanceOf(IllegalArgumentException.class);
  }
}
