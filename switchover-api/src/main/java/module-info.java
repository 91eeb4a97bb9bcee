/** The fluent switchover API: gates, dry-run plan, execution, journal, lock, compensation, events, report. */
module io.github.dmswitchover.switchover {
  requires transitive io.github.dmswitchover.gtid;
  requires transitive io.github.dmswitchover.dm;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;

  exports io.github.dmswitchover.switchover;
  exports io.github.dmswitchover.switchover.spi;
}
