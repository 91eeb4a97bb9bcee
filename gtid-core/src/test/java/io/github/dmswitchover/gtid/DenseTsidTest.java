package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * TSIDs with many intervals packed into few GNOs are also held as bitmaps ({@link Dense}). The
 * model tests use small sets, which never qualify, so these seeded random tests build large ones
 * and check every operation, on sets as parsed or built and on the results of earlier merges,
 * against a reference of one {@link BitSet} per TSID. They also check that every set keeps a
 * bitmap exactly for the TSIDs that qualify. A failure names the seed, the case and the inputs.
 */
class DenseTsidTest {
  private static final int CASES = Seeds.iterations(1500) / 10;
  private static final long MAX = GtidSet.NARROW_MAX;
  private static final UUID[] UUIDS = {
    UUID.fromString("3e11fa47-71ca-11e1-9e33-c80aa9429562"),
    UUID.fromString("8e11fa47-71ca-11e1-9e33-c80aa9429562"),
    UUID.fromString("fe11fa47-71ca-11e1-9e33-c80aa9429562"),
  };
  private static final String[] TAGS = {"", "", "tag_a"};

  /** A TSID of the reference, with the GNO of bit 0 of its bitmaps. */
  record Key(UUID uuid, String tag, long base) {}

  /** The reference: per TSID, bit {@code i} is the GNO {@code key.base + i}. */
  static final class Ref {
    final Map<Key, BitSet> map = new LinkedHashMap<>();

    BitSet of(Key k) {
      return map.getOrDefault(k, new BitSet());
    }

    long count() {
      return map.values().stream().mapToLong(BitSet::cardinality).sum();
    }

    Ref combine(Ref o, char op) {
      Ref out = new Ref();
      for (Key k : keys(o)) {
        BitSet b = (BitSet) of(k).clone();
        switch (op) {
          case '|' -> b.or(o.of(k));
          case '-' -> b.andNot(o.of(k));
          default -> b.and(o.of(k));
        }
        out.map.put(k, b);
      }
      return out;
    }

    boolean isSubsetOf(Ref o) {
      return combine(o, '-').count() == 0;
    }

    boolean intersects(Ref o) {
      return combine(o, '&').count() > 0;
    }

    private List<Key> keys(Ref o) {
      List<Key> all = new ArrayList<>(map.keySet());
      for (Key k : o.map.keySet()) {
        if (!all.contains(k)) {
          all.add(k);
        }
      }
      return all;
    }

