package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtid;
import java.util.List;

/** Short text for GTID sets in progress reports, warnings and logs. Stateless. */
final class GtidText {
  /** Text longer than this is cut at an entry boundary. */
  static final int MAX_LENGTH = 200;

  private GtidText() {}

  /**
   * Returns a MySQL set as one line, whole UUID entries while they fit in {@value #MAX_LENGTH}
   * characters, then {@code "… and N more UUIDs (M GTIDs in all)"}.
   */
  static String abbreviate(GtidSet set) {
    String compact = set.toCompactString();
    if (compact.length() <= MAX_LENGTH) {
      return compact;
    }
    String[] entries = compact.split(",");
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (String e : entries) {
      if (shown > 0 && sb.length() + 1 + e.length() > MAX_LENGTH) {
        break;
      }
      if (shown > 0) {
        sb.append(',');
      }
      sb.append(e.length() > MAX_LENGTH ? e.substring(0, MAX_LENGTH) + "…" : e);
      shown++;
    }
    return sb + " … and " + (entries.length - shown) + " more UUIDs (" + Long.toUnsignedString(set.count())
        + " GTIDs in all)";
  }

  /** Returns MariaDB GTIDs joined by commas, cut after {@value #MAX_LENGTH} characters with a count of the rest. */
  static String abbreviate(List<MariadbGtid> gtids) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (MariadbGtid g : gtids) {
      String s = g.toString();
      if (shown > 0 && sb.length() + 1 + s.length() > MAX_LENGTH) {
        return sb + " … and " + (gtids.size() - shown) + " more";
      }
      if (shown > 0) {
        sb.append(',');
      }
      sb.append(s);
      shown++;
    }
    return sb.toString();
  }
}
