package io.github.dmswitchover.dm;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which surface can do which operation on which DM version (DM-FACTS a.4, a.6, a.7, b.2, g), and
 * in which order the client prefers them. The gateway comes first for what it serves (dmctl's own
 * JSON, and the masters forward it to the leader); the OpenAPI where it is the better fit (source
 * status, relay on/off, enable/disable, transfer); dmctl for DM 1.0 and for what HTTP cannot do.
 */
final class SurfacePlan {
  /** What a particular call needs beyond the operation itself. */
  enum Need {
    /** createSource with a worker name ({@code -w}, {@code worker_name}: DM 6.0+). */
    WORKER,
    /** removeSource with force (OpenAPI v6.0+ only). */
    FORCE,
    /** stopTask on some of the task's sources only. */
    SOME_SOURCES,
    /** start-relay / stop-relay without worker names. */
    NO_WORKERS
  }

  private SurfacePlan() {}

  static List<Surface> preference(DmOperation op) {
    return switch (op) {
      case TASK_STATUS, PAUSE_TASK, RESUME_TASK, STOP_TASK -> List.of(Surface.GATEWAY, Surface.DMCTL, Surface.OPENAPI);
      case START_TASK, TASK_CONFIG -> List.of(Surface.GATEWAY, Surface.DMCTL, Surface.OPENAPI);
      case CREATE_SOURCE, REMOVE_SOURCE -> List.of(Surface.GATEWAY, Surface.DMCTL, Surface.OPENAPI);
      case LIST_MEMBERS, OFFLINE_MEMBER -> List.of(Surface.GATEWAY, Surface.OPENAPI, Surface.DMCTL);
      case GET_SOURCE -> List.of(Surface.OPENAPI, Surface.GATEWAY, Surface.DMCTL);
      case LIST_TASKS, SOURCE_STATUS, TASKS_USING_SOURCE, ENABLE_SOURCE, DISABLE_SOURCE, TRANSFER_SOURCE,
          START_RELAY, STOP_RELAY, PAUSE_RELAY, RESUME_RELAY -> List.of(Surface.OPENAPI, Surface.DMCTL, Surface.GATEWAY);
      case SWITCH_RELAY_MASTER, SHARD_DDL_LOCKS, VERSION -> List.of(Surface.DMCTL, Surface.GATEWAY, Surface.OPENAPI);
    };
  }

  /** Why {@code surface} cannot do {@code op} on {@code v} with these needs; empty if it can. */
  static Optional<String> refusal(Surface surface, DmOperation op, DmVersion v, Set<Need> needs) {
    return Optional.ofNullable(switch (surface) {
      case GATEWAY -> gateway(op, v, needs);
      case OPENAPI -> openApi(op, v, needs);
      case DMCTL -> dmctl(op, v, needs);
    });
  }

  private static String gateway(DmOperation op, DmVersion v, Set<Need> needs) {
    if (!v.atLeast(2, 0, 0)) {
      return "DM 1.0 has no gRPC-gateway; use dmctl";
    }
    return switch (op) {
      case TASK_STATUS, PAUSE_TASK, RESUME_TASK, STOP_TASK, START_TASK, LIST_MEMBERS, OFFLINE_MEMBER -> null;
      case TASK_CONFIG, GET_SOURCE -> v.atLeast(2, 0, 1) ? null : "GetCfg came with DM 2.0.1";
      case CREATE_SOURCE -> needs.contains(Need.WORKER) && !v.atLeast(6, 0, 0)
          ? "choosing the worker (OperateSource workerName) came with DM 6.0" : null;
      case REMOVE_SOURCE -> needs.contains(Need.FORCE) ? "OperateSource StopSource has no force; only the OpenAPI v6.0+ has it"
          : null;
      case LIST_TASKS, SOURCE_STATUS, TASKS_USING_SOURCE -> "the gateway's QueryStatus needs a task name";
      case ENABLE_SOURCE, DISABLE_SOURCE -> "enabling and disabling a source exist only in the OpenAPI v6.0+";
      case SWITCH_RELAY_MASTER -> "switch-relay-master exists only in DM 1.0";
      case TRANSFER_SOURCE, START_RELAY, STOP_RELAY, PAUSE_RELAY, RESUME_RELAY, SHARD_DDL_LOCKS, VERSION ->
          "the gateway does not serve " + op.command();
    };
  }

