package io.github.dmswitchover.testkit.dm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The simulator's own GTID set, printed the way DM prints GTID sets: through go-mysql 1.12, which
 * DM pins (GTID-FACTS 1c, 1d.4). It is deliberately independent of the library under test, so that
 * a formatting mistake cannot hide in both.
 *
 * <p>MySQL: per server UUID a set of intervals; printed as {@code uuid:1-5:7} blocks sorted as
 * strings and joined by {@code ","} (no newline). MariaDB: go-mysql 1.8–1.14 keeps one GTID per
 * (domain, server); printed as {@code d-s-n} sorted as strings and joined by {@code ","}.
 * Not thread-safe.
 */
final class DmGtidSet {
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final boolean mariadb;
  /** MySQL: uuid text (lower case) → start → end (inclusive). */
  private final TreeMap<String, TreeMap<Long, Long>> mysql = new TreeMap<>();
  /** MariaDB: domain → server → sequence (unsigned). */
  private final TreeMap<Long, TreeMap<Long, Long>> maria = new TreeMap<>();

  private DmGtidSet(boolean mariadb) {
    this.mariadb = mariadb;
  }

  static DmGtidSet empty(boolean mariadb) {
    return new DmGtidSet(mariadb);
  }

  /**
   * Reads a GTID set as MySQL prints it (newlines allowed) or as DM prints it, or a MariaDB list.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  static DmGtidSet parse(String text, boolean mariadb) {
    DmGtidSet set = new DmGtidSet(mariadb);
    String t = text == null ? "" : text.replace("\n", "").replace("\r", "").strip();
    if (t.isEmpty()) {
      return set;
    }
    for (String part : t.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (mariadb) {
        String[] f = p.split("-");
        if (f.length != 3) {
          throw new IllegalArgumentException("not a MariaDB GTID: '" + p + "'");
        }
        try {
          set.addMariadb(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseUnsignedLong(f[2]));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("not a MariaDB GTID: '" + p + "'", e);
        }
        continue;
      }
      String[] f = p.split(":");
      if (!UUID_TEXT.matcher(f[0].strip()).matches()) {
        throw new IllegalArgumentException("not a MySQL GTID set block: '" + p + "'");
      }
      String base = f[0].strip().toLowerCase(Locale.ROOT);
      String uuid = base;
      String tagWithoutInterval = null;
      for (int i = 1; i < f.length; i++) {
        String iv = f[i].strip();
        if (!iv.isEmpty() && !Character.isDigit(iv.charAt(0))) {
          if (tagWithoutInterval != null) {
            throw new IllegalArgumentException("tag '" + tagWithoutInterval + "' has no interval in '" + p + "'");
          }
          uuid = base + ":" + iv.toLowerCase(Locale.ROOT);
          set.mysql.computeIfAbsent(uuid, k -> new TreeMap<>());
          tagWithoutInterval = iv;
          continue;
        }
        tagWithoutInterval = null;
        int dash = iv.indexOf('-');
        try {
          long start = Long.parseLong(dash < 0 ? iv : iv.substring(0, dash).strip());
          long end = dash < 0 ? start : Long.parseLong(iv.substring(dash + 1).strip());
          if (start < 1) {
            throw new IllegalArgumentException("interval '" + iv + "' starts below 1 in '" + p + "'");
          }
          if (end >= start) {
            set.addInterval(uuid, start, end);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("interval '" + iv + "' is not a number range in '" + p + "'", e);
        }
      }
      if (tagWithoutInterval != null) {
        throw new IllegalArgumentException("tag '" + tagWithoutInterval + "' has no interval in '" + p + "'");
      }
      set.mysql.computeIfAbsent(uuid, k -> new TreeMap<>());
    }
    return set;
  }

  boolean isMariadb() {
    return mariadb;
  }

  DmGtidSet copy() {
    DmGtidSet c = new DmGtidSet(mariadb);
    mysql.forEach((k, v) -> c.mysql.put(k, new TreeMap<>(v)));
    maria.forEach((k, v) -> c.maria.put(k, new TreeMap<>(v)));
    return c;
  }

  void addMysql(UUID uuid, long gno) {
    addMysql(uuid, "", gno);
  }

  /** A tagged GTID (MySQL 8.3+) is kept under {@code uuid:tag} and printed as {@code uuid:tag:intervals}. */
  void addMysql(UUID uuid, String tag, long gno) {
    addInterval(tag.isEmpty() ? uuid.toString() : uuid + ":" + tag.toLowerCase(Locale.ROOT), gno, gno);
  }

  void addMariadb(long domain, long server, long sequence) {
    TreeMap<Long, Long> servers = maria.computeIfAbsent(domain, k -> new TreeMap<>());
    Long old = servers.get(server);
    if (old == null || Long.compareUnsigned(sequence, old) > 0) {
      servers.put(server, sequence);
    }
  }

