package io.github.dmswitchover.gtid;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A list of MariaDB GTIDs in which a domain may appear more than once, as in
 * {@code @@gtid_binlog_state} (one GTID per domain and server) or the list given to
 * {@code MASTER_GTID_WAIT}.
 *
 * <pre>{@code
 * MariadbGtidList state = MariadbGtidList.parse("0-1-10,1-2-20,0-3-30");
 * state.toString();     // "0-1-10,0-3-30,1-2-20"
 * state.toPosition();   // 0-3-30,1-2-20: per domain the GTID listed last
 * }</pre>
 *
 * <p><b>Order.</b> The GTIDs are kept sorted by domain, numerically; GTIDs of the same domain keep
 * the order they were listed in (a stable sort). That is the server's rule for
 * {@code gtid_binlog_state}: it writes "the most recent GTID within each domain after any other
 * GTID within this domain", and reading the state back takes the last GTID of a domain as its
 * most recent one, whatever its sequence number. Keeping the list order within a domain therefore
 * keeps the meaning, and {@link #toString()} gives the text the server would print.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MariadbGtidList {
  private static final MariadbGtidList EMPTY = new MariadbGtidList(new MariadbGtid[0]);

  /** Stable-sorted by domain. */
  private final MariadbGtid[] gtids;

  private MariadbGtidList(MariadbGtid[] gtids) {
    this.gtids = gtids;
  }

  /**
   * Returns the empty list.
   *
   * @return the list without GTIDs
   */
  public static MariadbGtidList empty() {
    return EMPTY;
  }

  /**
   * Parses a list with the server's lexical rules (the same as
   * {@link MariadbGtidPosition#parse(CharSequence)}), allowing a domain, and even a domain and
   * server, more than once.
   *
   * @param text the list text; {@code ""} is the empty list
   * @return the list, stable-sorted by domain
   * @throws GtidFormatException if the text is malformed
   */
  public static MariadbGtidList parse(CharSequence text) {
    MariadbGtid[] list = MariadbParser.parse(text);
    return list.length == 0 ? EMPTY : new MariadbGtidList(sortedByDomain(list));
  }

  /**
   * Returns a list of the given GTIDs.
   *
   * @param gtids the GTIDs, in list order
   * @return the list, stable-sorted by domain
   * @throws NullPointerException if an element is null
   */
  public static MariadbGtidList of(List<MariadbGtid> gtids) {
    MariadbGtid[] list = gtids.toArray(new MariadbGtid[0]);
    for (MariadbGtid g : list) {
      java.util.Objects.requireNonNull(g, "gtids contains null");
    }
    return list.length == 0 ? EMPTY : new MariadbGtidList(sortedByDomain(list));
  }

  static MariadbGtid[] sortedByDomain(MariadbGtid[] list) {
    MariadbGtid[] sorted = list.clone();
    // Arrays.sort on objects is a stable merge sort.
    Arrays.sort(sorted, (x, y) -> Long.compare(x.domainId(), y.domainId()));
    return sorted;
  }

  MariadbGtid[] array() {
    return gtids;
  }

  /**
   * Returns the GTIDs in numeric domain order, list order within a domain.
   *
   * @return an unmodifiable list
   */
  public List<MariadbGtid> gtids() {
    return Collections.unmodifiableList(Arrays.asList(gtids));
  }

  /**
   * Tells whether this list is empty.
   *
   * @return {@code true} if it has no GTID
   */
  public boolean isEmpty() {
    return gtids.length == 0;
  }

  /**
   * Returns the position this list stands for: per domain the GTID listed last, which the server
   * takes as the domain's most recent GTID (so {@code 0-3-30,0-1-10} gives {@code 0-1-10}).
   *
   * @return the position
   */
  public MariadbGtidPosition toPosition() {
    int count = 0;
    MariadbGtid[] out = new MariadbGtid[gtids.length];
    for (int i = 0; i < gtids.length; i++) {
      if (i + 1 == gtids.length || gtids[i + 1].domainId() != gtids[i].domainId()) {
        out[count++] = gtids[i];
      }
    }
    return MariadbGtidPosition.ofSorted(Arrays.copyOf(out, count));
  }

  /**
   * Tells whether this list contains {@code other} by DM's rule: every (domain, server) pair of
   * {@code other} must also be in this list, with a sequence number at least as high.
   *
   * <p>This is what DM decides with: DM pins go-mysql v1.12.0, whose MariaDB GTID set (v1.8.0 to
   * v1.14.x) keeps one GTID per domain and server and compares pair by pair. For each pair the
   * GTID listed last counts, as in go-mysql, which keeps the last one parsed.
   *
   * <p>The server's own rule ({@link MariadbGtidPosition#contains(MariadbGtidList)}, used by
   * {@code MASTER_GTID_WAIT}) compares per domain and ignores server ids. The two disagree when a
   * domain changed writers: after a failover, position {@code 0-963-200} has reached
   * {@code 0-1013-100} for the server, but not for DM, because {@code 0-963-200} has no GTID of
   * server 1013:
   * <pre>{@code
   * MariadbGtidList.parse("0-963-200").toPosition().contains(MariadbGtidList.parse("0-1013-100"));  // true
   * MariadbGtidList.parse("0-963-200").containsPerDomainAndServer(MariadbGtidList.parse("0-1013-100"));  // false
   * }</pre>
   *
   * @param other the GTIDs that must be covered
   * @return {@code true} if every (domain, server) of {@code other} is here with a sequence at
   *     least as high
   */
  public boolean containsPerDomainAndServer(MariadbGtidList other) {
    for (int j = 0; j < other.gtids.length; j++) {
      MariadbGtid wanted = lastOfPair(other.gtids, j);
      if (wanted == null) {
        continue;
      }
      MariadbGtid have = null;
      for (int i = 0; i < gtids.length; i++) {
        MariadbGtid g = gtids[i];
        if (g.domainId() == wanted.domainId() && g.serverId() == wanted.serverId()) {
          have = g;
        }
      }
      if (have == null || !have.sequenceAtLeast(wanted)) {
        return false;
      }
    }
    return true;
  }

  /** Returns list[j] if it is the last GTID of its (domain, server) pair in the list, else null. */
  private static MariadbGtid lastOfPair(MariadbGtid[] list, int j) {
    MariadbGtid g = list[j];
    for (int k = j + 1; k < list.length && list[k].domainId() == g.domainId(); k++) {
      if (list[k].serverId() == g.serverId()) {
        return null;
      }
    }
    return g;
  }

  static String join(MariadbGtid[] gtids) {
    StringBuilder sb = new StringBuilder(gtids.length * 16);
    for (int i = 0; i < gtids.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(gtids[i].domainId()).append('-').append(gtids[i].serverId()).append('-')
          .append(Long.toUnsignedString(gtids[i].sequence()));
    }
    return sb.toString();
  }

  /**
   * Returns the list as the server prints a binlog state: numeric domain order, list order within
   * a domain, joined by {@code ","}; {@code ""} when empty.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return join(gtids);
  }

  /**
   * Tells whether {@code obj} is a list with the same GTIDs in the same (normalised) order.
   *
   * @param obj the object to compare with
   * @return {@code true} if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof MariadbGtidList && Arrays.equals(gtids, ((MariadbGtidList) obj).gtids);
  }

  /**
   * Returns a hash code consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(gtids);
  }
}
