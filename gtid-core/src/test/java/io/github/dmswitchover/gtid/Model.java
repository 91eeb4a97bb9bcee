package io.github.dmswitchover.gtid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The naive reference model of a GTID set: a sorted map from (UUID text, tag) to a sorted set of
 * GNOs. Deliberately simple and independent of the code under test (its order compares the
 * lower-case UUID text, its formatter walks GNO by GNO).
 */
final class Model {
  /** (uuid, tag) key ordered like MySQL: lower-case hex text of the UUID, then tag. */
  record Key(String uuid, String tag) {
    static final Comparator<Key> ORDER = Comparator.comparing(Key::uuid).thenComparing(Key::tag);
  }

  final TreeMap<Key, TreeSet<Long>> map = new TreeMap<>(Key.ORDER);

  static Model of(GtidSet set) {
    Model m = new Model();
    set.forEachInterval((msb, lsb, tag, start, end) -> {
      for (long g = start; g <= end && g >= start; g++) {
        m.add(new UUID(msb, lsb).toString(), tag, g);
      }
    });
    return m;
  }

  void add(String uuid, String tag, long gno) {
    map.computeIfAbsent(new Key(uuid, tag), k -> new TreeSet<>()).add(gno);
  }

  long count() {
    long c = 0;
    for (TreeSet<Long> s : map.values()) {
      c += s.size();
    }
    return c;
  }

  boolean contains(String uuid, String tag, long gno) {
    TreeSet<Long> s = map.get(new Key(uuid, tag));
    return s != null && s.contains(gno);
  }

