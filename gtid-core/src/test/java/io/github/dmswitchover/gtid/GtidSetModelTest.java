package io.github.dmswitchover.gtid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Seeded random tests of every GtidSet operation against the naive {@link Model}, and of the
 * algebraic laws. The seed is fixed ({@link Seeds}); {@code -Dgtid.seed=N} explores others and
 * {@code -Dgtid.iterations=N} runs more cases. A failure names the seed, the case and the inputs.
 */
class GtidSetModelTest {
  private static final int CASES = Seeds.iterations(1500);

  /** Runs {@code CASES} cases; on failure reports seed, case number and inputs. */
  private static void check(String name, Seeds.Case c) {
    Seeds.cases(name, CASES, c);
  }

  private static GtidSet set(Model m) {
    return canonical(GtidSet.parse(m.format(",\n")), m);
  }

  /** Checks that {@code s} keeps its bounds as a canonical set of {@code m}'s GTIDs must: in 32 bits iff all fit. */
  private static GtidSet canonical(GtidSet s, Model m) {
    boolean fits = m.map.values().stream().allMatch(v -> v.isEmpty() || v.last() <= GtidSet.NARROW_MAX);
    assertThat(s.narrow != null).as("bounds kept in 32 bits").isEqualTo(fits);
    assertThat(s.bounds == null).as("no long bounds").isEqualTo(fits);
    return s;
  }

  @Test
  void parse_canonicalAndCompactText_matchesModel() {
    check("parse-canonical", (r, in) -> {
      Model m = Model.random(r);
      in.add(m);
      GtidSet s = GtidSet.parse(m.format(",\n"));
      assertThat(s.toString()).isEqualTo(m.format(",\n"));
      assertThat(s.toCompactString()).isEqualTo(m.format(","));
      assertThat(GtidSet.parse(s.toCompactString())).isEqualTo(s);
      assertThat(GtidSet.parse(s.toString())).isEqualTo(s);
      assertThat(Model.of(s).map).isEqualTo(m.map);
    });
  }

  @Test
  void parse_messyText_matchesModel() {
    check("parse-messy", (r, in) -> {
      Model m = Model.random(r);
      String text = m.messy(r);
      in.add(m);
      in.add(text);
      GtidSet s = GtidSet.parse(text);
      assertThat(s.toString()).isEqualTo(m.format(",\n"));
      assertThat(canonical(s, m)).isEqualTo(set(m));
      assertThat(s.hashCode()).isEqualTo(set(m).hashCode());
    });
  }

  @Test
  void algebra_matchesModel() {
    check("algebra", (r, in) -> {
      Model ma = Model.random(r);
      Model mb = Model.related(r, ma);
      in.add(ma);
      in.add(mb);
      GtidSet a = set(ma);
      GtidSet b = set(mb);
      assertThat(a.union(b).toString()).as("union").isEqualTo(ma.union(mb).format(",\n"));
      assertThat(a.subtract(b).toString()).as("subtract").isEqualTo(ma.subtract(mb).format(",\n"));
      assertThat(b.subtract(a).toString()).as("subtract").isEqualTo(mb.subtract(ma).format(",\n"));
      assertThat(a.intersection(b).toString()).as("intersection").isEqualTo(ma.intersection(mb).format(",\n"));
      assertThat(a.isSubsetOf(b)).as("isSubsetOf").isEqualTo(ma.isSubsetOf(mb));
      assertThat(b.isSubsetOf(a)).as("isSubsetOf").isEqualTo(mb.isSubsetOf(ma));
      assertThat(a.intersects(b)).as("intersects").isEqualTo(!ma.intersection(mb).map.isEmpty());
      assertThat(a.count()).as("count").isEqualTo(ma.count());
      // Results equal the parsed canonical set, arrays included, whichever way the inputs kept bounds.
      assertThat(canonical(a.union(b), ma.union(mb))).isEqualTo(set(ma.union(mb)));
      assertThat(canonical(a.subtract(b), ma.subtract(mb))).isEqualTo(set(ma.subtract(mb)));
      assertThat(canonical(b.subtract(a), mb.subtract(ma))).isEqualTo(set(mb.subtract(ma)));
      assertThat(canonical(a.intersection(b), ma.intersection(mb))).isEqualTo(set(ma.intersection(mb)));
      assertThat(a.isEmpty()).isEqualTo(ma.map.isEmpty());
      assertThat(a.equals(b)).as("equals").isEqualTo(ma.map.equals(mb.map));
      if (a.equals(b)) {
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
      }
    });
  }

