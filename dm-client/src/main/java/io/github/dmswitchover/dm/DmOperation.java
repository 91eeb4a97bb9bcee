package io.github.dmswitchover.dm;

/**
 * The operations {@link DmClient} offers, named after the dmctl command each corresponds to; used
 * in events, exceptions and {@link DmClient#surfaceFor(DmOperation)}.
 *
 * <p>Enum constants are immutable and thread-safe.
 */
public enum DmOperation {
  /** {@code GET /status}: the release version. */
  VERSION("status"),
  /** {@code query-status <task>}. */
  TASK_STATUS("query-status <task>"),
  /** The names of all tasks ({@code query-status} without arguments). */
  LIST_TASKS("query-status (task list)"),
  /** {@code query-status -s <source>}: the source and its relay. */
  SOURCE_STATUS("query-status -s <source>"),
  /** The tasks that have a subtask on a source. */
  TASKS_USING_SOURCE("tasks using a source"),
  /** {@code pause-task}. */
  PAUSE_TASK("pause-task"),
  /** {@code resume-task}. */
  RESUME_TASK("resume-task"),
  /** {@code stop-task}, keeping the downstream checkpoints. */
  STOP_TASK("stop-task"),
  /** {@code start-task}. */
  START_TASK("start-task"),
  /** {@code get-config task}. */
  TASK_CONFIG("get-config task"),
  /** A source's configuration ({@code get-config source}). */
  GET_SOURCE("get-config source"),
  /** {@code operate-source create}. */
  CREATE_SOURCE("operate-source create"),
  /** {@code operate-source stop}. */
  REMOVE_SOURCE("operate-source stop"),
  /** OpenAPI enable source (v6.0+). */
  ENABLE_SOURCE("enable source"),
  /** OpenAPI disable source (v6.0+). */
  DISABLE_SOURCE("disable source"),
  /** {@code transfer-source}. */
  TRANSFER_SOURCE("transfer-source"),
  /** {@code start-relay}. */
  START_RELAY("start-relay"),
  /** {@code stop-relay}. */
  STOP_RELAY("stop-relay"),
  /** {@code pause-relay}. */
  PAUSE_RELAY("pause-relay"),
  /** {@code resume-relay}. */
  RESUME_RELAY("resume-relay"),
  /** {@code switch-relay-master} (DM 1.0 only). */
  SWITCH_RELAY_MASTER("switch-relay-master"),
  /** {@code list-member}. */
  LIST_MEMBERS("list-member"),
  /** {@code offline-member}. */
  OFFLINE_MEMBER("offline-member"),
  /** {@code shard-ddl-lock} / {@code show-ddl-locks}. */
  SHARD_DDL_LOCKS("shard-ddl-lock");

  private final String command;

  DmOperation(String command) {
    this.command = command;
  }

  /**
   * Returns the dmctl command this operation corresponds to, e.g. {@code pause-task}.
   *
   * @return the command text
   */
  public String command() {
    return command;
  }
}
