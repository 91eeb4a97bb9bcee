/** The fluent switchover API: gates, dry-run plan, execution, journal, lock, compensation, events, report. */
module io.github.dmswitchover.switchover {
  // Its API packages are exported here as they are added.
}