  @Test
  void contains_matchesModel() {
    check("contains", (r, in) -> {
      Model m = Model.random(r);
      in.add(m);
      GtidSet s = set(m);
      for (int k = 0; k < 20; k++) {
        String uuid = Model.UUIDS[r.nextInt(Model.UUIDS.length)];
        String tag = Model.TAGS[r.nextInt(Model.TAGS.length)];
        long gno = Model.randomGno(r);
        boolean expected = m.contains(uuid, tag, gno);
        assertThat(s.contains(UUID.fromString(uuid), tag.toUpperCase(), gno)).as("%s:%s:%s", uuid, tag, gno).isEqualTo(expected);
        if (tag.isEmpty()) {
          assertThat(s.contains(UUID.fromString(uuid), gno)).isEqualTo(expected);
        }
      }
    });
  }

  @Test
  void iteration_matchesModel() {
    check("iteration", (r, in) -> {
      Model m = Model.random(r);
      in.add(m);
      GtidSet s = set(m);
      List<String> tsids = new ArrayList<>();
      TreeSet<String> uuids = new TreeSet<>();
      for (Map.Entry<Model.Key, TreeSet<Long>> e : m.map.entrySet()) {
        tsids.add(e.getKey().tag().isEmpty() ? e.getKey().uuid() : e.getKey().uuid() + ":" + e.getKey().tag());
        uuids.add(e.getKey().uuid());
        List<GtidInterval> expected = new ArrayList<>();
        for (long[] run : Model.runs(e.getValue())) {
          expected.add(new GtidInterval(run[0], run[1]));
        }
        assertThat(s.intervals(new Tsid(UUID.fromString(e.getKey().uuid()), e.getKey().tag()))).isEqualTo(expected);
      }
      assertThat(s.tsids()).extracting(Tsid::toString).containsExactlyElementsOf(tsids);
      assertThat(s.uuids()).extracting(UUID::toString).containsExactlyElementsOf(uuids);
      List<Tsid> sorted = new ArrayList<>(s.tsids());
      java.util.Collections.shuffle(sorted, r);
      java.util.Collections.sort(sorted);
      assertThat(sorted).isEqualTo(s.tsids());
    });
  }

  @Test
  void builder_randomOrderAndIncreasingOrder_matchesModel() {
    check("builder", (r, in) -> {
      Model m = Model.random(r);
      in.add(m);
      assertThat(m.buildShuffled(r).toString()).as("shuffled").isEqualTo(m.format(",\n"));
      GtidSet.Builder b = GtidSet.builder();
      m.map.forEach((k, v) -> {
        UUID u = UUID.fromString(k.uuid());
        for (long g : v) {
          if (k.tag().isEmpty()) {
            b.add(u.getMostSignificantBits(), u.getLeastSignificantBits(), g);
          } else {
            b.add(u, k.tag(), g);
          }
        }
      });
      GtidSet first = b.build();
      assertThat(first.toString()).as("increasing").isEqualTo(m.format(",\n"));
      assertThat(canonical(first, m)).isEqualTo(set(m));
      Model extra = Model.random(r);
      in.add(extra);
      b.addAll(set(extra));
      assertThat(first.toString()).as("an earlier build does not change").isEqualTo(m.format(",\n"));
      assertThat(b.build().toString()).as("builder stays usable").isEqualTo(m.union(extra).format(",\n"));
    });
  }

  @Test
  void unionAll_matchesModel() {
    check("unionAll", (r, in) -> {
      int k = r.nextInt(6);
      List<GtidSet> sets = new ArrayList<>();
      Model expected = new Model();
      Model prev = Model.random(r);
      for (int i = 0; i < k; i++) {
        Model m = Model.related(r, prev);
        in.add(m);
        sets.add(r.nextInt(6) == 0 ? GtidSet.empty() : set(m));
        if (!sets.get(i).isEmpty()) {
          expected = expected.union(m);
        }
        prev = m;
      }
      assertThat(GtidSet.unionAll(sets).toString()).isEqualTo(expected.format(",\n"));
      assertThat(canonical(GtidSet.unionAll(sets), expected)).isEqualTo(set(expected));
    });
  }

