package io.github.dmswitchover.dm;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for a DM cluster's masters, for every DM version from 1.0 on.
 *
 * <pre>{@code
 * DmClient dm = DmClient.builder()
 *     .withMasters("10.0.1.1:8261", "10.0.1.2:8261", "10.0.1.3:8261")
 *     .build();
 * DmVersion version = dm.version();                        // GET /status, cached
 * TaskStatus orders = dm.taskStatus("orders");
 * for (SubtaskStatus s : orders.subtasks()) {
 *   s.sync().map(SyncStatus::syncerBinlogGtid)             // a gtid-core set, by flavor
 *       .flatMap(DmGtids::mysql)
 *       .ifPresent(gtids -> System.out.println(s.source() + ": " + gtids.count() + " transactions replicated"));
 * }
 * OperationResult paused = dm.pauseTask("orders");
 * paused.failedSources().forEach(f -> System.out.println(f.source() + " failed: " + f.message()));
 * }</pre>
 *
 * <p><b>Surfaces.</b> DM-master has three control surfaces and none covers every version: the
 * gRPC-gateway {@code /apis/v1alpha1} (2.0+), the OpenAPI {@code /api/v1} (5.3+, when enabled)
 * and the {@code dmctl} binary ({@link Builder#withDmctl(Path)}; the only one on DM 1.0). The
 * client detects the version ({@code GET /status}) and picks a surface per operation: the gateway
 * for task status and task operations (dmctl's own JSON, forwarded to the leader by any master),
 * the OpenAPI for source status, relay on/off, enable/disable and transfer, dmctl for DM 1.0 and
 * for what HTTP cannot do (pause-relay and resume-relay on 6.0+, switch-relay-master, shard DDL
 * locks). {@link #surfaceFor(DmOperation)} tells which; {@link Builder#withSurface(Surface)} forces
 * one, and an operation it cannot do throws {@link DmUnsupportedOperationException} naming the
 * operation, the surface and the version.
 *
 * <p><b>Masters and leaders.</b> Calls go to the master that answered last; on a refused
 * connection or DM error 38043 (a follower that cannot reach the leader) the next master is tried,
 * and after a full round the client waits (see {@link Builder#withRetries}). A follower's 307
 * (DM 5.3–5.4.1 and 6.0.x) is followed with the same method and body; its Location always says
 * {@code http://}, so the client keeps its own scheme. Reads and writes DM makes idempotent (pause,
 * resume: they set an expected stage) are repeated after a failure that may have reached DM; other
 * writes only when they certainly did not (no connection, or 38043).
 *
 * <p><b>Stopping tasks.</b> {@link #stopTask} keeps the downstream checkpoints: gateway
 * {@code OperateTask} Stop up to 5.4 and Delete from 6.0, dmctl {@code stop-task}; never the
 * OpenAPI's {@code DELETE /api/v1/tasks/{name}} on 6.0–8.5, which deletes them.
 *
 * <p>Passwords never appear in this client's logs, exceptions or {@code toString}s. Instances are
 * immutable and thread-safe; share one per DM cluster. The detected version is cached per client
 * ({@link #detectVersion()} refreshes it).
 */
public final class DmClient {
  private static final Logger LOG = LoggerFactory.getLogger(DmClient.class);
  private static final int DEFAULT_PORT = 8261;

  private final Builder settings;
  private final HttpTransport transport;
  private final GatewayOps gateway;
  private final Optional<DmctlRunner> dmctl;
  private final Events events;
  private final AtomicReference<DmVersion> version = new AtomicReference<>();
  private final AtomicReference<Boolean> openApiEnabled = new AtomicReference<>();
  private final V1Deployment v1Deployment = new V1Deployment();

  private DmClient(Builder b, List<URI> masters, String scheme, SSLContext ssl) {
    this.settings = b.copy();
    this.events = new Events(b.listener, b.clock);
    HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
    if (ssl != null) {
      hb.sslContext(ssl);
    }
    RetryPolicy retry = new RetryPolicy(b.maxAttempts > 0 ? b.maxAttempts : 3 * masters.size(), b.initialBackoff, b.maxBackoff);
    this.transport = new HttpTransport(masters, scheme, hb.build(), b.requestTimeout, retry, b.sleeper, events);
    this.gateway = new GatewayOps(transport);
    List<String> hostPorts = masters.stream().map(URI::getRawAuthority).toList();
    this.dmctl = Optional.ofNullable(b.dmctl).map(path -> new DmctlRunner(path, hostPorts,
        Optional.ofNullable(b.tlsCa).map(ca -> new DmctlRunner.TlsFiles(ca, Optional.ofNullable(b.tlsCert),
            Optional.ofNullable(b.tlsKey))), b.dmctlTimeout, retry, b.sleeper, events));
  }

  /**
   * Returns a new builder.
   *
   * @return a builder with the defaults described on each {@code with} method
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this client's settings, to build a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return settings.copy();
  }

  // ================================================================== version and surfaces

  /**
   * Returns the DM version, detected with {@code GET /status} on first use and cached.
   *
   * @return the version
   * @throws DmTransportException if no master answers
   * @throws DmHttpException if the masters answer with an error status
   * @throws DmDecodeException if the answer has no release version
   */
  public DmVersion version() {
    DmVersion v = version.get();
    return v != null ? v : detectVersion();
  }

  /**
   * Detects the DM version again ({@code GET /status}) and forgets what was learned about the
   * surfaces; use it after an upgrade.
   *
   * @return the version
   * @throws DmTransportException if no master answers
   * @throws DmHttpException if the masters answer with an error status
   * @throws DmDecodeException if the answer has no release version
   */
  public DmVersion detectVersion() {
    HttpTransport.Response r = transport.send(new HttpTransport.Request(DmOperation.VERSION, Surface.GATEWAY, "GET", "/status",
        Optional.empty(), HttpTransport.Kind.READ, Set.of(200)));
    DmVersion v = DmVersion.parseStatus(r.body());
    version.set(v);
    openApiEnabled.set(null);
    v1Deployment.clear();
    LOG.debug("DM-master {} reports {}", r.master(), v);
    return v;
  }

  /**
   * Returns the surface this client would use for an operation now (detecting the version first).
   * {@link DmOperation#VERSION} is read from {@code GET /status} on the masters' HTTP port on every
   * version and is reported as {@link Surface#GATEWAY}.
   *
   * @param operation the operation
   * @return the surface
   * @throws DmUnsupportedOperationException if no usable surface can do it
   * @throws DmTransportException if the version cannot be detected
   */
  public Surface surfaceFor(DmOperation operation) {
    Objects.requireNonNull(operation, "operation");
    if (operation == DmOperation.VERSION) {
      return Surface.GATEWAY;
    }
    return choose(operation, Set.of());
  }

  private Surface choose(DmOperation op, Set<SurfacePlan.Need> needs) {
    DmVersion v = version();
    if (settings.surface != null) {
      Surface s = settings.surface;
      Optional<String> why = SurfacePlan.refusal(s, op, v, needs).or(() -> unavailable(s, v, op));
      if (why.isPresent()) {
        throw new DmUnsupportedOperationException(op, Optional.of(s), v, why.get());
      }
      return s;
    }
    List<String> reasons = new ArrayList<>();
    for (Surface s : SurfacePlan.preference(op)) {
      Optional<String> why = SurfacePlan.refusal(s, op, v, needs).or(() -> unavailable(s, v, op));
      if (why.isEmpty()) {
        return s;
      }
      reasons.add(s.label() + ": " + why.get());
    }
    throw new DmUnsupportedOperationException(op, Optional.empty(), v, String.join("; ", reasons));
  }

  private Optional<String> unavailable(Surface s, DmVersion v, DmOperation op) {
    return switch (s) {
      case GATEWAY -> Optional.empty();
      case DMCTL -> dmctl.isPresent() ? Optional.empty()
          : Optional.of("no dmctl binary is configured (DmClient.Builder.withDmctl)");
      case OPENAPI -> openApiEnabled(v, op) ? Optional.empty()
          : Optional.of("the OpenAPI is not enabled on this DM-master (openapi = true in its configuration)");
    };
  }

  private boolean openApiEnabled(DmVersion v, DmOperation op) {
    Boolean known = openApiEnabled.get();
    if (known == null) {
      known = new OpenApiOps(transport, v, settings.sleeper, settings.clock, settings.stopWait).probe(op);
      openApiEnabled.set(known);
    }
    return known;
  }

  private OpenApiOps openApi() {
    return new OpenApiOps(transport, version(), settings.sleeper, settings.clock, settings.stopWait);
  }

  private DmctlOps dmctl() {
    return new DmctlOps(dmctl.orElseThrow(), version(), v1Deployment);
  }

  private static String require(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  private static List<String> names(String[] values, String name) {
    Objects.requireNonNull(values, name);
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.add(require(v, name + " element"));
    }
    return List.copyOf(new LinkedHashSet<>(out));
  }

  // ================================================================== status

  /**
   * Returns a task's status ({@code query-status <task>}): every subtask with its stage, unit,
   * errors and positions, and per source its relay.
   *
   * @param task the task name
   * @return the status
   * @throws IllegalArgumentException if {@code task} is blank
   * @throws DmRefusedException if DM refuses, e.g. the task does not exist
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if no usable surface serves it
   */
  public TaskStatus taskStatus(String task) {
    require(task, "task");
    return switch (choose(DmOperation.TASK_STATUS, Set.of())) {
      case GATEWAY -> gateway.taskStatus(task);
      case DMCTL -> dmctl().taskStatus(task);
      case OPENAPI -> openApi().taskStatus(task);
    };
  }

  /**
   * Returns the status of every task: the task names (OpenAPI task list, or dmctl's summary), then
   * each task's status as {@link #taskStatus(String)} reads it. A task removed in between is left
   * out.
   *
   * @return the statuses, in DM's order
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if an answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if tasks cannot be listed (DM 2.0 without dmctl: the
   *     gateway's query-status needs a task name)
   */
  public List<TaskStatus> allTaskStatuses() {
    List<TaskStatus> out = new ArrayList<>();
    for (String task : taskNames()) {
      try {
        out.add(taskStatus(task));
      } catch (DmRefusedException e) {
        LOG.debug("task {} was listed but its status was refused (removed meanwhile?): {}", task, e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private List<String> taskNames() {
    return switch (choose(DmOperation.LIST_TASKS, Set.of())) {
      case OPENAPI -> openApi().tasks(DmOperation.LIST_TASKS).stream().map(Decode.OpenApiTask::name).toList();
      case DMCTL -> dmctl().summary(DmOperation.LIST_TASKS).stream().map(TaskSummary::task).toList();
      case GATEWAY -> throw new IllegalStateException("the plan never picks the gateway to list tasks");
    };
  }

  /**
   * Returns a source's status: the worker it is bound to and its relay ({@code query-status -s};
   * OpenAPI {@code GET /sources/{name}/status}, which does not print the relay's binlog position).
   * On DM 1.0 a worker address is accepted too.
   *
   * @param source the source id
   * @return the status
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmRefusedException if DM refuses, e.g. the source does not exist
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if no usable surface serves it (DM 2.0 without dmctl)
   */
  public SourceStatus sourceStatus(String source) {
    require(source, "source");
    return switch (choose(DmOperation.SOURCE_STATUS, Set.of())) {
      case OPENAPI -> openApi().sourceStatus(source);
      case DMCTL -> dmctl().sourceStatus(source);
      case GATEWAY -> throw new IllegalStateException("the plan never picks the gateway for source status");
    };
  }

  /**
   * Returns the names of the tasks that have a subtask on a source.
   *
   * @param source the source id (DM 1.0: or the worker address)
   * @return the task names, empty if none
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmRefusedException if DM refuses
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if no usable surface serves it (DM 2.0 without dmctl)
   */
  public List<String> tasksUsingSource(String source) {
    require(source, "source");
    return switch (choose(DmOperation.TASKS_USING_SOURCE, Set.of())) {
      case OPENAPI -> openApi().tasks(DmOperation.TASKS_USING_SOURCE).stream().filter(t -> t.sources().contains(source))
          .map(Decode.OpenApiTask::name).toList();
      case DMCTL -> dmctl().tasksUsingSource(source);
      case GATEWAY -> throw new IllegalStateException("the plan never picks the gateway to find tasks by source");
    };
  }

  // ================================================================== tasks

  /**
   * Pauses a task on the given sources, or on all of them ({@code pause-task}; OpenAPI v6.0+:
   * {@code stop}, whose stage reads Stopped). Idempotent in DM, so it is retried after failures.
   *
   * @param task the task name
   * @param sources the sources (DM 1.0: or worker addresses); none means all
   * @return DM's outcome per source
   * @throws IllegalArgumentException if a name is blank
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if the forced surface cannot do it
   */
  public OperationResult pauseTask(String task, String... sources) {
    return pauseOrResume(DmOperation.PAUSE_TASK, task, sources);
  }

  /**
   * Resumes a task on the given sources, or on all of them ({@code resume-task}; OpenAPI v6.0+:
   * {@code start}). Idempotent in DM, so it is retried after failures.
   *
   * @param task the task name
   * @param sources the sources (DM 1.0: or worker addresses); none means all
   * @return DM's outcome per source
   * @throws IllegalArgumentException if a name is blank
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if the forced surface cannot do it
   */
  public OperationResult resumeTask(String task, String... sources) {
    return pauseOrResume(DmOperation.RESUME_TASK, task, sources);
  }

  private OperationResult pauseOrResume(DmOperation op, String task, String[] sources) {
    require(task, "task");
    List<String> list = names(sources, "sources");
    boolean pause = op == DmOperation.PAUSE_TASK;
    return switch (choose(op, Set.of())) {
      case GATEWAY -> gateway.operateTask(op, pause ? "Pause" : "Resume", task, list);
      case DMCTL -> dmctl().operateTask(op, pause ? "pause-task" : "resume-task", task, list, HttpTransport.Kind.IDEMPOTENT);
      case OPENAPI -> pause ? openApi().pauseTask(task, list) : openApi().resumeTask(task, list);
    };
  }

  /**
   * Stops a task on the given sources, or on all of them, keeping the downstream checkpoints
   * ({@code stop-task}: gateway {@code OperateTask} Stop up to 5.4, Delete from 6.0). A later
   * {@link #startTask} continues from the checkpoints. The OpenAPI is used only when forced, and
   * then only where DM keeps the checkpoints (v5.3/5.4, or masters with {@code keep_meta}). Not
   * retried once it may have reached DM.
   *
   * @param task the task name
   * @param sources the sources (DM 1.0: or worker addresses); none means all
   * @return DM's outcome per source
   * @throws IllegalArgumentException if a name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if the forced surface cannot stop it without deleting
   *     the checkpoints
   */
  public OperationResult stopTask(String task, String... sources) {
    require(task, "task");
    List<String> list = names(sources, "sources");
    Set<SurfacePlan.Need> needs = list.isEmpty() ? Set.of() : EnumSet.of(SurfacePlan.Need.SOME_SOURCES);
    return switch (choose(DmOperation.STOP_TASK, needs)) {
      case GATEWAY -> gateway.operateTask(DmOperation.STOP_TASK, version().atLeast(6, 0, 0) ? "Delete" : "Stop", task, list);
      case DMCTL -> dmctl().operateTask(DmOperation.STOP_TASK, "stop-task", task, list, HttpTransport.Kind.ONCE);
      case OPENAPI -> openApi().stopTask(task, list);
    };
  }

  /**
   * Starts a task from its YAML configuration ({@code start-task}), on the given sources or all
   * of the task's sources. With {@code removeMeta} false an existing checkpoint is continued from.
   * Not retried once it may have reached DM.
   *
   * @param taskYaml the task configuration, as given to {@code dmctl start-task}
   * @param sources the sources (DM 1.0: or worker addresses); empty means all
   * @param removeMeta whether DM should delete the task's checkpoints first ({@code --remove-meta})
   * @return DM's outcome per source
   * @throws IllegalArgumentException if the YAML is blank or a source name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if the forced surface is the OpenAPI (it takes JSON tasks)
   */
  public OperationResult startTask(String taskYaml, List<String> sources, boolean removeMeta) {
    require(taskYaml, "taskYaml");
    List<String> list = names(Objects.requireNonNull(sources, "sources").toArray(String[]::new), "sources");
    return switch (choose(DmOperation.START_TASK, Set.of())) {
      case GATEWAY -> gateway.startTask(taskYaml, list, removeMeta);
      case DMCTL -> dmctl().startTask(taskYaml, list, removeMeta);
      case OPENAPI -> throw new IllegalStateException("the plan never picks the OpenAPI for start-task");
    };
  }

  /**
   * Returns a task's configuration as DM keeps it ({@code get-config task}): YAML with the
   * passwords masked ({@code ******}), as DM returns them. Keep your own copy to start the task
   * again.
   *
   * @param task the task name
   * @return the YAML
   * @throws IllegalArgumentException if {@code task} is blank
   * @throws DmRefusedException if DM refuses, e.g. the task does not exist
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0 (no get-config) or the OpenAPI surface
   */
  public String taskConfig(String task) {
    require(task, "task");
    String cfg = switch (choose(DmOperation.TASK_CONFIG, Set.of())) {
      case GATEWAY -> gateway.config(DmOperation.TASK_CONFIG, "TaskType", task);
      case DMCTL -> dmctl().config(DmOperation.TASK_CONFIG, "task", task);
      case OPENAPI -> throw new IllegalStateException("the plan never picks the OpenAPI for get-config");
    };
    return Secrets.mask(cfg);
  }

  // ================================================================== sources

  /**
   * Returns a source's configuration as DM keeps it, without its password.
   *
   * @param source the source id
   * @return the configuration
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmRefusedException if DM refuses, e.g. the source does not exist
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0 (sources live in the workers' configuration)
   */
  public SourceInfo getSource(String source) {
    require(source, "source");
    return switch (choose(DmOperation.GET_SOURCE, Set.of())) {
      case OPENAPI -> openApi().getSource(source);
      case GATEWAY -> Decode.yamlSource(gateway.config(DmOperation.GET_SOURCE, "SourceType", source),
          "get-config source " + source + " (gateway)");
      case DMCTL -> Decode.yamlSource(dmctl().config(DmOperation.GET_SOURCE, "source", source),
          "get-config source " + source + " (dmctl)");
    };
  }

  /**
   * Adds a source from its YAML configuration ({@code operate-source create}); DM binds it to a
   * free worker. Not retried once it may have reached DM.
   *
   * @param sourceYaml the source configuration, as given to {@code dmctl operate-source create}
   * @return DM's outcome for the source (its worker, or "no free worker" in the message)
   * @throws IllegalArgumentException if the YAML is blank, or (forced OpenAPI) holds settings the
   *     OpenAPI cannot express
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0
   */
  public OperationResult createSource(String sourceYaml) {
    return createSource(sourceYaml, Optional.empty());
  }

  /**
   * Adds a source from its YAML configuration and binds it to the named worker (DM 6.0+).
   *
   * @param sourceYaml the source configuration
   * @param worker the worker to bind it to
   * @return DM's outcome for the source
   * @throws IllegalArgumentException if the YAML or the worker is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException before DM 6.0
   */
  public OperationResult createSource(String sourceYaml, String worker) {
    return createSource(sourceYaml, Optional.of(require(worker, "worker")));
  }

  private OperationResult createSource(String sourceYaml, Optional<String> worker) {
    require(sourceYaml, "sourceYaml");
    Set<SurfacePlan.Need> needs = worker.isPresent() ? EnumSet.of(SurfacePlan.Need.WORKER) : Set.of();
    return switch (choose(DmOperation.CREATE_SOURCE, needs)) {
      case GATEWAY -> gateway.operateSource(DmOperation.CREATE_SOURCE, "StartSource", List.of(sourceYaml), List.of(), worker);
      case DMCTL -> dmctl().createSource(sourceYaml, worker);
      case OPENAPI -> openApi().createSource(sourceYaml, worker);
    };
  }

  /**
   * Removes a source ({@code operate-source stop}); DM refuses while tasks use it (46010) or relay
   * runs for it (46023).
   *
   * @param source the source id
   * @return DM's outcome
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0
   */
  public OperationResult removeSource(String source) {
    return removeSource(source, false);
  }

  /**
   * Removes a source; with {@code force}, DM first removes the subtasks of every task on it
   * (OpenAPI v6.0+ only; the checkpoints of those subtasks are kept).
   *
   * @param source the source id
   * @param force whether to remove the tasks' subtasks on the source too
   * @return DM's outcome
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException with {@code force} where the OpenAPI v6.0+ is not available
   */
  public OperationResult removeSource(String source, boolean force) {
    require(source, "source");
    Set<SurfacePlan.Need> needs = force ? EnumSet.of(SurfacePlan.Need.FORCE) : Set.of();
    return switch (choose(DmOperation.REMOVE_SOURCE, needs)) {
      case GATEWAY -> gateway.operateSource(DmOperation.REMOVE_SOURCE, "StopSource", List.of(), List.of(source), Optional.empty());
      case DMCTL -> dmctl().removeSource(source);
      case OPENAPI -> openApi().removeSource(source, force);
    };
  }

  /**
   * Enables a source and starts its tasks (OpenAPI v6.0+).
   *
   * @param source the source id
   * @return DM's outcome
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmUnsupportedOperationException before 6.0 or without the OpenAPI
   */
  public OperationResult enableSource(String source) {
    require(source, "source");
    choose(DmOperation.ENABLE_SOURCE, Set.of());
    return openApi().enable(DmOperation.ENABLE_SOURCE, source, true);
  }

  /**
   * Stops every task on a source (stage Stopped, tasks kept) and disables it (OpenAPI v6.0+).
   *
   * @param source the source id
   * @return DM's outcome
   * @throws IllegalArgumentException if {@code source} is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmUnsupportedOperationException before 6.0 or without the OpenAPI
   */
  public OperationResult disableSource(String source) {
    require(source, "source");
    choose(DmOperation.DISABLE_SOURCE, Set.of());
    return openApi().enable(DmOperation.DISABLE_SOURCE, source, false);
  }

  /**
   * Binds a source to another worker ({@code transfer-source}, DM 2.0.2+). Before 5.4 running
   * tasks on the source must be paused first; from 5.4 DM pauses and resumes them itself when all
   * are in Sync (46019 otherwise).
   *
   * @param source the source id
   * @param worker the worker to move it to
   * @return DM's outcome
   * @throws IllegalArgumentException if a name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0, or 2.0 without dmctl
   */
  public OperationResult transferSource(String source, String worker) {
    require(source, "source");
    require(worker, "worker");
    return switch (choose(DmOperation.TRANSFER_SOURCE, Set.of())) {
      case OPENAPI -> openApi().transferSource(source, worker);
      case DMCTL -> dmctl().transferSource(source, worker);
      case GATEWAY -> throw new IllegalStateException("the plan never picks the gateway for transfer-source");
    };
  }

  // ================================================================== relay

  /**
   * Starts relay for a source ({@code start-relay}; OpenAPI v6.0+ {@code relay/enable}), on the
   * named workers or (5.4+) the bound one.
   *
   * @param source the source id
   * @param workers the workers; none means the bound worker (DM 5.4+)
   * @return DM's outcome
   * @throws IllegalArgumentException if a name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0 (relay is always on), or 2.0 without dmctl
   */
  public OperationResult startRelay(String source, String... workers) {
    return relay(DmOperation.START_RELAY, source, workers);
  }

  /**
   * Stops relay for a source ({@code stop-relay}; OpenAPI v6.0+ {@code relay/disable}).
   *
   * @param source the source id
   * @param workers the workers; none means every relay worker of the source (DM 5.4+)
   * @return DM's outcome
   * @throws IllegalArgumentException if a name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0, or 2.0 without dmctl
   */
  public OperationResult stopRelay(String source, String... workers) {
    return relay(DmOperation.STOP_RELAY, source, workers);
  }

  private OperationResult relay(DmOperation op, String source, String[] workers) {
    require(source, "source");
    List<String> list = names(workers, "workers");
    Set<SurfacePlan.Need> needs = list.isEmpty() ? EnumSet.of(SurfacePlan.Need.NO_WORKERS) : Set.of();
    boolean start = op == DmOperation.START_RELAY;
    return switch (choose(op, needs)) {
      case OPENAPI -> openApi().relay(op, source, list, start);
      case DMCTL -> dmctl().relay(op, start ? "start-relay" : "stop-relay", source, list);
      case GATEWAY -> throw new IllegalStateException("the plan never picks the gateway for " + op.command());
    };
  }

  /**
   * Pauses the relay of the given sources ({@code pause-relay}; DM 1.0: the workers'). Only dmctl
   * can do this from DM 6.0 on.
   *
   * @param sources the sources (DM 1.0: or worker addresses); at least one
   * @return DM's outcome per source
   * @throws IllegalArgumentException if no source is given or a name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException where neither dmctl nor the v5.3/5.4 OpenAPI is available
   */
  public OperationResult pauseRelay(String... sources) {
    return pauseOrResumeRelay(DmOperation.PAUSE_RELAY, sources);
  }

  /**
   * Resumes the relay of the given sources ({@code resume-relay}), e.g. after error 30044 (a new
   * upstream server).
   *
   * @param sources the sources (DM 1.0: or worker addresses); at least one
   * @return DM's outcome per source
   * @throws IllegalArgumentException if no source is given or a name is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException where neither dmctl nor the v5.3/5.4 OpenAPI is available
   */
  public OperationResult resumeRelay(String... sources) {
    return pauseOrResumeRelay(DmOperation.RESUME_RELAY, sources);
  }

  private OperationResult pauseOrResumeRelay(DmOperation op, String[] sources) {
    List<String> list = names(sources, "sources");
    if (list.isEmpty()) {
      throw new IllegalArgumentException("sources must name at least one source");
    }
    boolean pause = op == DmOperation.PAUSE_RELAY;
    return switch (choose(op, Set.of())) {
      case OPENAPI -> openApi().pauseResumeRelay(op, list, pause);
      case DMCTL -> dmctl().pauseResumeRelay(op, pause ? "pause-relay" : "resume-relay", list);
      case GATEWAY -> throw new IllegalStateException("the plan never picks the gateway for " + op.command());
    };
  }

  /**
   * Lets the paused relay of the given DM 1.0 workers continue from a new upstream server
   * ({@code switch-relay-master}; needs {@code enable-gtid}). DM 2.0.2+ does this by itself.
   *
   * @param workers the worker addresses (or source ids); at least one
   * @return DM's outcome per worker
   * @throws IllegalArgumentException if no worker is given or a name is blank
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 2.0+, or without dmctl
   */
  public OperationResult switchRelayMaster(String... workers) {
    List<String> list = names(workers, "workers");
    if (list.isEmpty()) {
      throw new IllegalArgumentException("workers must name at least one worker");
    }
    choose(DmOperation.SWITCH_RELAY_MASTER, Set.of());
    return dmctl().switchRelayMaster(list);
  }

  // ================================================================== members

  /**
   * Returns the cluster's members ({@code list-member}): the leader, the masters with their
   * uint64 member ids, and the workers with their stage.
   *
   * @return the members
   * @throws DmRefusedException if DM refuses
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0
   */
  public ClusterMembers listMembers() {
    return switch (choose(DmOperation.LIST_MEMBERS, Set.of())) {
      case GATEWAY -> gateway.members();
      case OPENAPI -> openApi().members();
      case DMCTL -> dmctl().members();
    };
  }

  /**
   * Removes a master or worker that is down from the cluster ({@code offline-member}); DM refuses
   * while it is alive (46005 for a worker).
   *
   * @param type master or worker
   * @param name the member's name
   * @return DM's outcome
   * @throws IllegalArgumentException if {@code name} is blank
   * @throws DmTransportException if no master answers, or the connection failed after sending
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0
   */
  public OperationResult offlineMember(MemberType type, String name) {
    Objects.requireNonNull(type, "type");
    require(name, "name");
    return switch (choose(DmOperation.OFFLINE_MEMBER, Set.of())) {
      case GATEWAY -> gateway.offlineMember(type, name);
      case OPENAPI -> openApi().offlineMember(type, name);
      case DMCTL -> dmctl().offlineMember(type, name);
    };
  }

  // ================================================================== shard DDL locks

  /**
   * Returns the unresolved shard DDL locks, of one task or all ({@code shard-ddl-lock}; before
   * 5.3 {@code show-ddl-locks}). Only dmctl serves this: the gateway has no ShowDDLLocks.
   *
   * @param task the task, or empty for all tasks
   * @return the locks, empty if none
   * @throws IllegalArgumentException if the task is blank
   * @throws DmRefusedException if DM refuses
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException without dmctl
   */
  public List<ShardDdlLock> shardDdlLocks(Optional<String> task) {
    Objects.requireNonNull(task, "task");
    task.ifPresent(t -> require(t, "task"));
    choose(DmOperation.SHARD_DDL_LOCKS, Set.of());
    return dmctl().locks(task);
  }

  // ================================================================== checks

  /**
   * Checks the cluster as DM's operations guide does before maintenance: a leader is present, the
   * masters are alive (and a majority of them), and where the workers stand.
   *
   * @return the findings
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if the answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException on DM 1.0 (no list-member)
   */
  public ClusterHealth clusterHealth() {
    return ClusterHealth.of(listMembers());
  }

  /**
   * Checks whether a DM-worker can be restarted now: not while a shard DDL lock involves its
   * source, nor while one of its subtasks is in Dump or Load (DM's operations guide). Shard DDL
   * locks are read with dmctl; without dmctl the subtasks' lock ids and unresolved sharding groups
   * stand in, and a note says so.
   *
   * @param worker the worker's name (DM 1.0: its address)
   * @return the verdict with the reasons against a restart
   * @throws IllegalArgumentException if {@code worker} is blank
   * @throws DmTransportException if no master answers
   * @throws DmHttpException on an unexpected HTTP status
   * @throws DmDecodeException if an answer is not understood
   * @throws DmctlException if dmctl fails
   * @throws DmUnsupportedOperationException if the surfaces needed are not available
   */
  public RestartSafety workerRestartSafety(String worker) {
    require(worker, "worker");
    List<RestartBlocker> blockers = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Optional<String> source;
    List<String> lockMembers = new ArrayList<>();
    if (!version().atLeast(2, 0, 0)) {
      choose(DmOperation.SOURCE_STATUS, Set.of());
      source = dmctl().v1SourceMap().entrySet().stream().filter(e -> e.getValue().equals(worker))
          .map(java.util.Map.Entry::getKey).findFirst();
      if (source.isEmpty()) {
        try {
          SourceStatus s = dmctl().v1WorkerStatus(worker);
          source = Decode.nonEmpty(s.source());
        } catch (DmRefusedException e) {
          blockers.add(new RestartBlocker(RestartBlocker.Kind.UNKNOWN_WORKER, "", "DM-worker " + worker
              + " is not known to DM-master: " + e.dmMessage()));
          return new RestartSafety(worker, Optional.empty(), blockers, notes);
        }
      }
      lockMembers.add(worker);
    } else {
      ClusterMembers members = listMembers();
      Optional<WorkerMember> w = members.worker(worker)
          .or(() -> members.workers().stream().filter(m -> m.address().equals(worker)).findFirst());
      if (w.isEmpty()) {
        blockers.add(new RestartBlocker(RestartBlocker.Kind.UNKNOWN_WORKER, "", "DM-worker " + worker + " is not a member"));
        return new RestartSafety(worker, Optional.empty(), blockers, notes);
      }
      if (w.get().stage() == WorkerStage.OFFLINE) {
        notes.add("DM-worker " + worker + " is offline: restarting it interrupts nothing DM-master knows of");
        return new RestartSafety(worker, w.get().source(), blockers, notes);
      }
      source = w.get().source();
    }
    if (source.isEmpty()) {
      notes.add("DM-worker " + worker + " serves no source");
      return new RestartSafety(worker, source, blockers, notes);
    }
    String src = source.get();
    lockMembers.add(src);
    List<SubtaskStatus> subtasks = new ArrayList<>();
    for (String task : tasksUsingSource(src)) {
      try {
        taskStatus(task).subtask(src).ifPresent(subtasks::add);
      } catch (DmRefusedException e) {
        LOG.debug("task {} vanished while checking DM-worker {}: {}", task, worker, e.getMessage());
      }
    }
    for (SubtaskStatus s : subtasks) {
      if (s.stage() == Stage.FINISHED || s.stage() == Stage.STOPPED) {
        continue;
      }
      if (s.unit() == Unit.DUMP) {
        blockers.add(new RestartBlocker(RestartBlocker.Kind.DUMP_UNIT, s.task(), "subtask " + s.task() + " on " + src
            + " is dumping (stage " + s.stage().dmName() + "); a restart starts the dump again"));
      } else if (s.unit() == Unit.LOAD) {
        blockers.add(new RestartBlocker(RestartBlocker.Kind.LOAD_UNIT, s.task(), "subtask " + s.task() + " on " + src
            + " is loading (stage " + s.stage().dmName() + "); a restart can leave a partial load"));
      }
    }
    boolean dmctlLocks = dmctl.isPresent() && (settings.surface == null || settings.surface == Surface.DMCTL);
    if (dmctlLocks) {
      for (ShardDdlLock lock : shardDdlLocks(Optional.empty())) {
        if (lockMembers.stream().anyMatch(lock::involves)) {
          blockers.add(new RestartBlocker(RestartBlocker.Kind.SHARD_DDL_LOCK, lock.task(), "shard DDL lock " + lock.id()
              + " (" + (lock.mode().isEmpty() ? "" : lock.mode() + ", ") + "owner " + lock.owner() + ") involves " + src));
        }
      }
    } else {
      notes.add("shard DDL locks were read from the subtasks' status only (no dmctl to run shard-ddl-lock)");
      for (SubtaskStatus s : subtasks) {
        if (s.unresolvedDdlLockId().isPresent()) {
          blockers.add(new RestartBlocker(RestartBlocker.Kind.SHARD_DDL_LOCK, s.task(), "subtask " + s.task() + " on " + src
              + " waits on shard DDL lock " + s.unresolvedDdlLockId().get()));
        } else if (s.sync().map(x -> !x.unresolvedGroups().isEmpty() || !x.blockingDdls().isEmpty()).orElse(false)) {
          blockers.add(new RestartBlocker(RestartBlocker.Kind.SHARD_DDL_LOCK, s.task(), "subtask " + s.task() + " on " + src
              + " has unresolved sharding groups or blocking DDLs"));
        }
      }
    }
    return new RestartSafety(worker, source, blockers, notes);
  }

  /**
   * Returns the masters and the surfaces configured; never a secret.
   *
   * @return a description of this client
   */
  @Override
  public String toString() {
    return "DmClient[masters=" + transport.masters() + ", dmctl=" + (dmctl.isPresent() ? settings.dmctl : "none")
        + ", surface=" + (settings.surface == null ? "auto" : settings.surface) + ", version="
        + Optional.ofNullable(version.get()).map(DmVersion::text).orElse("not detected yet") + "]";
  }

  // ================================================================== builder

  /**
   * Builds a {@link DmClient}. Each setter checks its value and fails naming the setting;
   * {@link #build()} checks how the settings fit together. Not thread-safe; {@code build()}
   * snapshots the settings, so a builder can be changed and built again.
   */
  public static final class Builder {
    private List<String> masters = List.of();
    private Path tlsCa;
    private Path tlsCert;
    private Path tlsKey;
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Path dmctl;
    private Duration dmctlTimeout = Duration.ofSeconds(90);
    private Surface surface;
    private int maxAttempts;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(3);
    private Sleeper sleeper = Sleeper.system();
    private Clock clock = Clock.systemUTC();
    private DmEventListener listener = new DmEventListener() {};
    private Duration stopWait = Duration.ofSeconds(60);

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.masters = masters;
      b.tlsCa = tlsCa;
      b.tlsCert = tlsCert;
      b.tlsKey = tlsKey;
      b.sslContext = sslContext;
      b.connectTimeout = connectTimeout;
      b.requestTimeout = requestTimeout;
      b.dmctl = dmctl;
      b.dmctlTimeout = dmctlTimeout;
      b.surface = surface;
      b.maxAttempts = maxAttempts;
      b.initialBackoff = initialBackoff;
      b.maxBackoff = maxBackoff;
      b.sleeper = sleeper;
      b.clock = clock;
      b.listener = listener;
      b.stopWait = stopWait;
      return b;
    }

    /**
     * Sets the masters: {@code host:port} (port 8261 if omitted) or {@code http(s)://host:port}.
     * Required.
     *
     * @param hostPortOrUrls the masters' client addresses
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is blank or malformed
     */
    public Builder withMasters(String... hostPortOrUrls) {
      Objects.requireNonNull(hostPortOrUrls, "masters");
      return withMasters(Arrays.asList(hostPortOrUrls));
    }

    /**
     * Sets the masters; see {@link #withMasters(String...)}.
     *
     * @param hostPortOrUrls the masters' client addresses
     * @return this builder
     * @throws IllegalArgumentException if the list is empty or an entry is blank or malformed
     */
    public Builder withMasters(List<String> hostPortOrUrls) {
      Objects.requireNonNull(hostPortOrUrls, "masters");
      if (hostPortOrUrls.isEmpty()) {
        throw new IllegalArgumentException("masters must name at least one DM-master");
      }
      for (String m : hostPortOrUrls) {
        if (m == null || m.isBlank()) {
          throw new IllegalArgumentException("masters must not contain a blank address, got " + hostPortOrUrls);
        }
        parseMaster(m);
      }
      this.masters = List.copyOf(hostPortOrUrls);
      return this;
    }

    /**
     * Uses TLS with the PEM files DM uses: the CA ({@code ssl-ca}), the client certificate
     * ({@code ssl-cert}) and its key ({@code ssl-key}; PKCS#8, or PKCS#1 RSA). dmctl is given the
     * same files.
     *
     * @param ca the CA certificate(s)
     * @param cert the client certificate
     * @param key the client's private key
     * @return this builder
     * @throws IllegalArgumentException if a file is not readable
     */
    public Builder withTls(Path ca, Path cert, Path key) {
      this.tlsCa = readable(ca, "tls ca");
      this.tlsCert = readable(cert, "tls cert");
      this.tlsKey = readable(key, "tls key");
      return this;
    }

    /**
     * Uses TLS trusting the given CA, without a client certificate.
     *
     * @param ca the CA certificate(s)
     * @return this builder
     * @throws IllegalArgumentException if the file is not readable
     */
    public Builder withTls(Path ca) {
      this.tlsCa = readable(ca, "tls ca");
      this.tlsCert = null;
      this.tlsKey = null;
      return this;
    }

    /**
     * Uses TLS with this context (HTTP only: dmctl needs the PEM files of {@link #withTls}).
     *
     * @param context the client's TLS context
     * @return this builder
     */
    public Builder withSslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "sslContext");
      return this;
    }

    /**
     * Sets how long a connection may take (default 5 s).
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder withConnectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how long one HTTP request may take (default 60 s; DM's own rpc-timeout is 30 s).
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder withRequestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * Uses this dmctl binary where dmctl is the surface (DM 1.0, pause-relay on 6.0+, shard DDL
     * locks, …). It is run with {@code --master-addr} set to every master.
     *
     * @param binary the dmctl executable
     * @return this builder
     * @throws IllegalArgumentException if it is not an executable file
     */
    public Builder withDmctl(Path binary) {
      Objects.requireNonNull(binary, "dmctl");
      if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
        throw new IllegalArgumentException("dmctl must be an executable file, got " + binary);
      }
      this.dmctl = binary;
      return this;
    }

    /**
     * Sets how long one dmctl run may take before it is killed (default 90 s).
     *
     * @param timeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder withDmctlTimeout(Duration timeout) {
      this.dmctlTimeout = positive(timeout, "dmctlTimeout");
      return this;
    }

    /**
     * Forces one surface for every operation; an operation it cannot do then throws
     * {@link DmUnsupportedOperationException} instead of using another surface.
     *
     * @param surface the surface
     * @return this builder
     */
    public Builder withSurface(Surface surface) {
      this.surface = Objects.requireNonNull(surface, "surface");
      return this;
    }

    /**
     * Sets the retries: at most {@code maxAttempts} attempts per call (each to the next master;
     * default three rounds over the masters), waiting {@code initialBackoff}, doubling up to
     * {@code maxBackoff}, after every full round (default 200 ms up to 3 s).
     *
     * @param maxAttempts the attempts per call, at least 1
     * @param initialBackoff the first wait
     * @param maxBackoff the longest wait
     * @return this builder
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1, a wait is negative, or
     *     {@code maxBackoff} is shorter than {@code initialBackoff}
     */
    public Builder withRetries(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retries maxAttempts must be at least 1, got " + maxAttempts);
      }
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
        throw new IllegalArgumentException("retries backoff must not be negative, got " + initialBackoff + " / " + maxBackoff);
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("retries maxBackoff " + maxBackoff + " is shorter than initialBackoff "
            + initialBackoff);
      }
      this.maxAttempts = maxAttempts;
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /**
     * Sets what waits between retries and while polling (default: the thread sleeps).
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder withSleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Sets the clock for deadlines and event durations (default UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder withClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the listener for call events (default none).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder withListener(DmEventListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long {@link DmClient#stopTask} waits, on the OpenAPI with {@code keep_meta}, for the
     * subtasks to reach Stopped before deleting the task (default 60 s).
     *
     * @param wait the longest wait
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder withStopWait(Duration wait) {
      this.stopWait = positive(wait, "stopWait");
      return this;
    }

    /**
     * Builds the client. Nothing is contacted yet.
     *
     * @return the client
     * @throws IllegalArgumentException if no master is set, TLS is configured twice or does not fit
     *     the masters' schemes, dmctl is to use TLS without PEM files, or the PEM files cannot be read
     */
    public DmClient build() {
      if (masters.isEmpty()) {
        throw new IllegalArgumentException("masters: at least one DM-master is required (withMasters)");
      }
      if (tlsCa != null && sslContext != null) {
        throw new IllegalArgumentException("tls: withTls and withSslContext are alternatives; set one");
      }
      boolean tls = tlsCa != null || sslContext != null;
      Set<String> schemes = new LinkedHashSet<>();
      List<URI> uris = new ArrayList<>();
      for (String m : masters) {
        URI u = parseMaster(m);
        if (u.getScheme() != null) {
          schemes.add(u.getScheme());
        }
        uris.add(u);
      }
      if (schemes.size() > 1) {
        throw new IllegalArgumentException("masters mix http:// and https://: " + masters);
      }
      if (tls && schemes.contains("http")) {
        throw new IllegalArgumentException("masters: http:// URLs with TLS configured: " + masters);
      }
      String scheme = tls || schemes.contains("https") ? "https" : "http";
      if (scheme.equals("https") && dmctl != null && tlsCa == null) {
        throw new IllegalArgumentException("dmctl: over TLS dmctl needs the PEM files (withTls), it cannot use an SSLContext");
      }
      List<URI> bases = new ArrayList<>();
      for (URI u : uris) {
        bases.add(URI.create(scheme + "://" + u.getRawAuthority()));
      }
      SSLContext ssl = sslContext;
      if (tlsCa != null) {
        try {
          ssl = PemTls.context(tlsCa, Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey));
        } catch (IOException | GeneralSecurityException e) {
          throw new IllegalArgumentException("tls: cannot read the PEM files: " + e.getMessage(), e);
        }
      } else if (scheme.equals("https") && ssl == null) {
        try {
          ssl = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalArgumentException("tls: no default TLS context in this JVM", e);
        }
      }
      return new DmClient(this, List.copyOf(bases), scheme, ssl);
    }

    /** {@code host:port}, {@code host} or {@code http(s)://host[:port][/]} as a URI with a port. */
    private static URI parseMaster(String text) {
      String t = text.strip();
      URI u;
      try {
        u = URI.create(t.contains("://") ? t : "//" + t);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("masters: \"" + text + "\" is not host:port or a URL", e);
      }
      if (u.getScheme() != null && !u.getScheme().equals("http") && !u.getScheme().equals("https")) {
        throw new IllegalArgumentException("masters: \"" + text + "\" must use http or https");
      }
      if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null
          || u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
        throw new IllegalArgumentException("masters: \"" + text + "\" is not host:port or a base URL");
      }
      int port = u.getPort() < 0 ? DEFAULT_PORT : u.getPort();
      String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
      return URI.create((u.getScheme() == null ? "" : u.getScheme() + ":") + "//" + host + ":" + port);
    }

    private static Path readable(Path p, String name) {
      Objects.requireNonNull(p, name);
      if (!Files.isReadable(p) || !Files.isRegularFile(p)) {
        throw new IllegalArgumentException(name + " must be a readable file, got " + p);
      }
      return p;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
