/** The fluent switchover API: gates, dry-run plan, execution, journal, lock, compensation, events, report. */
module io.github.dmswitchover.switchover {
  requires transitive io.github.dmswitchover.gtid;

  exports io.github.dmswitchover.switchover.spi;
}