  @Test
  void difference_matchesModel() {
    check("difference", (r, in) -> {
      Model ma = Model.random(r);
      Model mb = Model.related(r, ma);
      in.add(ma);
      in.add(mb);
      GtidDifference d = GtidDifference.of(set(ma), set(mb));
      Model diff = ma.subtract(mb);
      assertThat(d.gtids().toString()).isEqualTo(diff.format(",\n"));
      assertThat(d.total()).isEqualTo(diff.count());
      assertThat(d.isEmpty()).isEqualTo(diff.map.isEmpty());
      assertThat(d.entries()).hasSize(diff.map.size());
      int i = 0;
      for (Map.Entry<Model.Key, TreeSet<Long>> e : diff.map.entrySet()) {
        GtidDifference.Entry entry = d.entries().get(i++);
        assertThat(entry.tsid()).isEqualTo(new Tsid(UUID.fromString(e.getKey().uuid()), e.getKey().tag()));
        assertThat(entry.transactions()).isEqualTo(e.getValue().size());
        Model one = new Model();
        one.map.put(e.getKey(), e.getValue());
        assertThat(entry.gtids().toString()).isEqualTo(one.format(",\n"));
      }
    });
  }

  @Test
  void laws_holdForRandomSets() {
    check("laws", (r, in) -> {
      Model ma = Model.random(r);
      Model mb = Model.related(r, ma);
      Model mc = Model.related(r, r.nextBoolean() ? ma : mb);
      in.add(ma);
      in.add(mb);
      in.add(mc);
      GtidSet a = set(ma);
      GtidSet b = set(mb);
      GtidSet c = set(mc);
      GtidSet e = GtidSet.empty();
      assertThat(a.union(b)).as("union commutes").isEqualTo(b.union(a));
      assertThat(a.intersection(b)).as("intersection commutes").isEqualTo(b.intersection(a));
      assertThat(a.union(b).union(c)).as("union associates").isEqualTo(a.union(b.union(c)));
      assertThat(a.intersection(b).intersection(c)).as("intersection associates").isEqualTo(a.intersection(b.intersection(c)));
      assertThat(a.union(a.intersection(b))).as("absorption").isEqualTo(a);
      assertThat(a.intersection(a.union(b))).as("absorption").isEqualTo(a);
      assertThat(a.intersection(b.union(c))).as("distributivity").isEqualTo(a.intersection(b).union(a.intersection(c)));
      assertThat(a.union(b.intersection(c))).as("distributivity").isEqualTo(a.union(b).intersection(a.union(c)));
      assertThat(a.isSubsetOf(a.union(b))).as("a in a|b").isTrue();
      assertThat(a.subtract(b).isSubsetOf(a)).as("a-b in a").isTrue();
      assertThat(a.subtract(b).intersection(b).isEmpty()).as("(a-b)&b empty").isTrue();
      assertThat(a.subtract(b).intersects(b)).isFalse();
      assertThat(a.union(b).count()).as("inclusion-exclusion")
          .isEqualTo(a.count() + b.count() - a.intersection(b).count());
      assertThat(a.subtract(b).union(a.intersection(b))).as("a = (a-b) | (a&b)").isEqualTo(a);
      assertThat(a.subtract(a.subtract(b))).as("a&b = a-(a-b), MySQL's own intersection").isEqualTo(a.intersection(b));
      assertThat(a.union(e)).isEqualTo(a);
      assertThat(a.subtract(e)).isEqualTo(a);
      assertThat(a.intersection(e)).isEqualTo(e);
      assertThat(e.subtract(a)).isEqualTo(e);
      assertThat(a.subtract(a)).isEqualTo(e);
      assertThat(a.isSubsetOf(b) && b.isSubsetOf(a)).isEqualTo(a.equals(b));
      assertThat(GtidSet.parse(a.toString())).as("parse(format(a))").isEqualTo(a);
      assertThat(GtidSet.parse(a.toCompactString())).as("parse(compact(a))").isEqualTo(a);
      assertThat(a.intersects(b)).isEqualTo(!a.intersection(b).isEmpty());
    });
  }
}
