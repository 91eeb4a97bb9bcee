package io.github.dmswitchover.examples;

import io.github.dmswitchover.gtid.GtidDifference;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;

/** gtid-core on its own: DM's manual check "purged ⊆ replicated ⊆ executed", with what is wrong when it fails. */
public final class GtidCoreExample {
  private GtidCoreExample() {}

  /**
   * Checks the manual procedure's two conditions and says what breaks them.
   *
   * @param purged {@code @@GLOBAL.gtid_purged} of the new instance
   * @param replicated DM's {@code syncerBinlogGtid}
   * @param executed {@code @@GLOBAL.gtid_executed} of the new instance
   * @return {@code ok}, or what is purged or missing, with counts per source
   */
  public static String check(String purged, String replicated, String executed) {
    GtidSet p = GtidSet.parse(purged);
    GtidSet s = GtidSet.parse(replicated);
    GtidSet e = GtidSet.parse(executed);
    if (!p.isSubsetOf(s)) {
      return "purged but not replicated by DM: " + GtidDifference.of(p, s).summary();
    }
    if (!s.isSubsetOf(e)) {
      return "replicated by DM but missing on the new instance: " + GtidDifference.of(s, e).summary();
    }
    return "ok";
  }

  /**
   * MariaDB: whether a new instance at {@code binlogPos} has everything DM replicated, by the
   * server's rule (per domain, sequence only).
   */
  public static boolean mariadbHasAll(String binlogPos, String replicated) {
    return MariadbGtidPosition.parse(binlogPos).contains(MariadbGtidList.parse(replicated));
  }
}
