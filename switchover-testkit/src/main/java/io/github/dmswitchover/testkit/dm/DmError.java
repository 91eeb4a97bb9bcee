package io.github.dmswitchover.testkit.dm;

/**
 * One DM error as DM's terror package describes it (the entries of DM's {@code errors.toml}): code,
 * class, scope, level, message, raw cause and workaround.
 */
record DmError(int code, String errClass, String scope, String level, String message, String rawCause, String workaround) {

  DmError withRawCause(String cause) {
    return new DmError(code, errClass, scope, level, message, cause, workaround);
  }

  /** The v6.2+ flattened line of OpenAPI task status (DM-FACTS a.5). */
  String flattened() {
    StringBuilder sb = new StringBuilder();
    sb.append("[code=").append(code).append(":class=").append(errClass).append(":scope=").append(scope)
        .append(":level=").append(level).append("], Message: ").append(message);
    if (!rawCause.isEmpty()) {
      sb.append(", RawCause: ").append(rawCause);
    }
    if (!workaround.isEmpty()) {
      sb.append(", Workaround: ").append(workaround);
    }
    return sb.toString();
  }

  // The errors the simulator raises; texts from DM's errors.toml.

  static DmError taskNotExist(String task) {
    return new DmError(46018, "scheduler", "internal", "medium",
        "task with name " + task + " not exist", "", "Please use `query-status` command to see tasks.");
  }

  static DmError sourceNotExist(String source) {
    return new DmError(46008, "scheduler", "internal", "medium",
        "source config with ID " + source + " not exists", "", "");
  }

  static DmError sourceExists(String source) {
    return new DmError(46007, "scheduler", "internal", "medium",
        "source config with ID " + source + " already exists", "", "");
  }

  static DmError sourcesNotBound(String sources) {
    return new DmError(46009, "dm-master", "internal", "medium", "sources " + sources + " have not bound", "", "");
  }

  static DmError sourceHasTasks(String source, String tasks) {
    return new DmError(46010, "dm-master", "internal", "medium",
        "source with name " + source + " need to operate has existing tasks " + tasks, "", "Please `stop-task` first.");
  }

  static DmError subtasksExist(String task, String sources) {
    return new DmError(46014, "scheduler", "internal", "medium",
        "subtasks with name " + task + " for sources " + sources + " already exist", "",
        "Please use `query-status` command to see tasks.");
  }

  static DmError subtasksNotExist(String task) {
    return new DmError(46016, "dm-master", "internal", "medium",
        "subtasks with name " + task + " need to be operate not exist", "",
        "Please use `query-status` command to see tasks.");
  }

  static DmError sourcesNotExist(String sources) {
    return new DmError(46017, "dm-master", "internal", "medium",
        "sources " + sources + " need to be operate not exist", "", "");
  }

  static DmError transferNeedsSync(String tasks, String source) {
    return new DmError(46019, "scheduler", "internal", "high",
        "running tasks " + tasks + " to be transferred on source " + source + " should in sync unit", "",
        "Please use `pause-task [-s source ...] task` to pause them first.");
  }

  static DmError sourceHasRelayWorkers(String source, String workers) {
    return new DmError(46023, "scheduler", "internal", "high",
        "source with name " + source + " need to operate has existing relay workers " + workers, "",
        "Please `stop-relay` first.");
  }

  static DmError sourceUpdateRefused(String source) {
    return new DmError(46025, "scheduler", "internal", "low",
        "source " + source + " can only be updated when relay is disabled and no tasks are running for now", "", "");
  }

  static DmError workerNotExist(String worker) {
    return new DmError(46004, "scheduler", "internal", "medium",
        "dm-worker with name " + worker + " not exists", "", "");
  }

  static DmError workerStillOnline(String worker) {
    return new DmError(46005, "scheduler", "internal", "medium",
        "dm-worker with name " + worker + " is still online", "", "Please shut it down first.");
  }

  static DmError workerNotFree(String worker) {
    return new DmError(46033, "scheduler", "internal", "low", "dm-worker with name " + worker + " not free", "", "");
  }

  static DmError masterNotExist(String master) {
    return new DmError(38048, "dm-master", "internal", "low",
        "dm-master with name " + master + " not exists", "", "Please use list-member command to see masters.");
  }