  Model union(Model o) {
    Model r = copy();
    o.map.forEach((k, v) -> r.map.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
    return r;
  }

  Model subtract(Model o) {
    Model r = copy();
    o.map.forEach((k, v) -> {
      TreeSet<Long> s = r.map.get(k);
      if (s != null) {
        s.removeAll(v);
        if (s.isEmpty()) {
          r.map.remove(k);
        }
      }
    });
    return r;
  }

  Model intersection(Model o) {
    Model r = new Model();
    map.forEach((k, v) -> {
      TreeSet<Long> other = o.map.get(k);
      if (other != null) {
        TreeSet<Long> s = new TreeSet<>(v);
        s.retainAll(other);
        if (!s.isEmpty()) {
          r.map.put(k, s);
        }
      }
    });
    return r;
  }

  boolean isSubsetOf(Model o) {
    for (Map.Entry<Key, TreeSet<Long>> e : map.entrySet()) {
      TreeSet<Long> other = o.map.get(e.getKey());
      if (other == null || !other.containsAll(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  Model copy() {
    Model r = new Model();
    map.forEach((k, v) -> r.map.put(k, new TreeSet<>(v)));
    return r;
  }

  /** Intervals of one key as {start, end} pairs, from consecutive GNOs. */
  static List<long[]> runs(TreeSet<Long> gnos) {
    List<long[]> out = new ArrayList<>();
    long[] cur = null;
    for (long g : gnos) {
      if (cur != null && g == cur[1] + 1) {
        cur[1] = g;
      } else {
        cur = new long[] {g, g};
        out.add(cur);
      }
    }
    return out;
  }

  /** The canonical text, written naively. */
  String format(String separator) {
    StringBuilder sb = new StringBuilder();
    String lastUuid = null;
    for (Map.Entry<Key, TreeSet<Long>> e : map.entrySet()) {
      Key k = e.getKey();
      if (!k.uuid().equals(lastUuid)) {
        if (lastUuid != null) {
          sb.append(separator);
        }
        sb.append(k.uuid());
        lastUuid = k.uuid();
      }
      if (!k.tag().isEmpty()) {
        sb.append(':').append(k.tag());
      }
      for (long[] r : runs(e.getValue())) {
        sb.append(':').append(r[0]);
        if (r[1] != r[0]) {
          sb.append('-').append(r[1]);
        }
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return format(",");
  }

  // Random generation.

  /** UUIDs chosen to exercise unsigned ordering (high bits set) and shared high halves. */
  static final String[] UUIDS = {
      "00000000-0000-0000-0000-000000000001",
      "3e11fa47-71ca-11e1-9e33-c80aa9429562",
      "3e11fa47-71ca-11e1-ffff-c80aa9429562",
      "7fffffff-ffff-ffff-7fff-ffffffffffff",
      "80000000-0000-0000-8000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
  };
  static final String[] TAGS = {"", "", "_", "a", "a_1", "b", "z9"};
  /** GNOs are drawn from [1, SMALL] and from the last SMALL values below MAX_GNO. */
  static final int SMALL = 48;

  /**
   * A GNO near 1, near the largest GNO, or near the largest bound that sets keep in 32 bits
   * ({@link GtidSet#NARROW_MAX}), so that sets of either kind and pairs of both kinds are common.
   */
  static long randomGno(Random r) {
    int where = r.nextInt(8);
    if (where == 0) {
      return GtidSet.MAX_GNO - r.nextInt(SMALL);
    }
    if (where == 1) {
      return GtidSet.NARROW_MAX - SMALL / 2 + r.nextInt(SMALL);
    }
    return 1 + r.nextInt(SMALL);
  }

  static Model random(Random r) {
    Model m = new Model();
    int keys = r.nextInt(5);
    for (int i = 0; i < keys; i++) {
      String uuid = UUIDS[r.nextInt(UUIDS.length)];
      String tag = TAGS[r.nextInt(TAGS.length)];
      int intervals = 1 + r.nextInt(5);
      for (int j = 0; j < intervals; j++) {
        long a = randomGno(r);
        int len = r.nextInt(4) == 0 ? r.nextInt(20) : r.nextInt(3);
        for (long g = a; g <= a + len && g <= GtidSet.MAX_GNO; g++) {
          m.add(uuid, tag, g);
        }
      }
    }
    return m;
  }

  /** A random set made from a few chosen relatives of {@code base}, to make overlaps likely. */
  static Model related(Random r, Model base) {
    Model m = random(r);
    for (Map.Entry<Key, TreeSet<Long>> e : base.map.entrySet()) {
      if (r.nextBoolean()) {
        for (long g : e.getValue()) {
          if (r.nextInt(3) != 0) {
            long shifted = g + r.nextInt(3) - 1;
            if (shifted >= 1 && shifted <= GtidSet.MAX_GNO) {
              m.add(e.getKey().uuid(), e.getKey().tag(), shifted);
            }
          }
        }
      }
    }
    return m;
  }

  static final String SPACES = " \t\n\u000b\f\r";

  private static String space(Random r) {
    if (r.nextInt(3) != 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      sb.append(SPACES.charAt(r.nextInt(SPACES.length())));
    }
    return sb.toString();
  }

  private static String randomCase(Random r, String s) {
    if (r.nextBoolean()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  /**
   * Messy text for this model that MySQL reads as the same set: random whitespace, extra commas,
   * random case, UUIDs split into several blocks and shuffled, intervals split, overlapping and
   * shuffled, reversed intervals, tags and UUIDs without intervals.
   */
  String messy(Random r) {
    List<String> blocks = new ArrayList<>();
    for (Map.Entry<Key, TreeSet<Long>> e : map.entrySet()) {
      List<String> pieces = new ArrayList<>();
      for (long[] run : runs(e.getValue())) {
        long s = run[0];
        long end = run[1];
        // Split the run into overlapping pieces.
        while (s <= end) {
          long pieceEnd = s + Math.min(r.nextInt(4), end - s);
          long pieceStart = Math.max(run[0], s - r.nextInt(2));
          pieces.add(interval(r, pieceStart, pieceEnd));
          if (pieceEnd == end) {
            break;
          }
          s = pieceEnd + 1;
        }
      }
      if (r.nextInt(4) == 0) {
        long a = randomGno(r);
        if (a > 1) {
          pieces.add(space(r) + a + space(r) + "-" + space(r) + (a - 1 - r.nextInt((int) Math.min(a - 1, 5) + 1)) + space(r));
        }
      }
      java.util.Collections.shuffle(pieces, r);
      int cut = pieces.isEmpty() ? 0 : r.nextInt(pieces.size());
      String tagPart = e.getKey().tag().isEmpty() ? "" : ":" + space(r) + randomCase(r, e.getKey().tag()) + space(r);
      blocks.add(block(r, e.getKey().uuid(), tagPart, pieces.subList(0, cut)));
      blocks.add(block(r, e.getKey().uuid(), tagPart, pieces.subList(cut, pieces.size())));
    }
    if (r.nextInt(4) == 0) {
      blocks.add(randomCase(r, UUIDS[r.nextInt(UUIDS.length)]) + space(r));
    }
    if (r.nextInt(4) == 0) {
      blocks.add(randomCase(r, UUIDS[r.nextInt(UUIDS.length)]) + space(r) + ":" + space(r) + "emptytag");
    }
    java.util.Collections.shuffle(blocks, r);
    StringBuilder sb = new StringBuilder(space(r));
    if (r.nextInt(5) == 0) {
      sb.append(",").append(space(r));
    }
    for (int i = 0; i < blocks.size(); i++) {
      if (i > 0) {
        sb.append(',').append(space(r));
        if (r.nextInt(5) == 0) {
          sb.append(',').append(space(r));
        }
      }
      sb.append(blocks.get(i));
    }
    if (r.nextInt(5) == 0) {
      sb.append(",");
    }
    sb.append(space(r));
    return sb.toString();
  }

  private static String block(Random r, String uuid, String tagPart, List<String> pieces) {
    StringBuilder sb = new StringBuilder(randomCase(r, uuid)).append(space(r));
    if (!tagPart.isEmpty()) {
      sb.append(tagPart);
    }
    for (String p : pieces) {
      sb.append(':').append(p);
    }
    return sb.toString();
  }

  private static String interval(Random r, long s, long e) {
    if (s == e && r.nextBoolean()) {
      return space(r) + s + space(r);
    }
    return space(r) + s + space(r) + "-" + space(r) + e + space(r);
  }

  /** Builds the set through the public builder, adding GTIDs in a random order. */
  GtidSet buildShuffled(Random r) {
    List<Object[]> all = new ArrayList<>();
    map.forEach((k, v) -> {
      for (long g : v) {
        all.add(new Object[] {UUID.fromString(k.uuid()), k.tag(), g});
      }
    });
    java.util.Collections.shuffle(all, r);
    GtidSet.Builder b = GtidSet.builder();
    for (Object[] o : all) {
      b.add((UUID) o[0], (String) o[1], (Long) o[2]);
    }
    return b.build();
  }
}
