package io.github.dmswitchover.switchover.spi;

import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import java.util.Objects;

/**
 * An instance's GTID state as the gates use it: what it executed and what it no longer has in its
 * binary logs. Immutable.
 */
public sealed interface GtidState permits GtidState.Mysql, GtidState.Mariadb {

  /**
   * MySQL: {@code @@GLOBAL.gtid_executed} and {@code @@GLOBAL.gtid_purged}.
   *
   * @param executed the executed GTIDs
   * @param purged the GTIDs no longer in any binary log (a subset of {@code executed})
   */
  record Mysql(GtidSet executed, GtidSet purged) implements GtidState {
    /** Checks that no component is null. */
    public Mysql {
      Objects.requireNonNull(executed, "executed");
      Objects.requireNonNull(purged, "purged");
    }
  }

  /**
   * MariaDB: the binary log position and state, what the oldest binary log starts from, and the
   * replication position.
   *
   * @param binlogPos {@code @@GLOBAL.gtid_binlog_pos}: the last GTID per domain in the binary log
   * @param binlogState {@code @@GLOBAL.gtid_binlog_state}: the last GTID per domain and server
   * @param purged {@code BINLOG_GTID_POS(oldest binary log, 4)}: what is no longer available; empty
   *     when nothing was purged
   * @param replicaPos {@code @@GLOBAL.gtid_slave_pos}: the last GTID applied by replication threads
   */
  record Mariadb(MariadbGtidPosition binlogPos, MariadbGtidList binlogState, MariadbGtidPosition purged,
      MariadbGtidPosition replicaPos) implements GtidState {
    /** Checks that no component is null. */
    public Mariadb {
      Objects.requireNonNull(binlogPos, "binlogPos");
      Objects.requireNonNull(binlogState, "binlogState");
      Objects.requireNonNull(purged, "purged");
      Objects.requireNonNull(replicaPos, "replicaPos");
    }
  }
}
