package io.github.dmswitchover.dm;

import io.github.dmswitchover.gtid.GtidFormatException;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import java.util.Objects;
import java.util.Optional;

/**
 * A GTID set as DM printed it ({@code masterBinlogGtid}, {@code syncerBinlogGtid},
 * {@code relayBinlogGtid}, …), read into the gtid-core type of the upstream's flavor, with the
 * printed text kept.
 *
 * <pre>{@code
 * DmGtids g = DmGtids.parse("143bdef3-dd4a-11ea-8b00-00155de45f57:1-4");
 * if (g instanceof DmGtids.Mysql m) {
 *   m.set().count();   // 4
 * }
 * DmGtids.parse("0-1-10,0-2-5");   // Mariadb: go-mysql prints one GTID per domain and server
 * }</pre>
 *
 * <p>DM's status does not name the flavor, so it is read from the text: a MySQL set always has a
 * {@code :} after each UUID, a MariaDB list never has one. DM prints MariaDB sets with possibly
 * several GTIDs per domain (go-mysql 1.12 keeps one per domain and server), which is why a MariaDB
 * value is a {@link MariadbGtidList}, not a position. Text that is neither, such as the OpenAPI
 * docs' placeholder {@code "string"}, is {@link Unparsable}; no set is invented for it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface DmGtids permits DmGtids.Mysql, DmGtids.Mariadb, DmGtids.Empty, DmGtids.Unparsable {

  /**
   * Returns the text DM printed.
   *
   * @return the raw text
   */
  String raw();

  /**
   * Returns the MySQL set, when this is one.
   *
   * @return the set, or empty
   */
  default Optional<GtidSet> mysql() {
    return this instanceof Mysql m ? Optional.of(m.set()) : Optional.empty();
  }

  /**
   * Returns the MariaDB list, when this is one.
   *
   * @return the list, or empty
   */
  default Optional<MariadbGtidList> mariadb() {
    return this instanceof Mariadb m ? Optional.of(m.list()) : Optional.empty();
  }

  /**
   * Returns whether DM printed nothing (an empty set).
   *
   * @return true for {@link Empty}
   */
  default boolean isEmpty() {
    return this instanceof Empty;
  }

  /**
   * A MySQL GTID set.
   *
   * @param set the parsed set
   * @param raw the printed text
   */
  record Mysql(GtidSet set, String raw) implements DmGtids {
    /** Checks the fields. */
    public Mysql {
      Objects.requireNonNull(set, "set");
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * A MariaDB GTID list (possibly several GTIDs per domain).
   *
   * @param list the parsed list
   * @param raw the printed text
   */
  record Mariadb(MariadbGtidList list, String raw) implements DmGtids {
    /** Checks the fields. */
    public Mariadb {
      Objects.requireNonNull(list, "list");
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * Nothing: DM printed an empty text (no GTIDs yet, GTID mode off, or DM 1.0's always-empty
   * {@code syncerBinlogGtid}), or did not print the field at all.
   *
   * @param raw the printed text (blank)
   */
  record Empty(String raw) implements DmGtids {
    /** Checks the field. */
    public Empty {
      Objects.requireNonNull(raw, "raw");
    }
  }

  /**
   * Text that is not a GTID set of either flavor.
   *
   * @param raw the printed text
   * @param reason why it could not be read
   */
  record Unparsable(String raw, String reason) implements DmGtids {
    /** Checks the fields. */
    public Unparsable {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Reads a GTID set as DM prints it, choosing the flavor from the text.
   *
   * @param raw the printed text
   * @return the value; never throws for bad text, which becomes {@link Unparsable}
   */
  static DmGtids parse(String raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.isBlank()) {
      return new Empty(raw);
    }
    if (raw.indexOf(':') >= 0) {
      return parseMysql(raw);
    }
    if (GtidTexts.looksMariadb(raw)) {
      return parseMariadb(raw);
    }
    return new Unparsable(raw, "neither a MySQL GTID set (uuid:intervals) nor a MariaDB GTID list (domain-server-sequence)");
  }

  /**
   * Reads a GTID set whose flavor is known (for example from the source's {@code flavor}).
   *
   * @param raw the printed text
   * @param mariadb whether the upstream is MariaDB
   * @return the value; text of the other flavor becomes {@link Unparsable}
   */
  static DmGtids parse(String raw, boolean mariadb) {
    Objects.requireNonNull(raw, "raw");
    if (raw.isBlank()) {
      return new Empty(raw);
    }
    return mariadb ? parseMariadb(raw) : parseMysql(raw);
  }

  private static DmGtids parseMysql(String raw) {
    try {
      return new Mysql(GtidSet.parse(raw), raw);
    } catch (GtidFormatException e) {
      return new Unparsable(raw, "not a MySQL GTID set: " + e.getMessage());
    }
  }

  private static DmGtids parseMariadb(String raw) {
    try {
      return new Mariadb(MariadbGtidList.parse(raw), raw);
    } catch (GtidFormatException e) {
      return new Unparsable(raw, "not a MariaDB GTID list: " + e.getMessage());
    }
  }
}
