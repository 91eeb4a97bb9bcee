package io.github.dmswitchover.testkit.internal.binlog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a binlog dump starts: the GTIDs the replica already has. The server sends every
 * transaction that is not in it, and answers error 1236 when it purged one of those.
 *
 * <pre>{@code
 * StartPosition mysql = StartPosition.parseMysql("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
 * StartPosition maria = StartPosition.mariadb("0-1-10,1-2-5");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface StartPosition permits StartPosition.MysqlGtidSet, StartPosition.MariadbGtidPosition {

  /** Returns the server family this position is for. */
  ServerFlavor flavor();

  /** Returns the empty position of a flavor: the server sends its binary logs from the beginning. */
  static StartPosition empty(ServerFlavor flavor) {
    Objects.requireNonNull(flavor, "flavor");
    return flavor == ServerFlavor.MYSQL ? new MysqlGtidSet(List.of()) : new MariadbGtidPosition("");
  }

  /**
   * Returns a MySQL position holding {@code sids}.
   *
   * @throws IllegalArgumentException if a SID appears twice
   */
  static MysqlGtidSet mysql(List<SidIntervals> sids) {
    return new MysqlGtidSet(sids);
  }

  /**
   * Parses a MySQL GTID set as the server prints it ({@code @@GLOBAL.gtid_executed}), e.g.
   * {@code "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7:dm:1-3,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1"};
   * the empty string is the empty set. Tagged GTIDs (MySQL 8.3+) are supported: a tag applies to the
   * intervals after it, up to the next tag. Tags are lowercased, intervals sorted and merged, and
   * entries ordered by SID text and tag (untagged first), so equal sets give equal values.
   *
   * @throws IllegalArgumentException if {@code text} is not a GTID set (the message names the
   *     offending part)
   */
  static MysqlGtidSet parseMysql(String text) {
    return MysqlGtidSet.parse(text);
  }

  /**
   * Returns a MariaDB position, the text sent as {@code @slave_connect_state}, e.g.
   * {@code "0-1-10,1-2-5"}; the empty string starts from the beginning.
   *
   * @throws IllegalArgumentException if {@code text} is not a GTID position
   */
  static MariadbGtidPosition mariadb(String text) {
    return new MariadbGtidPosition(text);
  }

  /**
   * A MySQL GTID set: the transaction sources (SID and tag) with their intervals. A set holding a
   * tagged GTID is sent in the tagged encoding of MySQL 8.3+, which older servers do not read.
   *
   * @param sids one entry per transaction source, each SID and tag pair at most once
   */
  record MysqlGtidSet(List<SidIntervals> sids) implements StartPosition {
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(?:-(\\d+))?");
    private static final Pattern TAG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,31}");
    private static final Comparator<SidIntervals> ORDER =
        Comparator.comparing((SidIntervals s) -> s.sid().toString()).thenComparing(SidIntervals::tag);

    /**
     * Checks the components and copies the list.
     *
     * @throws IllegalArgumentException if a SID and tag pair appears twice
     */
    public MysqlGtidSet {
      Objects.requireNonNull(sids, "sids");
      sids = List.copyOf(sids);
      Set<String> seen = new HashSet<>();
      for (SidIntervals s : sids) {
        if (!seen.add(s.sid() + ":" + s.tag())) {
          throw new IllegalArgumentException("SID " + s.sid() + (s.isTagged() ? " with tag " + s.tag() : "")
              + " appears twice in the GTID set; merge its intervals");
        }
      }
    }

    @Override
    public ServerFlavor flavor() {
      return ServerFlavor.MYSQL;
    }

    /** Returns whether the set holds no GTID. */
    public boolean isEmpty() {
      return sids.isEmpty();
    }

    /** Returns whether the set holds a tagged GTID. */
    public boolean isTagged() {
      for (SidIntervals s : sids) {
        if (s.isTagged()) {
          return true;
        }
      }
      return false;
    }

    /**
     * Returns the MySQL text form, entries of one SID joined as the server prints them, e.g.
     * {@code uuid:1-5:7:dm:1-3,uuid2:1}; empty for the empty set.
     */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      UUID previous = null;
      for (SidIntervals entry : sids) {
        if (entry.sid().equals(previous)) {
          String text = entry.toString();
          s.append(text, text.indexOf(':'), text.length());
        } else {
          if (s.length() > 0) {
            s.append(',');
          }
          s.append(entry);
        }
        previous = entry.sid();
      }
      return s.toString();
    }

    static MysqlGtidSet parse(String text) {
      Objects.requireNonNull(text, "text");
      Map<String, List<SidIntervals.Interval>> byKey = new LinkedHashMap<>();
      Map<String, UUID> sidOf = new LinkedHashMap<>();
      Map<String, String> tagOf = new LinkedHashMap<>();
      for (String rawSegment : text.split(",", -1)) {
        String segment = rawSegment.strip();
        if (segment.isEmpty()) {
          continue;
        }
        String[] parts = segment.split(":", -1);
        UUID sid = parseSid(parts[0].strip(), text);
        if (parts.length < 2) {
          throw new IllegalArgumentException("GTID set '" + text + "': '" + segment + "' has no interval after the SID");
        }
        String tag = "";
        boolean tagHasInterval = true;
        for (int i = 1; i < parts.length; i++) {
          String part = parts[i].strip();
          var m = INTERVAL.matcher(part);
          if (m.matches()) {
            long start = parseGno(m.group(1), text);
            long end = m.group(2) == null ? start : parseGno(m.group(2), text);
            String key = sid + ":" + tag;
            sidOf.put(key, sid);
            tagOf.put(key, tag);
            try {
              byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new SidIntervals.Interval(start, end));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("GTID set '" + text + "': " + e.getMessage(), e);
            }
            tagHasInterval = true;
          } else if (TAG.matcher(part).matches()) {
            if (!tagHasInterval) {
              throw new IllegalArgumentException("GTID set '" + text + "': tag '" + tag + "' in '" + segment
                  + "' has no interval");
            }
            tag = part.toLowerCase(Locale.ROOT);
            tagHasInterval = false;
          } else {
            throw new IllegalArgumentException("GTID set '" + text + "': '" + part + "' in '" + segment
                + "' is neither an interval (n or n-m) nor a tag");
          }
        }
        if (!tagHasInterval) {
          throw new IllegalArgumentException("GTID set '" + text + "': tag '" + tag + "' in '" + segment
              + "' has no interval");
        }
      }
      List<SidIntervals> sids = new ArrayList<>();
      byKey.forEach((key, intervals) -> sids.add(new SidIntervals(sidOf.get(key), tagOf.get(key), merge(intervals))));
      sids.sort(ORDER);
      return new MysqlGtidSet(sids);
    }

    private static UUID parseSid(String text, String whole) {
      if (text.length() != 36) {
        throw new IllegalArgumentException("GTID set '" + whole + "': '" + text + "' is not a server UUID");
      }
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("GTID set '" + whole + "': '" + text + "' is not a server UUID", e);
      }
    }

    private static long parseGno(String digits, String whole) {
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("GTID set '" + whole + "': GNO " + digits + " is too large", e);
      }
    }

    private static List<SidIntervals.Interval> merge(List<SidIntervals.Interval> intervals) {
      List<SidIntervals.Interval> sorted = new ArrayList<>(intervals);
      sorted.sort(Comparator.comparingLong(SidIntervals.Interval::start));
      List<SidIntervals.Interval> merged = new ArrayList<>();
      SidIntervals.Interval current = sorted.get(0);
      for (SidIntervals.Interval next : sorted.subList(1, sorted.size())) {
        if (next.start() <= current.endInclusive() + 1) {
          current = new SidIntervals.Interval(current.start(), Math.max(current.endInclusive(), next.endInclusive()));
        } else {
          merged.add(current);
          current = next;
        }
      }
      merged.add(current);
      return merged;
    }
  }

  /**
   * A MariaDB GTID position: at most one {@code domain-server-sequence} per domain, comma-separated,
   * as {@code @@GLOBAL.gtid_binlog_pos} prints it.
   *
   * @param text the position, e.g. {@code "0-1-10,1-2-5"}; empty to start from the beginning
   */
  record MariadbGtidPosition(String text) implements StartPosition {
    private static final Pattern GTID = Pattern.compile("(\\d{1,10})-(\\d{1,10})-(\\d{1,20})");

    /**
     * Checks the text.
     *
     * @throws IllegalArgumentException if it is not a GTID position or names a domain twice
     */
    public MariadbGtidPosition {
      Objects.requireNonNull(text, "text");
      if (!text.isEmpty()) {
        Set<Long> domains = new HashSet<>();
        for (String gtid : text.split(",", -1)) {
          var m = GTID.matcher(gtid);
          if (!m.matches()) {
            throw new IllegalArgumentException("MariaDB GTID position '" + text + "': '" + gtid
                + "' is not domain-server-sequence");
          }
          long domain = unsigned32(m.group(1), "domain id", text);
          unsigned32(m.group(2), "server id", text);
          try {
            Long.parseUnsignedLong(m.group(3));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MariaDB GTID position '" + text + "': sequence " + m.group(3)
                + " does not fit in 64 bits", e);
          }
          if (!domains.add(domain)) {
            throw new IllegalArgumentException("MariaDB GTID position '" + text + "' names domain " + domain + " twice");
          }
        }
      }
    }

    @Override
    public ServerFlavor flavor() {
      return ServerFlavor.MARIADB;
    }

    /** Returns the position text. */
    @Override
    public String toString() {
      return text;
    }

    private static long unsigned32(String digits, String what, String text) {
      long value = Long.parseLong(digits);
      if (value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("MariaDB GTID position '" + text + "': " + what + " " + digits
            + " does not fit in 32 bits");
      }
      return value;
    }
  }
}
