package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The example of README.md's gtid-core section, kept working. */
class ReadmeExampleTest {

  @Test
  void readmeExample_givesTheResultsTheReadmeShows() {
    GtidSet executed = GtidSet.parse("3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7,\n"
        + "3e11fa47-71ca-11e1-9e33-c80aa9429562:6:tag_a:1-2");
    GtidSet replicated = GtidSet.parse("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-3");

    assertThat(executed.toString()).isEqualTo("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-7:tag_a:1-2");
    assertThat(executed.subtract(replicated).count()).isEqualTo(6);
    assertThat(replicated.isSubsetOf(executed)).isTrue();

    GtidDifference missing = GtidDifference.of(executed, replicated);
    assertThat(missing.summary()).isEqualTo("6 transactions from 2 sources: "
        + "3e11fa47-71ca-11e1-9e33-c80aa9429562:4-7 (4), 3e11fa47-71ca-11e1-9e33-c80aa9429562:tag_a:1-2 (2)");

    MariadbGtidPosition pos = MariadbGtidPosition.parse("0-963-200,1-2-50");
    assertThat(pos.contains(MariadbGtidList.parse("0-1013-100"))).isTrue();
    assertThat(MariadbGtidList.parse("0-963-200,1-2-50")
        .containsPerDomainAndServer(MariadbGtidList.parse("0-1013-100"))).isFalse();
  }
}
