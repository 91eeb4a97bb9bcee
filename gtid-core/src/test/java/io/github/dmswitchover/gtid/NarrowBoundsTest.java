package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Sets keep their bounds in 32 bits when every bound is at most {@link GtidSet#NARROW_MAX}
 * (2<sup>31</sup>&minus;2), else in 64. These cases sit on that line and mix the two kinds in
 * every operation; the seeded model tests do the same at random.
 */
class NarrowBoundsTest {
  private static final String U = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
  private static final UUID UUID_U = UUID.fromString(U);
  private static final long MAX = GtidSet.NARROW_MAX;

  private static GtidSet set(String intervals) {
    return GtidSet.parse(U + ":" + intervals);
  }

  private static boolean narrow(GtidSet s) {
    assertThat(s.narrow == null).as("exactly one bounds array").isNotEqualTo(s.bounds == null);
    return s.narrow != null;
  }

  @Test
  void theLastBoundDecides_atTheLine() {
    assertThat(narrow(set("1-" + MAX))).isTrue();
    assertThat(narrow(set("1-" + (MAX + 1)))).isFalse();
    assertThat(narrow(set(String.valueOf(MAX + 1)))).isFalse();
    assertThat(narrow(set("5:" + MAX))).isTrue();
    assertThat(narrow(GtidSet.parse(U + ":1-3,4e11fa47-71ca-11e1-9e33-c80aa9429562:" + (MAX + 1)))).isFalse();
    assertThat(narrow(GtidSet.empty())).isTrue();
    GtidSet wide = set("1-" + GtidSet.MAX_GNO);
    assertThat(wide.count()).isEqualTo(GtidSet.MAX_GNO);
    assertThat(wide.toString()).isEqualTo(U + ":1-" + GtidSet.MAX_GNO);
    GtidSet edge = set("1-" + MAX);
    assertThat(edge.count()).isEqualTo(MAX);
    assertThat(edge.contains(UUID_U, MAX)).isTrue();
    assertThat(edge.contains(UUID_U, MAX + 1)).isFalse();
    assertThat(edge.toString()).isEqualTo(U + ":1-" + MAX);
  }

  @Test
  void mixedOperations_giveCanonicalResults() {
    GtidSet small = set("1-10");
    GtidSet big = set("5-" + (MAX + 3));
    assertThat(small.union(big)).isEqualTo(set("1-" + (MAX + 3)));
    assertThat(narrow(small.union(big))).isFalse();
    assertThat(small.subtract(big)).isEqualTo(set("1-4"));
    assertThat(narrow(small.subtract(big))).isTrue();
    assertThat(small.intersection(big)).isEqualTo(set("5-10"));
    assertThat(narrow(small.intersection(big))).isTrue();
    // Wide minus wide can be narrow again, and then equals the parsed set, hash code included.
    GtidSet back = big.subtract(set((MAX + 1) + "-" + (MAX + 3)));
    assertThat(narrow(back)).isTrue();
    assertThat(back).isEqualTo(set("5-" + MAX));
    assertThat(back.hashCode()).isEqualTo(set("5-" + MAX).hashCode());
    assertThat(GtidSet.unionAll(List.of(small, big, set("20-30")))).isEqualTo(set("1-" + (MAX + 3)));
    assertThat(narrow(GtidSet.unionAll(List.of(small, set("20-30"))))).isTrue();
  }

  @Test
  void mixedComparisons() {
    GtidSet small = set("1-10");
    GtidSet big = set("5-" + (MAX + 3));
    assertThat(set("5-6").isSubsetOf(big)).isTrue();
    assertThat(set("5-6:8").isSubsetOf(big)).isTrue();
    assertThat(small.isSubsetOf(big)).isFalse();
    assertThat(big.isSubsetOf(small)).isFalse();
    assertThat(big.isSubsetOf(set("1-" + MAX))).isFalse();
    assertThat(small.intersects(big)).isTrue();
    assertThat(big.intersects(small)).isTrue();
    assertThat(set("1-4").intersects(big)).isFalse();
    // Nothing removed: the very same instance comes back, whichever way the other keeps bounds.
    GtidSet far = set(String.valueOf(MAX + 100));
    assertThat(small.subtract(far)).isSameAs(small);
    assertThat(far.subtract(small)).isSameAs(far);
  }

  @Test
  void builder_crossesTheLine() {
    GtidSet.Builder b = GtidSet.builder();
    b.add(UUID_U, MAX - 1).add(UUID_U, MAX);
    GtidSet before = b.build();
    assertThat(narrow(before)).isTrue();
    b.add(UUID_U, MAX + 1);
    GtidSet after = b.build();
    assertThat(narrow(after)).isFalse();
    assertThat(after).isEqualTo(set((MAX - 1) + "-" + (MAX + 1)));
    assertThat(before).isEqualTo(set((MAX - 1) + "-" + MAX));
  }

  /**
   * The parser writes {@code int} bounds until the first GNO above the line and then widens; each
   * place that can meet that GNO first (a new interval, a raised end, a new TSID, text long enough
   * for the reused work arrays, out-of-order text after widening) must give the builder's set.
   */
  @Test
  void parser_widensWhereTheFirstLargeGnoArrives() {
    String v = "4e11fa47-71ca-11e1-9e33-c80aa9429562";
    UUID uuidV = UUID.fromString(v);
    assertParsedAs(U + ":1-5:" + (MAX + 1) + "-" + (MAX + 9),
        b -> b.addInterval(UUID_U, 1, 5).addInterval(UUID_U, MAX + 1, MAX + 9));
    assertParsedAs(U + ":1-5:" + (MAX - 2) + ":" + (MAX + 1),
        b -> b.addInterval(UUID_U, 1, 5).addInterval(UUID_U, MAX - 2, MAX - 2).addInterval(UUID_U, MAX + 1, MAX + 1));
    assertParsedAs(U + ":1-5:3-" + (MAX + 1),
        b -> b.addInterval(UUID_U, 1, MAX + 1));
    assertParsedAs(U + ":1-5:3-4:6-" + MAX,
        b -> b.addInterval(UUID_U, 1, MAX));
    assertParsedAs(U + ":1-5," + v + ":7-" + (MAX + 2),
        b -> b.addInterval(UUID_U, 1, 5).addInterval(uuidV, 7, MAX + 2));
    assertParsedAs(U + ":" + (MAX + 5) + ":1-3:" + MAX,
        b -> b.addInterval(UUID_U, 1, 3).addInterval(UUID_U, MAX, MAX).addInterval(UUID_U, MAX + 5, MAX + 5));
    // Long text (about 150 intervals on each side of the line) goes through the reused work arrays;
    // long narrow text parsed after it must still come out narrow and right.
    StringBuilder wideText = new StringBuilder(U);
    StringBuilder narrowText = new StringBuilder(U);
    GtidSet.Builder wide = GtidSet.builder();
    GtidSet.Builder narrow = GtidSet.builder();
    for (long k = 0; k < 300; k++) {
      long s = MAX - 1_500 + 10 * k;
      wideText.append(':').append(s).append('-').append(s + 3);
      wide.addInterval(UUID_U, s, s + 3);
      narrowText.append(':').append(s - 3_000).append('-').append(s - 2_997);
      narrow.addInterval(UUID_U, s - 3_000, s - 2_997);
    }
    assertThat(wideText.length()).isGreaterThan(1024);
    assertThat(narrowText.length()).isGreaterThan(1024);
    for (int round = 0; round < 3; round++) {
      GtidSet w = GtidSet.parse(wideText);
      assertThat(narrow(w)).isFalse();
      assertThat(w).isEqualTo(wide.build());
      GtidSet n = GtidSet.parse(narrowText.toString());
      assertThat(narrow(n)).isTrue();
      assertThat(n).isEqualTo(narrow.build());
    }
  }

  private static void assertParsedAs(String text, java.util.function.Consumer<GtidSet.Builder> build) {
    GtidSet.Builder b = GtidSet.builder();
    build.accept(b);
    GtidSet expected = b.build();
    GtidSet parsed = GtidSet.parse(text);
    assertThat(parsed).as(text).isEqualTo(expected);
    assertThat(parsed.hashCode()).as(text).isEqualTo(expected.hashCode());
    assertThat(narrow(parsed)).as(text).isEqualTo(narrow(expected));
  }
}
