package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtidDifferenceTest {
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

  @Test
  void summary_twoSources_namesTotalsAndEntries() {
    GtidDifference d = GtidDifference.of(GtidSet.parse(U + ":1-10:tag_a:1-2"), GtidSet.parse(U + ":6-10"));
    assertThat(d.summary()).isEqualTo("7 transactions from 2 sources: " + U + ":1-5 (5), " + U + ":tag_a:1-2 (2)");
    assertThat(d.total()).isEqualTo(7);
    assertThat(d.entries()).extracting(GtidDifference.Entry::transactions).containsExactly(5L, 2L);
    assertThat(d.entries().get(1).tsid()).isEqualTo(new Tsid(java.util.UUID.fromString(U), "tag_a"));
  }

  @Test
  void summary_empty_saysNoTransactions() {
    GtidDifference d = GtidDifference.of(GtidSet.parse(U + ":1-3"), GtidSet.parse(U + ":1-5"));
    assertThat(d.isEmpty()).isTrue();
    assertThat(d.summary()).isEqualTo("no transactions");
    assertThat(d.entries()).isEmpty();
    assertThat(d.total()).isZero();
  }

  @Test
  void summary_singleTransaction_isSingular() {
    assertThat(GtidDifference.of(GtidSet.parse(U + ":1"), GtidSet.empty()).summary())
        .isEqualTo("1 transaction from 1 source: " + U + ":1 (1)");
  }

  @Test
  void summary_manySourcesAndIntervals_abbreviates() {
    StringBuilder text = new StringBuilder(U + ":1:3:5:7:9:11");
    for (int i = 0; i < 7; i++) {
      text.append(":t").append(i).append(":1");
    }
    GtidDifference d = GtidDifference.of(GtidSet.parse(text), GtidSet.empty());
    assertThat(d.summary()).isEqualTo("13 transactions from 8 sources: " + U + ":1:3:5:7:... (6), "
        + U + ":t0:1 (1), " + U + ":t1:1 (1), " + U + ":t2:1 (1), " + U + ":t3:1 (1) and 3 more");
    assertThat(d.summary().length()).isLessThan(300);
  }

  @Test
  void equals_sameDifference_isEqual() {
    GtidDifference a = GtidDifference.of(GtidSet.parse(U + ":1-5"), GtidSet.parse(U + ":2"));
    GtidDifference b = GtidDifference.of(GtidSet.parse(U + ":1:3-9"), GtidSet.parse(U + ":6-9"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString(a.summary());
  }
}
