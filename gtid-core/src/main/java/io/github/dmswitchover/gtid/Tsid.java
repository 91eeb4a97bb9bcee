package io.github.dmswitchover.gtid;

import java.util.Objects;
import java.util.UUID;

/**
 * A transaction source id: a server UUID plus an optional tag (MySQL 8.3+); the part of a GTID
 * before the GNO.
 *
 * <p>The tag is stored in MySQL's normal form, lower case; {@code ""} means untagged. TSIDs are
 * ordered like MySQL orders them: by the 16 bytes of the UUID (that is, by the unsigned values of
 * its two halves, unlike {@link UUID#compareTo}), then untagged before tagged, then by tag bytes.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param uuid the source's server UUID
 * @param tag the tag in lower case, or {@code ""} for an untagged GTID
 */
public record Tsid(UUID uuid, String tag) implements Comparable<Tsid> {

  /**
   * Creates a TSID, normalising the tag to lower case.
   *
   * @throws IllegalArgumentException if {@code tag} is neither empty nor
   *     {@code [A-Za-z_][A-Za-z0-9_]{0,31}}
   */
  public Tsid {
    Objects.requireNonNull(uuid, "uuid");
    tag = Tags.canonical(tag);
  }

  /**
   * Returns the untagged TSID of a UUID.
   *
   * @param uuid the server UUID
   * @return the TSID with tag {@code ""}
   */
  public static Tsid of(UUID uuid) {
    return new Tsid(uuid, "");
  }

  /**
   * Tells whether this TSID has a tag.
   *
   * @return {@code true} unless the tag is {@code ""}
   */
  public boolean isTagged() {
    return !tag.isEmpty();
  }

  /**
   * Compares in MySQL's order: UUID bytes, then tag (untagged first).
   *
   * @param other the TSID to compare with
   * @return a negative number, zero or a positive number as this TSID sorts before, equal to or
   *     after {@code other}
   */
  @Override
  public int compareTo(Tsid other) {
    return GtidSet.compareTsid(uuid.getMostSignificantBits(), uuid.getLeastSignificantBits(), tag,
        other.uuid.getMostSignificantBits(), other.uuid.getLeastSignificantBits(), other.tag);
  }

  /**
   * Returns the TSID as MySQL writes it: {@code uuid} or {@code uuid:tag}, lower case.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return tag.isEmpty() ? uuid.toString() : uuid + ":" + tag;
  }
}
