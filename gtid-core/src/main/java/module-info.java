/**
 * GTID sets for MySQL (including tagged GTIDs) and GTID positions for MariaDB: exact parsing, the
 * servers' canonical text, set algebra and a streaming builder, with no dependency beyond
 * {@code java.base}.
 */
module io.github.dmswitchover.gtid {
  exports io.github.dmswitchover.gtid;
}