    /** Builds the set, through the parser or the builder. */
    GtidSet toSet(boolean parse) {
      if (parse) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Key, BitSet> e : map.entrySet()) {
          Key k = e.getKey();
          sb.append(k.uuid());
          if (!k.tag().isEmpty()) {
            sb.append(':').append(k.tag());
          }
          BitSet b = e.getValue();
          for (int s = b.nextSetBit(0); s >= 0; s = b.nextSetBit(b.nextClearBit(s))) {
            long end = k.base() + b.nextClearBit(s) - 1;
            sb.append(':').append(k.base() + s);
            if (end > k.base() + s) {
              sb.append('-').append(end);
            }
          }
          sb.append(',');
        }
        return GtidSet.parse(sb);
      }
      GtidSet.Builder builder = GtidSet.builder();
      for (Map.Entry<Key, BitSet> e : map.entrySet()) {
        Key k = e.getKey();
        BitSet b = e.getValue();
        for (int s = b.nextSetBit(0); s >= 0; s = b.nextSetBit(b.nextClearBit(s))) {
          builder.addInterval(k.uuid(), k.tag(), k.base() + s, k.base() + b.nextClearBit(s) - 1);
        }
      }
      return builder.build();
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      map.forEach((k, b) -> sb.append(k).append(" cardinality ").append(b.cardinality())
          .append(" in [").append(b.nextSetBit(0)).append(", ").append(b.length()).append(") "));
      return sb.toString();
    }
  }

  /** The TSIDs of one case, each with its span of GNOs. */
  private static Map<Key, Integer> keys(Random r) {
    Map<Key, Integer> keys = new LinkedHashMap<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      int span = 20_000 + r.nextInt(280_000);
      long base = switch (r.nextInt(8)) {
        case 0 -> 1;
        case 1 -> 64 + r.nextInt(64);
        case 2 -> MAX - span + 1; // ends at the int line at most
        case 3 -> MAX - span + 1 + r.nextInt(200); // may cross it: the set keeps long bounds
        default -> 1 + r.nextInt(50_000_000);
      };
      Key key = new Key(UUIDS[r.nextInt(UUIDS.length)], TAGS[r.nextInt(TAGS.length)], base);
      if (keys.keySet().stream().noneMatch(k -> k.uuid().equals(key.uuid()) && k.tag().equals(key.tag()))) {
        keys.put(key, span);
      }
    }
    return keys;
  }

  private static Ref random(Random r, Map<Key, Integer> keys) {
    Ref ref = new Ref();
    keys.forEach((k, span) -> {
      BitSet b = new BitSet(span);
      fill(r, b, span);
      if (!b.isEmpty()) {
        ref.map.put(k, b);
      }
    });
    return ref;
  }

  /** A set that overlaps {@code base} a lot: the same bits with many small changes, sometimes more. */
  private static Ref related(Random r, Ref base, Map<Key, Integer> keys) {
    Ref ref = new Ref();
    keys.forEach((k, span) -> {
      BitSet b = (BitSet) base.of(k).clone();
      int changes = r.nextInt(4) == 0 ? r.nextInt(5) : r.nextInt(span / 8);
      for (int i = 0; i < changes; i++) {
        int at = r.nextInt(span);
        int len = 1 + r.nextInt(r.nextInt(8) == 0 ? 2_000 : 6);
        b.set(at, Math.min(span, at + len), r.nextBoolean());
      }
      if (r.nextInt(6) == 0) {
        fill(r, b, span);
      }
      if (!b.isEmpty()) {
        ref.map.put(k, b);
      }
    });
    return ref;
  }

  /** Sets bits of one of several shapes, on the whole span or a random part of it. */
  private static void fill(Random r, BitSet b, int span) {
    int from = r.nextInt(3) == 0 ? 0 : r.nextInt(span / 2);
    int to = r.nextInt(3) == 0 ? span : from + 1 + r.nextInt(span - from);
    switch (r.nextInt(6)) {
      case 0 -> pattern(r, b, from, to, 1, 4, 1, 5); // dense: qualifies when long enough
      case 1 -> pattern(r, b, from, to, 1, 3, 20, 40); // around the line of half the memory
      case 2 -> pattern(r, b, from, to, 1, 4, 1, 8); // a few cases around MIN_INTERVALS
      case 3 -> {
        for (int i = r.nextInt(50); i > 0; i--) {
          int at = from + r.nextInt(to - from);
          b.set(at, Math.min(to, at + 1 + r.nextInt(100)));
        }
      }
      case 4 -> {
        b.set(from, to);
        for (int i = r.nextInt(10_000); i > 0; i--) {
          b.clear(from + r.nextInt(to - from));
        }
      }
      default -> {
        pattern(r, b, from, Math.min(to, from + 40_000), 1, 4, 1, 5);
        for (int i = r.nextInt(4); i > 0; i--) {
          b.set(r.nextInt(span));
        }
      }
    }
  }

  private static void pattern(Random r, BitSet b, int from, int to, int minLen, int maxLen, int minGap, int maxGap) {
    int at = from + r.nextInt(64);
    while (at < to) {
      int len = minLen + r.nextInt(maxLen - minLen + 1);
      b.set(at, Math.min(to, at + len));
      at += len + minGap + r.nextInt(maxGap - minGap + 1);
    }
  }

  /** Checks {@code s} against the reference, and that it keeps bitmaps exactly where they qualify. */
  private static void check(String what, GtidSet s, Ref ref, Random r) {
    GtidSet expected = ref.toSet(true);
    String text = s.toString();
    String want = expected.toString();
    if (!text.equals(want)) {
      int at = 0;
      while (at < Math.min(text.length(), want.length()) && text.charAt(at) == want.charAt(at)) {
        at++;
      }
      throw new AssertionError(what + ": text differs at " + at + " of " + want.length() + ": got <"
          + excerpt(text, at) + ">, want <" + excerpt(want, at) + ">");
    }
    assertThat(s.equals(expected)).as(what + ": equals").isTrue();
    assertThat(expected.equals(s)).as(what + ": equals, other way").isTrue();
    assertThat(s.hashCode()).as(what + ": hash code").isEqualTo(expected.hashCode());
    assertThat(s.count()).as(what + ": count").isEqualTo(ref.count());
    for (Map.Entry<Key, BitSet> e : ref.map.entrySet()) {
      Key k = e.getKey();
      BitSet b = e.getValue();
      for (int i = 0; i < 20; i++) {
        int bit = r.nextInt(Math.max(1, b.length() + 64));
        boolean in = b.get(bit);
        assertThat(s.contains(k.uuid(), k.tag(), k.base() + bit)).as(what + ": contains " + (k.base() + bit)).isEqualTo(in);
      }
    }
    checkRepresentation(what, s);
  }

  private static String excerpt(String s, int at) {
    return s.substring(Math.max(0, at - 40), Math.min(s.length(), at + 40));
  }

  /** A narrow set has a bitmap for exactly the TSIDs that qualify, trimmed to its first and last set words. */
  static void checkRepresentation(String what, GtidSet s) {
    GtidSet p = s.plain();
    assertThat(p.words).as(what + ": the plain form has no bitmap").isNull();
    assertThat(p.msb).as(what + ": same TSIDs").isEqualTo(s.msb);
    if (s.narrow == null) {
      assertThat(s.words).as(what + ": no bitmap with long bounds").isNull();
      return;
    }
    for (int k = 0; k < p.msb.length; k++) {
      int from = p.offsets[k];
      int to = p.offsets[k + 1];
      boolean qualifies = Dense.qualifies((to - from) / 2, Dense.wordSpan(p.narrow[from], p.narrow[to - 1]));
      long[] bits = s.words == null ? null : s.words[k];
      assertThat(bits != null).as(what + ": TSID " + k + " has a bitmap iff it qualifies").isEqualTo(qualifies);
      if (bits != null) {
        long base = s.wordBase[k];
        assertThat(base % 64).as(what + ": base on a word").isZero();
        assertThat(bits[0]).as(what + ": first word used").isNotZero();
        assertThat(bits[bits.length - 1]).as(what + ": last word used").isNotZero();
        assertThat(base + Long.numberOfTrailingZeros(bits[0])).as(what + ": first GNO").isEqualTo(p.narrow[from]);
        assertThat(base + 64L * (bits.length - 1) + 63 - Long.numberOfLeadingZeros(bits[bits.length - 1]))
            .as(what + ": last GNO").isEqualTo(p.narrow[to - 1]);
      }
    }
  }

  @Test
  void parseAndBuild_keepBitmapsWhereTheyQualify_andMatchTheReference() {
    Seeds.cases("dense-parse", CASES, (r, inputs) -> {
      Ref a = random(r, keys(r));
      inputs.add(a);
      GtidSet parsed = a.toSet(true);
      GtidSet built = a.toSet(false);
      check("parsed", parsed, a, r);
      check("built", built, a, r);
      check("round trip", GtidSet.parse(parsed.toString()), a, r);
      check("compact round trip", GtidSet.parse(parsed.toCompactString()), a, r);
      check("builder addAll", GtidSet.builder().addAll(parsed).build(), a, r);
    });
  }

  @Test
  void merges_matchTheReference_onParsedSetsAndOnEarlierResults() {
    Seeds.cases("dense-merges", CASES, (r, inputs) -> {
      Map<Key, Integer> keys = keys(r);
      Ref ra = random(r, keys);
      Ref rb = r.nextInt(3) == 0 ? random(r, keys) : related(r, ra, keys);
      Ref rc = related(r, r.nextBoolean() ? ra : rb, keys);
      inputs.add(ra);
      inputs.add(rb);
      inputs.add(rc);
      GtidSet a = ra.toSet(r.nextBoolean());
      GtidSet b = rb.toSet(r.nextBoolean());
      GtidSet c = rc.toSet(r.nextBoolean());
      GtidSet union = a.union(b);
      GtidSet minus = a.subtract(b);
      GtidSet back = b.subtract(a);
      GtidSet both = a.intersection(b);
      check("a | b", union, ra.combine(rb, '|'), r);
      check("a - b", minus, ra.combine(rb, '-'), r);
      check("b - a", back, rb.combine(ra, '-'), r);
      check("a & b", both, ra.combine(rb, '&'), r);
      // Results of merges, whose plain form is made when first asked, as inputs again.
      check("(a | b) - c", a.union(b).subtract(c), ra.combine(rb, '|').combine(rc, '-'), r);
      check("(a - b) | c", a.subtract(b).union(c), ra.combine(rb, '-').combine(rc, '|'), r);
      check("c & (a | b)", c.intersection(a.union(b)), rc.combine(ra.combine(rb, '|'), '&'), r);
      check("(a & b) | (a - b)", a.intersection(b).union(a.subtract(b)), ra, r);
      check("unionAll", GtidSet.unionAll(List.of(a, b.subtract(a), c)), ra.combine(rb, '|').combine(rc, '|'), r);
      assertThat(a.isSubsetOf(b)).as("a <= b").isEqualTo(ra.isSubsetOf(rb));
      assertThat(both.isSubsetOf(a)).as("a & b <= a").isTrue();
      assertThat(a.isSubsetOf(a.union(c))).as("a <= a | c").isTrue();
      assertThat(a.union(c).isSubsetOf(a)).as("a | c <= a").isEqualTo(rc.isSubsetOf(ra));
      assertThat(a.intersects(b)).as("a meets b").isEqualTo(ra.intersects(rb));
      assertThat(a.subtract(b).intersects(b)).as("a - b meets b").isFalse();
      assertThat(a.union(b).intersects(c)).as("a | b meets c").isEqualTo(ra.combine(rb, '|').intersects(rc));
      GtidDifference d = GtidDifference.of(a, b);
      assertThat(d.total()).as("difference total").isEqualTo(ra.combine(rb, '-').count());
      assertThat(d.gtids().equals(minus)).as("difference set").isTrue();
      GtidSet again = GtidSet.unionAll(d.entries().stream().map(GtidDifference.Entry::gtids).toList());
      assertThat(again.equals(minus)).as("difference entries").isTrue();
      assertThat(d.summary()).as("summary").isEqualTo(GtidDifference.of(minus.plain(), GtidSet.empty()).summary());
    });
  }

  @Test
  void bitmapsAndIntervals_convertBothWays() {
    Random r = Seeds.random("dense-convert");
    for (int i = 0; i < 2_000; i++) {
      int span = 1 + r.nextInt(2_000);
      BitSet b = new BitSet();
      pattern(r, b, r.nextInt(70), span, 1, 1 + r.nextInt(130), 1, 1 + r.nextInt(130));
      if (b.isEmpty()) {
        continue;
      }
      List<Integer> bounds = new ArrayList<>();
      long base = 64L * r.nextInt(1_000);
      for (int s = b.nextSetBit(0); s >= 0; s = b.nextSetBit(b.nextClearBit(s))) {
        bounds.add((int) (base + s));
        bounds.add((int) (base + b.nextClearBit(s) - 1));
      }
      int[] flat = bounds.stream().mapToInt(Integer::intValue).toArray();
      int words = (b.length() + 63) / 64;
      long[] bits = Dense.toBitmap(flat, 0, flat.length, base, words);
      assertThat(bits).as("case " + i).isEqualTo(java.util.Arrays.copyOf(b.toLongArray(), words));
      assertThat(Dense.runs(bits, 0, words)).as("runs, case " + i).isEqualTo(flat.length / 2);
      assertThat(Dense.intervals(bits, base)).as("intervals, case " + i).isEqualTo(flat);
    }
  }

  @Test
  void theRule_atItsEdges() {
    UUID u = UUIDS[0];
    // Exactly MIN_INTERVALS intervals, one GNO in every other: the bitmap is a quarter of the intervals.
    GtidSet.Builder atMin = GtidSet.builder();
    GtidSet.Builder below = GtidSet.builder();
    for (int i = 0; i < Dense.MIN_INTERVALS; i++) {
      atMin.add(u, 1 + 2L * i);
      if (i > 0) {
        below.add(u, 1 + 2L * i);
      }
    }
    assertThat(atMin.build().words).as("at MIN_INTERVALS").isNotNull();
    assertThat(below.build().words).as("one interval fewer").isNull();
    // MIN_INTERVALS intervals over 2 * 64 * ... words: exactly half the memory qualifies, one word more does not.
    int n = Dense.MIN_INTERVALS;
    GtidSet.Builder half = GtidSet.builder();
    GtidSet.Builder over = GtidSet.builder();
    for (int i = 0; i < n; i++) {
      // n / 2 words of 64 GNOs each: n intervals over 32 * n GNOs, one every 32.
      half.add(u, 64 + 32L * i);
      over.add(u, 64 + 32L * i + (i == n - 1 ? 64 : 0));
    }
    GtidSet h = half.build();
    GtidSet o = over.build();
    assertThat(h.words).as("n intervals over n / 2 words").isNotNull();
    assertThat(h.words[0]).hasSize(n / 2);
    assertThat(o.words).as("one word more").isNull();
    checkRepresentation("half", h);
    checkRepresentation("over", o);
    // A union that brings two far-apart bitmaps together merges intervals and keeps none.
    GtidSet far = GtidSet.parse(h.toString().replace(u + ":", u + ":1000000000-1000000001:"));
    assertThat(h.union(GtidSet.parse(u + ":1000000000-1000000001"))).isEqualTo(far);
    checkRepresentation("far", h.union(GtidSet.parse(u + ":1000000000-1000000001")));
    // Up to the int line; one GNO above it keeps long bounds and no bitmap.
    GtidSet.Builder top = GtidSet.builder();
    for (int i = 0; i < n; i++) {
      top.add(u, MAX - 2L * i);
    }
    GtidSet t = top.build();
    assertThat(t.words).isNotNull();
    checkRepresentation("top", t);
    GtidSet wide = t.union(GtidSet.parse(u + ":" + (MAX + 1)));
    assertThat(wide.words).isNull();
    assertThat(wide.count()).isEqualTo(n + 1);
    assertThat(wide.subtract(GtidSet.parse(u + ":" + (MAX + 1)))).isEqualTo(t);
    checkRepresentation("back from wide", wide.subtract(GtidSet.parse(u + ":" + (MAX + 1))));
  }
}
