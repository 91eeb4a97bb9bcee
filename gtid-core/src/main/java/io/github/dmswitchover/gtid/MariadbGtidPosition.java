package io.github.dmswitchover.gtid;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A MariaDB GTID position: at most one GTID per replication domain, as in
 * {@code @@gtid_binlog_pos}, {@code @@gtid_slave_pos} or {@code @@gtid_current_pos}.
 *
 * <pre>{@code
 * MariadbGtidPosition pos = MariadbGtidPosition.parse("1-2-50,0-1-100");
 * pos.toString();                                         // "0-1-100,1-2-50"
 * pos.contains(MariadbGtidList.parse("0-7-100,2-1-0"));  // true: server ids are not compared
 * }</pre>
 *
 * <p>{@link #contains(MariadbGtidList)} follows the server's own "reached" rule, the one
 * {@code MASTER_GTID_WAIT} applies. The text form is the server's: GTIDs in numeric domain order,
 * joined by {@code ","}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class MariadbGtidPosition {
  private static final MariadbGtidPosition EMPTY = new MariadbGtidPosition(new MariadbGtid[0]);

  /** Sorted by domain, one per domain. */
  private final MariadbGtid[] gtids;

  private MariadbGtidPosition(MariadbGtid[] gtids) {
    this.gtids = gtids;
  }

  /**
   * Returns the empty position.
   *
   * @return the position without GTIDs, printed as {@code ""}
   */
  public static MariadbGtidPosition empty() {
    return EMPTY;
  }

  /**
   * Parses a position with the server's rules for {@code SET GLOBAL gtid_slave_pos}.
   *
   * <p>The text is a comma-separated list of {@code domain-server-sequence}; the empty string is
   * the empty position. Before each number the server allows whitespace (ASCII 9 to 13 and space)
   * and then a {@code +}, and leading zeros ({@code " 01-+2-3"} is {@code 1-2-3}); it allows
   * nothing else: no whitespace after a number or before a comma, no empty entries, no sign
   * {@code -}, no hex, no exponent.
   * Domain and server ids are at most 4294967295, sequence numbers at most
   * 18446744073709551615. Each domain may appear only once.
   *
   * @param text the position text
   * @return the position
   * @throws GtidFormatException if the text is malformed (the server's error 1941), or with kind
   *     {@link GtidFormatException.Kind#DUPLICATE_DOMAIN} if a domain appears twice (error 1943)
   */
  public static MariadbGtidPosition parse(CharSequence text) {
    MariadbGtid[] list = MariadbParser.parse(text, true);
    if (list.length == 0) {
      return EMPTY;
    }
    MariadbGtid[] sorted = MariadbGtidList.sortedByDomain(list);
    return new MariadbGtidPosition(sorted);
  }

  static MariadbGtidPosition ofSorted(MariadbGtid[] sortedUniqueDomains) {
    return sortedUniqueDomains.length == 0 ? EMPTY : new MariadbGtidPosition(sortedUniqueDomains);
  }

  /**
   * Returns the GTID of a domain.
   *
   * @param domainId the domain, 0 to 4294967295 (other values are simply absent)
   * @return the domain's GTID, or empty if this position has none
   */
  public Optional<MariadbGtid> get(long domainId) {
    int k = find(domainId);
    return k < 0 ? Optional.empty() : Optional.of(gtids[k]);
  }

  private int find(long domainId) {
    int lo = 0;
    int hi = gtids.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long d = gtids[mid].domainId();
      if (d < domainId) {
        lo = mid + 1;
      } else if (d > domainId) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * Returns the GTIDs, one per domain, in numeric domain order.
   *
   * @return an unmodifiable list
   */
  public List<MariadbGtid> gtids() {
    return Collections.unmodifiableList(Arrays.asList(gtids));
  }

  /**
   * Tells whether this position is empty.
   *
   * @return {@code true} if no domain has a GTID
   */
  public boolean isEmpty() {
    return gtids.length == 0;
  }

  /**
   * Tells whether this position has reached every GTID of {@code wanted}, by the server's rule
   * (the one {@code MASTER_GTID_WAIT} waits for): for each GTID g of {@code wanted}, g's sequence
   * is 0, or this position has g's domain with a sequence number at least g's. Server ids are not
   * compared: {@code 0-1-100} has reached {@code 0-7-100}.
   *
   * <p>DM decides differently; see {@link MariadbGtidList#containsPerDomainAndServer}.
   *
   * @param wanted the GTIDs waited for; it may name a domain more than once
   * @return {@code true} if every GTID of {@code wanted} is reached
   */
  public boolean contains(MariadbGtidList wanted) {
    for (MariadbGtid g : wanted.array()) {
      if (!contains(g)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether this position has reached one GTID, by the server's rule: its sequence is 0, or
   * this position has its domain with a sequence number at least its (server id ignored).
   *
   * @param wanted the GTID
   * @return {@code true} if it is reached
   */
  public boolean contains(MariadbGtid wanted) {
    if (wanted.sequence() == 0) {
      return true;
    }
    int k = find(wanted.domainId());
    return k >= 0 && gtids[k].sequenceAtLeast(wanted);
  }

  /**
   * Returns the position as the server prints it: GTIDs in numeric domain order joined by
   * {@code ","}, {@code ""} when empty.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return MariadbGtidList.join(gtids);
  }

  /**
   * Tells whether {@code obj} is a position with the same GTIDs.
   *
   * @param obj the object to compare with
   * @return {@code true} if equal
   */
  @Override
  public boolean equals(Object obj) {
    return obj instanceof MariadbGtidPosition && Arrays.equals(gtids, ((MariadbGtidPosition) obj).gtids);
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
