package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GtidSetBuilderTest {
  private static final UUID A = UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562");
  private static final UUID B = UUID.fromString("ffffffff-0000-0000-0000-000000000001");

  @Test
  void add_increasingGnosWithGaps_makesOneIntervalPerRun() {
    GtidSet.Builder b = GtidSet.builder();
    for (long g = 1; g <= 10_000; g++) {
      if (g % 1000 != 0) {
        b.add(A.getMostSignificantBits(), A.getLeastSignificantBits(), g);
      }
    }
    GtidSet set = b.build();
    assertThat(set.intervals(Tsid.of(A))).hasSize(10);
    assertThat(set.count()).isEqualTo(9_990);
  }

  @Test
  void add_interleavedSourcesAndTags_sortsOnBuild() {
    GtidSet set = GtidSet.builder().add(B, 2).add(A, "Tag", 5).add(A, 3).add(B, 1).add(A, "tag", 4).add(A, 1).build();
    assertThat(set.toString()).isEqualTo(A + ":1:3:tag:4-5,\n" + B + ":1-2");
  }

  @Test
  void addInterval_descendingOverlapping_mergesOnBuild() {
    GtidSet set = GtidSet.builder().addInterval(A, 90, 100).addInterval(A, 1, 10).addInterval(A, 5, 89)
        .addInterval(A, 200, 200).build();
    assertThat(set.toString()).isEqualTo(A + ":1-100:200");
  }

  @Test
  void build_calledTwice_snapshotsAndStaysUsable() {
    GtidSet.Builder b = GtidSet.builder().add(A, 1);
    GtidSet first = b.build();
    b.add(A, 2).add(A, "x", 1);
    assertThat(first.toString()).isEqualTo(A + ":1");
    assertThat(b.build().toString()).isEqualTo(A + ":1-2:x:1");
    assertThat(GtidSet.builder().build()).isSameAs(GtidSet.empty());
  }

  @Test
  void add_invalidArguments_failFast() {
    GtidSet.Builder b = GtidSet.builder();
    assertThatIllegalArgumentException().isThrownBy(() -> b.add(A, 0)).withMessageContaining("gno");
    assertThatIllegalArgumentException().isThrownBy(() -> b.add(A, Long.MAX_VALUE));
    assertThatIllegalArgumentException().isThrownBy(() -> b.addInterval(A, 5, 4)).withMessageContaining("start=5");
    assertThatIllegalArgumentException().isThrownBy(() -> b.add(A, "1tag", 1)).withMessageContaining("tag");
    assertThatIllegalArgumentException().isThrownBy(() -> b.add(A, "t".repeat(33), 1));
    assertThatIllegalArgumentException().isThrownBy(() -> b.add(A, "a-b", 1));
    assertThat(b.build().isEmpty()).isTrue();
  }

  @Test
  void unionAll_manySets_mergesAll() {
    GtidSet a = GtidSet.parse(A + ":1-3:10");
    GtidSet b = GtidSet.parse(A + ":4-5," + B + ":1");
    GtidSet c = GtidSet.parse(A + ":x:1:7," + B + ":2-9");
    assertThat(GtidSet.unionAll(List.of(a, b, c, GtidSet.empty())).toString())
        .isEqualTo(A + ":1-5:10:x:1:7,\n" + B + ":1-9");
    assertThat(GtidSet.unionAll(List.of())).isEqualTo(GtidSet.empty());
    assertThat(GtidSet.unionAll(List.of(a))).isSameAs(a);
  }

  @Test
  void count_pastLongMaxValue_throwsArithmeticException() {
    GtidSet huge = GtidSet.parse(A + ":1-9223372036854775806:x:1-2");
    org.assertj.core.api.Assertions.assertThatThrownBy(huge::count).isInstanceOf(ArithmeticException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GtidDifference.of(huge, GtidSet.empty()))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void tsidAndInterval_validateTheirArguments() {
    assertThat(new Tsid(A, "MiXed").tag()).isEqualTo("mixed");
    assertThat(new Tsid(A, "").isTagged()).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> new Tsid(A, "9"));
    assertThatIllegalArgumentException().isThrownBy(() -> new GtidInterval(0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> new GtidInterval(3, 2));
    assertThat(new GtidInterval(3, 3)).hasToString("3");
    assertThat(new GtidInterval(3, 5).count()).isEqualTo(3);
    assertThat(Tsid.of(B).compareTo(Tsid.of(A))).as("unsigned UUID order").isPositive();
    assertThat(new Tsid(A, "_").compareTo(new Tsid(A, "a"))).isNegative();
    assertThat(Tsid.of(A).compareTo(new Tsid(A, "_"))).isNegative();
  }

  @Test
  void contains_tagIsCaseInsensitiveAndValidated() {
    GtidSet set = GtidSet.parse(A + ":Tag_1:5");
    assertThat(set.contains(A, "TAG_1", 5)).isTrue();
    assertThat(set.contains(A, "", 5)).isFalse();
    assertThat(set.contains(A, 5)).isFalse();
    assertThatIllegalArgumentException().isThrownBy(() -> set.contains(A, "bad tag", 5));
  }
}
