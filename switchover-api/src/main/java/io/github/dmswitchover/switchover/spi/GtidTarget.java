package io.github.dmswitchover.switchover.spi;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import java.util.Objects;

/** What an instance must have executed for a catch-up wait to end. Immutable. */
public sealed interface GtidTarget permits GtidTarget.Mysql, GtidTarget.Mariadb {

  /**
   * MySQL: every GTID of the set ({@code WAIT_FOR_EXECUTED_GTID_SET}).
   *
   * @param gtids the set to reach
   */
  record Mysql(GtidSet gtids) implements GtidTarget {
    /** Checks that the set is not null. */
    public Mysql {
      Objects.requireNonNull(gtids, "gtids");
    }
  }

  /**
   * MariaDB: every GTID of the list by the server's own rule ({@code MASTER_GTID_WAIT}: per domain,
   * sequence only).
   *
   * @param gtids the GTIDs to reach
   */
  record Mariadb(MariadbGtidList gtids) implements GtidTarget {
    /** Checks that the list is not null. */
    public Mariadb {
      Objects.requireNonNull(gtids, "gtids");
    }
  }
}
