package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GtidTextTest {

  @Test
  void abbreviate_shortSet_isItsCompactText() {
    GtidSet s = GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:7");
    assertThat(GtidText.abbreviate(s)).isEqualTo(s.toCompactString());
  }

  @Test
  void abbreviate_manyUuids_keepsWholeEntriesAndCountsTheRest() {
    String text = IntStream.range(0, 50).mapToObj(i -> new UUID(0x3e11fa4771ca11e1L, i + 1L) + ":1-" + (i + 10))
        .collect(Collectors.joining(","));
    GtidSet s = GtidSet.parse(text);
    String a = GtidText.abbreviate(s);
    assertThat(a.length()).isLessThan(GtidText.MAX_LENGTH + 60);
    assertThat(a).matches(".*:1-\\d+ … and \\d+ more UUIDs \\(\\d+ GTIDs in all\\)");
    assertThat(a).endsWith("(" + s.count() + " GTIDs in all)");
  }

  @Test
  void abbreviate_mariadb_cutsAfterTheLimit() {
    String text = IntStream.range(0, 60).mapToObj(i -> i + "-1-" + (i * 1000)).collect(Collectors.joining(","));
    String a = GtidText.abbreviate(MariadbGtidList.parse(text).gtids());
    assertThat(a).startsWith("0-1-0,1-1-1000,").matches(".* … and \\d+ more");
    assertThat(GtidText.abbreviate(MariadbGtidList.parse("0-1-5,1-2-3").gtids())).isEqualTo("0-1-5,1-2-3");
  }
}
