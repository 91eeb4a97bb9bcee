package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The algebra first reserves room for the usual outcome (union: the larger set; subtract: the
 * first set; intersection: the smaller set) and grows when a result is bigger. These cases make
 * every result bigger than that first guess, at every place where the merges write, once with
 * GNOs that sets keep in 32 bits and once with GNOs above 2<sup>40</sup>, which take the merges
 * over {@code long} bounds.
 */
class AlgebraSizingTest {
  private static final UUID U1 = UUID.fromString("11111111-1111-1111-1111-111111111111");
  private static final UUID U2 = UUID.fromString("22222222-2222-2222-2222-222222222222");

  /** {@code count} intervals {@code [first + k*step, first + k*step + length - 1]} of {@code uuid}. */
  private static GtidSet.Builder intervals(GtidSet.Builder b, UUID uuid, long first, int count, long step, long length) {
    for (int k = 0; k < count; k++) {
      b.addInterval(uuid, first + k * step, first + k * step + length - 1);
    }
    return b;
  }

  private static GtidSet intervals(UUID uuid, long first, int count, long step, long length) {
    return intervals(GtidSet.builder(), uuid, first, count, step, length).build();
  }

  private static GtidSet checked(GtidSet s, long base) {
    assertThat(s.narrow != null).as("bounds in 32 bits").isEqualTo(base == 0);
    return s;
  }

  @ParameterizedTest(name = "GNOs from {0}")
  @ValueSource(longs = {0, 1L << 40})
  void union_ofInterleavedDisjointSets_hasAllIntervalsOfBoth(long base) {
    for (int n : new int[] {1, 2, 3, 7, 100, 1000}) {
      GtidSet a = intervals(U1, base + 1, n, 10, 3);
      GtidSet b = intervals(U1, base + 5, n, 10, 3);
      GtidSet u = checked(a.union(b), base);
      assertThat(u.count()).isEqualTo(a.count() + b.count());
      assertThat(a.isSubsetOf(u) && b.isSubsetOf(u)).isTrue();
      assertThat(u.subtract(a)).isEqualTo(b);
      // One more TSID on each side, so that whole TSIDs are copied around the merged one.
      GtidSet a2 = a.union(intervals(U2, base + 1, n, 4, 1));
      GtidSet b2 = b.union(intervals(U2, base + 3, n, 4, 1));
      assertThat(a2.union(b2).count()).isEqualTo(a2.count() + b2.count());
      // The tail of the longer list is copied after the last merged interval.
      GtidSet tail = intervals(U1, base + 1, 2 * n, 10, 3);
      assertThat(tail.union(b).count()).isEqualTo(tail.count() + b.count());
    }
  }

  @ParameterizedTest(name = "GNOs from {0}")
  @ValueSource(longs = {0, 1L << 40})
  void subtract_ofManySmallHoles_splitsOneIntervalIntoMany(long base) {
    for (int n : new int[] {1, 2, 3, 7, 100, 1000}) {
      GtidSet a = intervals(U1, base + 1, 1, 1, 10L * n + 10);
      GtidSet holes = intervals(U1, base + 5, n, 10, 2);
      GtidSet d = checked(a.subtract(holes), base);
      assertThat(d.count()).isEqualTo(a.count() - holes.count());
      assertThat(d.intersects(holes)).isFalse();
      assertThat(d.union(holes)).isEqualTo(a);
      // After the split interval, intervals of a that no hole touches are copied as they are.
      GtidSet untouched = intervals(U1, base + 100L * n + 100, 3, 10, 2);
      assertThat(a.union(untouched).subtract(holes)).isEqualTo(d.union(untouched));
      // Holes at both ends as well, so the last piece is written after the loop, and several
      // intervals of a, each split.
      GtidSet many = intervals(U1, base + 1, 3, 20L * n, 10L * n + 10);
      GtidSet moreHoles = intervals(U1, base + 1, 6 * n, 5, 2);
      assertThat(many.subtract(moreHoles).union(many.intersection(moreHoles))).isEqualTo(many);
    }
  }

  @ParameterizedTest(name = "GNOs from {0}")
  @ValueSource(longs = {0, 1L << 40})
  void intersection_ofOneLongIntervalWithManyShort_isTheManyShort(long base) {
    for (int n : new int[] {1, 2, 3, 7, 100, 1000}) {
      GtidSet a = intervals(U1, base + 1, 1, 1, 10L * n + 10);
      GtidSet b = intervals(U1, base + 5, n, 10, 2);
      assertThat(checked(a.intersection(b), base)).isEqualTo(b);
      assertThat(b.intersection(a)).isEqualTo(b);
    }
  }
}