  private static String openApi(DmOperation op, DmVersion v, Set<Need> needs) {
    if (!v.atLeast(5, 3, 0)) {
      return "the OpenAPI came with DM 5.3";
    }
    boolean v6 = v.atLeast(6, 0, 0);
    return switch (op) {
      case TASK_STATUS, LIST_TASKS, SOURCE_STATUS, TASKS_USING_SOURCE, PAUSE_TASK, RESUME_TASK, GET_SOURCE, TRANSFER_SOURCE,
          LIST_MEMBERS, OFFLINE_MEMBER -> null;
      case STOP_TASK -> {
        if (!v6) {
          yield null;
        }
        if (!v.hasDeleteKeepMeta()) {
          yield "from v6.0 DELETE /api/v1/tasks/{name} deletes the downstream checkpoints, and this master is not known to "
              + "support keep_meta=true (older masters ignore it)";
        }
        yield needs.contains(Need.SOME_SOURCES) ? "DELETE /api/v1/tasks/{name} removes the task from every source" : null;
      }
      case START_TASK -> "the OpenAPI takes a JSON task, not the task YAML start-task takes";
      case TASK_CONFIG -> "the OpenAPI returns a JSON task, not the task YAML get-config returns";
      case CREATE_SOURCE -> needs.contains(Need.WORKER) && !v6 ? "worker_name came with the OpenAPI v6.0" : null;
      case REMOVE_SOURCE -> needs.contains(Need.FORCE) && !v6 ? "DELETE /api/v1/sources/{name}?force came with v6.0" : null;
      case ENABLE_SOURCE, DISABLE_SOURCE -> v6 ? null : "enabling and disabling a source came with the OpenAPI v6.0";
      case START_RELAY, STOP_RELAY -> !v6 && needs.contains(Need.NO_WORKERS)
          ? "v5.3/v5.4 start-relay and stop-relay need worker names" : null;
      case PAUSE_RELAY, RESUME_RELAY -> v6 ? "the OpenAPI has no pause-relay / resume-relay from v6.0 on" : null;
      case SWITCH_RELAY_MASTER -> "switch-relay-master exists only in DM 1.0";
      case SHARD_DDL_LOCKS -> "the OpenAPI has no shard DDL lock call";
      case VERSION -> "the version is read from GET /status";
    };
  }

  private static String dmctl(DmOperation op, DmVersion v, Set<Need> needs) {
    if (!v.atLeast(2, 0, 0)) {
      return switch (op) {
        case TASK_STATUS, LIST_TASKS, SOURCE_STATUS, TASKS_USING_SOURCE, PAUSE_TASK, RESUME_TASK, STOP_TASK, START_TASK,
            PAUSE_RELAY, RESUME_RELAY, SWITCH_RELAY_MASTER, SHARD_DDL_LOCKS -> null;
        case TASK_CONFIG, GET_SOURCE -> "get-config came with DM 2.0.1";
        case CREATE_SOURCE, REMOVE_SOURCE, TRANSFER_SOURCE -> "DM 1.0 keeps sources in the workers' own configuration";
        case ENABLE_SOURCE, DISABLE_SOURCE -> "enabling and disabling a source exist only in the OpenAPI v6.0+";
        case START_RELAY, STOP_RELAY -> "relay is always on in DM 1.0 (start-relay came with 2.0.2)";
        case LIST_MEMBERS, OFFLINE_MEMBER -> "DM 1.0 has one master and no list-member / offline-member";
        case VERSION -> "the version is read from GET /status";
      };
    }
    return switch (op) {
      case TASK_STATUS, LIST_TASKS, SOURCE_STATUS, TASKS_USING_SOURCE, PAUSE_TASK, RESUME_TASK, STOP_TASK, START_TASK,
          LIST_MEMBERS, OFFLINE_MEMBER, SHARD_DDL_LOCKS -> null;
      case TASK_CONFIG, GET_SOURCE -> v.atLeast(2, 0, 1) ? null : "get-config came with DM 2.0.1";
      case CREATE_SOURCE -> needs.contains(Need.WORKER) && !v.atLeast(6, 0, 0) ? "operate-source create -w came with DM 6.0"
          : null;
      case REMOVE_SOURCE -> needs.contains(Need.FORCE) ? "operate-source stop has no force; only the OpenAPI v6.0+ has it"
          : null;
      case TRANSFER_SOURCE -> v.atLeast(2, 0, 2) ? null : op.command() + " came with DM 2.0.2";
      case START_RELAY, STOP_RELAY -> {
        if (!v.atLeast(2, 0, 2)) {
          yield op.command() + " came with DM 2.0.2";
        }
        yield needs.contains(Need.NO_WORKERS) && !v.atLeast(5, 4, 0)
            ? "before 5.4 " + op.command() + " needs worker names (enable-relay is ignored from 2.0.2 to 5.3)" : null;
      }
      case PAUSE_RELAY, RESUME_RELAY -> v.atLeast(2, 0, 1) ? null : op.command() + " came back with DM 2.0.1";
      case ENABLE_SOURCE, DISABLE_SOURCE -> "enabling and disabling a source exist only in the OpenAPI v6.0+";
      case SWITCH_RELAY_MASTER -> "switch-relay-master exists only in DM 1.0; from 2.0.2 the relay follows a new "
          + "upstream by itself";
      case VERSION -> "the version is read from GET /status";
    };
  }
}