  static DmError invalidOfflineType(String type) {
    return new DmError(38049, "dm-master", "internal", "low",
        "offline member type " + type + " is invalid", "", "Please use master/worker.");
  }

  static DmError invalidOp(String op, String on) {
    return new DmError(38041, "dm-master", "internal", "medium", "invalid op " + op + " on " + on, "", "");
  }

  static DmError notLeaderCannotForward() {
    return new DmError(38043, "dm-master", "internal", "high",
        "master is not leader, and can't forward request to leader", "", "");
  }

  static DmError noSourceInWorker() {
    return new DmError(40070, "dm-worker", "internal", "high", "no mysql source is being handled in the worker", "", "");
  }

  static DmError relayStage(String current, String required, String op) {
    return new DmError(40039, "dm-worker", "internal", "high",
        "current stage is " + current + ", " + required + " required, relay op " + op, "", "");
  }

  static DmError relaySwitchNeedsGtid() {
    return new DmError(30034, "relay-unit", "internal", "high",
        "can only switch relay's master server when GTID enabled", "",
        "Please check `enable-gtid` config in source configuration file.");
  }

  static DmError relayUpstreamChanged() {
    return new DmError(30044, "relay-unit", "internal", "high",
        "receive fake rotate event with different server_id", "",
        "Please use `resume-relay` command if upstream database has changed");
  }

  static DmError relayGetEvent(String rawCause) {
    return new DmError(30015, "relay-unit", "upstream", "high", "TCPReader get relay event with error", rawCause, "");
  }

  static DmError noRelayPosMatchGtid(String gtid) {
    return new DmError(11121, "functional", "internal", "high", "no relay pos match gtid " + gtid, "", "");
  }

  static DmError syncerGetEvent(String cause) {
    return new DmError(36069, "sync-unit", "upstream", "high", "get binlog event error: " + cause, cause,
        "Please check if the binlog file could be parsed by `mysqlbinlog`.");
  }

  static DmError databaseDriver(String rawCause) {
    return new DmError(10001, "database", "not-set", "high", "database driver error", rawCause,
        "Please check the database connection and the database config in configuration file.");
  }

  static DmError taskNameMissing() {
    return new DmError(20019, "config", "internal", "medium", "must specify a unique task name", "",
        "Please check the `name` config in task configuration file.");
  }

  static DmError taskModeInvalid() {
    return new DmError(20020, "config", "internal", "medium",
        "please specify right task-mode, support `full`, `incremental`, `all`", "",
        "Please check the `task-mode` config in task configuration file.");
  }

  static DmError targetDatabaseMissing() {
    return new DmError(20021, "config", "internal", "medium", "must specify target-database", "",
        "Please check the `target-database` config in task configuration file.");
  }

  static DmError metaMissing(String source, String mode) {
    return new DmError(20022, "config", "internal", "medium",
        "mysql-instance(" + source + ") must set meta for task-mode " + mode, "",
        "Please check the `meta` config in task configuration file.");
  }

  static DmError duplicateSourceInTask(int a, int b, String source) {
    return new DmError(20014, "config", "internal", "medium",
        "mysql-instance (" + a + ") and (" + b + ") have same source-id (" + source + ")", "",
        "Please check the `mysql-instances` config in task configuration file.");
  }

  static DmError sourceNotInDeployment(String source) {
    return new DmError(20031, "config", "internal", "medium",
        "source " + source + " in deployment configuration not found", "",
        "Please use `operate-source create source-config-file-path` to add source.");
  }

  static DmError shardModeInvalid(String mode) {
    return new DmError(20033, "config", "internal", "medium", "shard mode " + mode + " not supported", "",
        "Please check the `shard-mode` config in task configuration file, which can be set to `pessimistic`/`optimistic`.");
  }

  static DmError openApiSourceNotFound() {
    return new DmError(49002, "openapi", "internal", "high", "data source configuration not found", "",
        "Please check if the data source exists in the configuration file.");
  }

  static DmError unexpected(String message) {
    return new DmError(49001, "openapi", "internal", "high", message, "", "");
  }
}
