package io.github.dmswitchover.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtid;
import io.github.dmswitchover.gtid.MariadbGtidList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DmGtidsTest {
  private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final String B = "f47ac10b-58cc-4372-a567-0e02b2c3d479";

  @Test
  void parse_dmsOneLineMysqlSet_isMysqlWithRawKept() {
    String raw = A + ":1-5:7," + B + ":1-3";
    DmGtids g = DmGtids.parse(raw);
    assertThat(g).isInstanceOf(DmGtids.Mysql.class);
    assertThat(g.raw()).isEqualTo(raw);
    assertThat(g.mysql().orElseThrow().count()).isEqualTo(9);
    assertThat(g.mariadb()).isEmpty();
  }

  @Test
  void parse_mysqlsMultiLineText_isTheSameSet() {
    DmGtids oneLine = DmGtids.parse(A + ":1-5," + B + ":1-3");
    DmGtids printed = DmGtids.parse(A + ":1-5,\n" + B + ":1-3");
    assertThat(printed.mysql()).isEqualTo(oneLine.mysql());
  }

  @Test
  void parse_taggedGtids_keepTheTag() {
    GtidSet set = DmGtids.parse(A + ":1-3:tag_a:1-2").mysql().orElseThrow();
    assertThat(set.contains(UUID.fromString(A), "tag_a", 2)).isTrue();
    assertThat(set.count()).isEqualTo(5);
  }

  @Test
  void parse_mariadbWithSeveralGtidsPerDomain_isAList() {
    DmGtids g = DmGtids.parse("0-1-10,0-2-5,1-1-3");
    assertThat(g).isInstanceOf(DmGtids.Mariadb.class);
    MariadbGtidList list = g.mariadb().orElseThrow();
    assertThat(list.gtids()).containsExactly(new MariadbGtid(0, 1, 10), new MariadbGtid(0, 2, 5), new MariadbGtid(1, 1, 3));
    assertThat(g.mysql()).isEmpty();
  }

  @Test
  void parse_emptyOrBlank_isEmpty() {
    assertThat(DmGtids.parse("")).isEqualTo(new DmGtids.Empty(""));
    assertThat(DmGtids.parse("  ").isEmpty()).isTrue();
  }

  @Test
  void parse_placeholderOrBrokenSet_isUnparsableWithReason_neverASet() {
    DmGtids placeholder = DmGtids.parse("string");
    assertThat(placeholder).isInstanceOf(DmGtids.Unparsable.class);
    assertThat(((DmGtids.Unparsable) placeholder).reason()).contains("neither");
    DmGtids broken = DmGtids.parse(A + ":5-x");
    assertThat(broken).isInstanceOf(DmGtids.Unparsable.class);
    assertThat(broken.raw()).isEqualTo(A + ":5-x");
    assertThat(DmGtids.parse("0-1").mariadb()).isEmpty();
  }

  @Test
  void parse_withKnownFlavor_refusesTheOtherFlavor() {
    assertThat(DmGtids.parse("0-1-10", false)).isInstanceOf(DmGtids.Unparsable.class);
    assertThat(DmGtids.parse(A + ":1", true)).isInstanceOf(DmGtids.Unparsable.class);
    assertThat(DmGtids.parse("0-1-10", true)).isInstanceOf(DmGtids.Mariadb.class);
    assertThat(DmGtids.parse("", true)).isInstanceOf(DmGtids.Empty.class);
  }
}
