package io.github.dmswitchover.switchover;

import io.github.dmswitchover.gtid.GtidDifference;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtid;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.Flavor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A GTID set of either flavor, with the operations the gates need. MySQL: a {@link GtidSet}.
 * MariaDB: a {@link MariadbGtidList} (DM prints several GTIDs per domain), compared by the server's
 * own rule (per domain, sequence only) unless DM's rule is asked for (GTID-FACTS 1c).
 */
sealed interface Gtids permits Gtids.Mysql, Gtids.Mariadb {

  /** A per-source part of a difference: a UUID (and tag) for MySQL, a domain for MariaDB. */
  record Part(String source, long transactions, String gtids) {}

  static Gtids empty(Flavor flavor) {
    return flavor == Flavor.MYSQL ? new Mysql(GtidSet.empty()) : new Mariadb(MariadbGtidList.empty());
  }

  /** Parses DM's or the server's text; throws {@link io.github.dmswitchover.gtid.GtidFormatException}. */
  static Gtids parse(String text, Flavor flavor) {
    String t = text == null ? "" : text.strip();
    return flavor == Flavor.MYSQL ? new Mysql(GtidSet.parse(t)) : new Mariadb(MariadbGtidList.parse(t));
  }

  static Gtids of(MariadbGtidPosition position) {
    return new Mariadb(MariadbGtidList.of(position.gtids()));
  }

  Flavor flavor();

  boolean isEmpty();

  String text();

  /** Whether this set holds every GTID of {@code other} (MariaDB: the server's "reached" rule). */
  boolean containsAll(Gtids other);

  /** MariaDB: DM's rule (go-mysql 1.8–1.14: per domain and server); MySQL: {@link #containsAll}. */
  boolean containsAllAsDm(Gtids other);

  Gtids union(Gtids other);

  /**
   * What {@code this} has that {@code other} lacks, per source: MySQL per UUID and tag (exact
   * counts); MariaDB per domain (the sequence distance, the transaction count of a domain written
   * under gtid_strict_mode).
   */
  List<Part> minus(Gtids other);

  /** MySQL GTIDs. */
  record Mysql(GtidSet set) implements Gtids {
    @Override
    public Flavor flavor() {
      return Flavor.MYSQL;
    }

    @Override
    public boolean isEmpty() {
      return set.isEmpty();
    }

    @Override
    public String text() {
      return set.toCompactString();
    }

    @Override
    public boolean containsAll(Gtids other) {
      return mysql(other).isSubsetOf(set);
    }

    @Override
    public boolean containsAllAsDm(Gtids other) {
      return containsAll(other);
    }

    @Override
    public Gtids union(Gtids other) {
      return new Mysql(set.union(mysql(other)));
    }

    @Override
    public List<Part> minus(Gtids other) {
      List<Part> out = new ArrayList<>();
      for (GtidDifference.Entry e : GtidDifference.of(set, mysql(other)).entries()) {
        String src = e.tsid().isTagged() ? e.tsid().uuid() + ":" + e.tsid().tag() : e.tsid().uuid().toString();
        out.add(new Part(src, e.transactions(), e.gtids().toCompactString()));
      }
      return out;
    }

    private static GtidSet mysql(Gtids other) {
      if (other instanceof Mysql m) {
        return m.set;
      }
      throw new IllegalArgumentException("cannot compare MySQL GTIDs with MariaDB GTIDs");
    }
  }

  /** MariaDB GTIDs. */
  record Mariadb(MariadbGtidList list) implements Gtids {
    @Override
    public Flavor flavor() {
      return Flavor.MARIADB;
    }

    @Override
    public boolean isEmpty() {
      return list.isEmpty();
    }

    @Override
    public String text() {
      return list.toString();
    }

    /**
     * The server's rule (MASTER_GTID_WAIT): every wanted GTID has sequence 0 or its domain has reached
     * its sequence. The highest sequence per domain counts: DM's sets are not ordered by recency.
     */
    @Override
    public boolean containsAll(Gtids other) {
      Map<Long, Long> reached = highest(list);
      for (MariadbGtid g : mariadb(other).gtids()) {
        Long have = reached.get(g.domainId());
        if (g.sequence() != 0 && (have == null || Long.compareUnsigned(have, g.sequence()) < 0)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean containsAllAsDm(Gtids other) {
      return list.containsPerDomainAndServer(mariadb(other));
    }

    @Override
    public Gtids union(Gtids other) {
      Map<String, MariadbGtid> best = new LinkedHashMap<>();
      List<MariadbGtid> all = new ArrayList<>(list.gtids());
      all.addAll(mariadb(other).gtids());
      for (MariadbGtid g : all) {
        best.merge(g.domainId() + "-" + g.serverId(), g,
            (a, b) -> Long.compareUnsigned(a.sequence(), b.sequence()) >= 0 ? a : b);
      }
      return new Mariadb(MariadbGtidList.of(new ArrayList<>(best.values())));
    }

    @Override
    public List<Part> minus(Gtids other) {
      Map<Long, Long> mine = highest(list);
      Map<Long, Long> theirs = highest(mariadb(other));
      List<Part> out = new ArrayList<>();
      mine.forEach((domain, seq) -> {
        long have = theirs.getOrDefault(domain, 0L);
        if (Long.compareUnsigned(seq, have) > 0) {
          String from = Long.toUnsignedString(have + 1);
          String gtids = "domain " + domain + " sequence " + from + (seq == have + 1 ? "" : "-" + Long.toUnsignedString(seq));
          out.add(new Part("domain " + domain, seq - have, gtids));
        }
      });
      return out;
    }

    /** The highest sequence per domain. */
    static Map<Long, Long> highest(MariadbGtidList list) {
      Map<Long, Long> out = new TreeMap<>();
      for (MariadbGtid g : list.gtids()) {
        out.merge(g.domainId(), g.sequence(), (a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
      }
      return out;
    }

    private static MariadbGtidList mariadb(Gtids other) {
      if (other instanceof Mariadb m) {
        return m.list;
      }
      throw new IllegalArgumentException("cannot compare MariaDB GTIDs with MySQL GTIDs");
    }
  }
}
