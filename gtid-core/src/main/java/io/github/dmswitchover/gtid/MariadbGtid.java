package io.github.dmswitchover.gtid;

/**
 * One MariaDB GTID, {@code domain-server-sequence}.
 *
 * <p>Domain and server ids are 32-bit unsigned numbers (0 to 4294967295) held in a {@code long};
 * the sequence number is a 64-bit unsigned number held in a {@code long}: values above
 * {@link Long#MAX_VALUE} are negative as Java {@code long}s, so compare them with
 * {@link Long#compareUnsigned} and print them with {@link Long#toUnsignedString(long)}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param domainId the replication domain, 0 to 4294967295
 * @param serverId the id of the server that wrote the transaction, 0 to 4294967295
 * @param sequence the sequence number, an unsigned 64-bit value
 */
public record MariadbGtid(long domainId, long serverId, long sequence) {
  /** The largest domain or server id, 2<sup>32</sup>&minus;1. */
  public static final long MAX_ID = 0xFFFF_FFFFL;

  /**
   * Creates a GTID.
   *
   * @throws IllegalArgumentException if the domain or server id is outside 0 to 4294967295
   */
  public MariadbGtid {
    if (domainId < 0 || domainId > MAX_ID) {
      throw new IllegalArgumentException("domainId must be between 0 and " + MAX_ID + ": " + domainId);
    }
    if (serverId < 0 || serverId > MAX_ID) {
      throw new IllegalArgumentException("serverId must be between 0 and " + MAX_ID + ": " + serverId);
    }
  }

  /**
   * Parses one GTID with the server's rules (see {@link MariadbGtidList#parse(CharSequence)}).
   *
   * @param text the GTID, for example {@code 0-1-100}
   * @return the GTID
   * @throws GtidFormatException if the text is not exactly one valid GTID
   */
  public static MariadbGtid parse(CharSequence text) {
    MariadbGtid[] gtids = MariadbParser.parse(text);
    if (gtids.length != 1) {
      throw new GtidFormatException(GtidFormatException.Kind.EMPTY_ENTRY, "expected one GTID", text, 0);
    }
    return gtids[0];
  }

  /**
   * Tells whether this GTID's sequence number is at least {@code other}'s, compared unsigned.
   *
   * @param other the GTID to compare with
   * @return {@code Long.compareUnsigned(sequence, other.sequence) >= 0}
   */
  boolean sequenceAtLeast(MariadbGtid other) {
    return Long.compareUnsigned(sequence, other.sequence) >= 0;
  }

  /**
   * Returns the GTID as the server prints it, {@code domain-server-sequence} in decimal.
   *
   * @return the text form, for example {@code 0-1-100}
   */
  @Override
  public String toString() {
    return domainId + "-" + serverId + "-" + Long.toUnsignedString(sequence);
  }
}