  void addAll(DmGtidSet other) {
    other.mysql.forEach((uuid, intervals) -> intervals.forEach((s, e) -> addInterval(uuid, s, e)));
    other.maria.forEach((d, servers) -> servers.forEach((s, n) -> addMariadb(d, s, n)));
  }

  private void addInterval(String uuid, long start, long end) {
    TreeMap<Long, Long> iv = mysql.computeIfAbsent(uuid, k -> new TreeMap<>());
    long s = start;
    long e = end;
    Map.Entry<Long, Long> lower = iv.floorEntry(s);
    if (lower != null && lower.getValue() >= s - 1) {
      s = lower.getKey();
      e = Math.max(e, lower.getValue());
      iv.remove(lower.getKey());
    }
    Map.Entry<Long, Long> next = iv.ceilingEntry(s);
    while (next != null && next.getKey() <= e + 1) {
      e = Math.max(e, next.getValue());
      iv.remove(next.getKey());
      next = iv.ceilingEntry(s);
    }
    iv.put(s, e);
  }

  boolean isEmpty() {
    return mariadb ? maria.isEmpty() : mysql.values().stream().allMatch(TreeMap::isEmpty);
  }

  /** Whether every GTID of {@code other} is in this set (MySQL), or DM's (domain, server) rule (MariaDB). */
  boolean contains(DmGtidSet other) {
    if (mariadb) {
      for (Map.Entry<Long, TreeMap<Long, Long>> d : other.maria.entrySet()) {
        TreeMap<Long, Long> mine = maria.get(d.getKey());
        for (Map.Entry<Long, Long> s : d.getValue().entrySet()) {
          Long seq = mine == null ? null : mine.get(s.getKey());
          if (seq == null || Long.compareUnsigned(seq, s.getValue()) < 0) {
            return false;
          }
        }
      }
      return true;
    }
    for (Map.Entry<String, TreeMap<Long, Long>> u : other.mysql.entrySet()) {
      TreeMap<Long, Long> mine = mysql.getOrDefault(u.getKey(), new TreeMap<>());
      for (Map.Entry<Long, Long> iv : u.getValue().entrySet()) {
        Map.Entry<Long, Long> covering = mine.floorEntry(iv.getKey());
        if (covering == null || covering.getValue() < iv.getValue()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The text DM prints (go-mysql 1.12 {@code String()}). */
  String toDmString() {
    List<String> blocks = new ArrayList<>();
    if (mariadb) {
      maria.forEach((d, servers) -> servers.forEach((s, n) ->
          blocks.add(Long.toUnsignedString(d) + "-" + Long.toUnsignedString(s) + "-" + Long.toUnsignedString(n))));
    } else {
      mysql.forEach((uuid, intervals) -> {
        if (intervals.isEmpty()) {
          return;
        }
        StringBuilder b = new StringBuilder(uuid);
        intervals.forEach((s, e) -> {
          b.append(':').append(s);
          if (!e.equals(s)) {
            b.append('-').append(e);
          }
        });
        blocks.add(b.toString());
      });
    }
    blocks.sort(null);
    return String.join(",", blocks);
  }

  /** MariaDB: per domain the GTID with the highest sequence, as a server position ({@code 0-2-11,1-1-5}). */
  String toMariadbPosition() {
    List<String> parts = new ArrayList<>();
    maria.forEach((d, servers) -> {
      long bestServer = -1;
      long bestSeq = 0;
      boolean first = true;
      for (Map.Entry<Long, Long> s : servers.entrySet()) {
        if (first || Long.compareUnsigned(s.getValue(), bestSeq) > 0) {
          bestServer = s.getKey();
          bestSeq = s.getValue();
          first = false;
        }
      }
      parts.add(d + "-" + bestServer + "-" + Long.toUnsignedString(bestSeq));
    });
    return String.join(",", parts);
  }

  /** MySQL: the intervals per "uuid" or "uuid:tag" key, for a binlog dump request. */
  Map<String, List<long[]>> mysqlIntervals() {
    Map<String, List<long[]>> out = new TreeMap<>();
    mysql.forEach((key, intervals) -> {
      if (intervals.isEmpty()) {
        return;
      }
      List<long[]> list = new ArrayList<>();
      intervals.forEach((s, e) -> list.add(new long[] {s, e}));
      out.put(key, list);
    });
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DmGtidSet other && other.mariadb == mariadb && other.toDmString().equals(toDmString());
  }

  @Override
  public int hashCode() {
    return toDmString().hashCode();
  }

  @Override
  public String toString() {
    return toDmString();
  }
}
