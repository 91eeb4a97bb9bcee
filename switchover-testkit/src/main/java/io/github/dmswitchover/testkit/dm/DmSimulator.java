package io.github.dmswitchover.testkit.dm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DM-master simulator: one or several masters on loopback ports serving DM's control surfaces for
 * a chosen {@link DmProfile} (gateway {@code /apis/v1alpha1}, OpenAPI {@code /api/v1},
 * {@code /status}, and a {@link #dmctl() dmctl launcher}), over simulated workers whose subtasks
 * really replicate from the upstream servers in their source configurations.
 *
 * <pre>{@code
 * try (DmSimulator dm = DmSimulator.builder().withProfile(DmProfile.V8_5).withMasters(3).start()) {
 *   dm.addSource(SourceConfig.builder("mysql-01").withAddress(vip.host(), vip.port()).withGtid(true).build());
 *   dm.startTask(TaskConfig.builder("orders").withSource("mysql-01", "").build());
 *   String leader = dm.leaderAddress();                  // point your DM client here
 *   dm.inject(Fault.on("PUT", "/apis/v1alpha1/tasks/.*").dropConnection());
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DmSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DmSimulator.class);

  private final DmProfile profile;
  private final SimCluster cluster;
  private final MasterService service;
  private final GatewayApi gateway;
  private final OpenApi openApi;
  private final DmctlStandIn dmctl;
  private final List<MasterNode> nodes = new ArrayList<>();
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService scheduler;
  private final List<Fault> faults = new ArrayList<>();
  private final Map<Fault, Integer> fired = new LinkedHashMap<>();
  private final List<RecordedExchange> exchanges = Collections.synchronizedList(new ArrayList<>());
  private final boolean tls;
  private Path launcherDir;

  private DmSimulator(Builder b) {
    this.profile = b.profile;
    this.tls = b.tls != null;
    this.httpExecutor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dm-sim-http");
      t.setDaemon(true);
      return t;
    });
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "dm-sim-scheduler");
      t.setDaemon(true);
      return t;
    });
    int masters = profile == DmProfile.V1_0 ? 1 : b.masters;
    List<String> masterNames = new ArrayList<>();
    for (int i = 1; i <= masters; i++) {
      masterNames.add("master" + i);
    }
    List<String> workerNames = new ArrayList<>();
    for (int i = 1; i <= b.workers; i++) {
      workerNames.add("worker" + i);
    }
    SimSettings settings = new SimSettings(b.checkpointFlushInterval, b.unitDuration, b.autoResumeBackoff, b.autoResume,
        Duration.ZERO, b.electionDelay, b.heartbeat, b.reconnectAttempts);
    this.cluster = new SimCluster(profile, settings, b.streams != null ? b.streams : BinlogStreams.factory(), scheduler,
        tls, masterNames, workerNames);
    this.service = new MasterService(cluster);
    this.gateway = new GatewayApi(service);
    this.openApi = new OpenApi(cluster, service.status());
    this.dmctl = new DmctlStandIn(cluster, service);
    for (String name : masterNames) {
      nodes.add(new MasterNode(name, this, cluster, b.tls, b.requireClientCertificate, httpExecutor));
    }
  }

  /** Returns a builder: profile {@link DmProfile#V8_5}, three masters, two workers. */
  public static Builder builder() {
    return new Builder();
  }

  private DmSimulator startAll() {
    for (MasterNode n : nodes) {
      n.start();
      synchronized (cluster) {
        SimCluster.MasterState m = cluster.master(n.name());
        m.port = n.port();
        m.peerPort = n.port() + 30;
      }
    }
    LOG.info("DM simulator {} started: masters {}", profile.releaseVersion(), masterAddresses());
    return this;
  }

  // ---- surfaces ----

  SimCluster cluster() {
    return cluster;
  }

  MasterService service() {
    return service;
  }

  GatewayApi gateway() {
    return gateway;
  }

  OpenApi openApi() {
    return openApi;
  }

  DmctlStandIn dmctlStandIn() {
    return dmctl;
  }

  /** Returns the profile being simulated. */
  public DmProfile profile() {
    return profile;
  }

  /** Returns every master's {@code host:port}, in order, including stopped ones. */
  public List<String> masterAddresses() {
    List<String> out = new ArrayList<>();
    for (MasterNode n : nodes) {
      out.add("127.0.0.1:" + n.port());
    }
    return out;
  }

  /** Returns the base URL of a master, e.g. {@code http://127.0.0.1:40123}. */
  public String baseUrl(String master) {
    return (tls ? "https://" : "http://") + "127.0.0.1:" + node(master).port();
  }

  /** Returns the master names: {@code master1}, {@code master2}, … */
  public List<String> masterNames() {
    return nodes.stream().map(MasterNode::name).toList();
  }

  /**
   * Returns the current leader's {@code host:port}.
   *
   * @throws IllegalStateException while no master leads (between a leader's death and the election)
   */
  public String leaderAddress() {
    return cluster.leaderState().map(SimCluster.MasterState::address)
        .orElseThrow(() -> new IllegalStateException("no DM-master leads right now"));
  }

  /** Returns the current leader's name, if one leads. */
  public Optional<String> leader() {
    return cluster.leader();
  }

  // ---- cluster control ----

  /** Makes another (alive) master the leader, as an election would. */
  public void changeLeader(String master) {
    cluster.changeLeader(master);
  }

  /** Stops a master: its port refuses connections; if it led, another is elected after the election delay. */
  public void killMaster(String master) {
    node(master).stop();
    cluster.masterDown(master);
  }

  /** Starts a stopped master again on its port. */
  public void restartMaster(String master) {
    node(master).start();
    cluster.masterUp(master);
  }

  /**
   * Sets whether followers can forward to the leader; when they cannot, gateway and dmctl calls on a
   * follower answer error 38043 and proxied OpenAPI calls 502 (DM-FACTS a.3).
   */
  public void setFollowersReachLeader(boolean reach) {
    cluster.setFollowersReachLeader(reach);
  }

  /** Takes a worker offline; its source moves to a free worker (subtasks continue from their checkpoint) or stays unbound. */
  public void loseWorker(String worker) {
    cluster.loseWorker(worker);
  }

  /** Brings a lost worker back. */
  public void restoreWorker(String worker) {
    cluster.restoreWorker(worker);
  }

  /**
   * DM 1.0's address change: the deployment tool rewrites a worker's upstream and restarts it
   * (tasks on the source must be stopped first).
   *
   * @throws IllegalStateException if tasks still use the source
   */
  public void reconfigureWorker(String sourceId, SourceConfig newConfig) {
    Objects.requireNonNull(newConfig, "newConfig");
    synchronized (cluster) {
      if (!cluster.tasksUsing(sourceId).isEmpty()) {
        throw new IllegalStateException("tasks " + cluster.tasksUsing(sourceId) + " still use " + sourceId + "; stop them first");
      }
      SimCluster.SourceState src = cluster.source(sourceId);
      if (!newConfig.sourceId().equals(sourceId)) {
        throw new IllegalArgumentException("the new configuration is for " + newConfig.sourceId() + ", not " + sourceId);
      }
      src.config = newConfig;
      src.workerConfig = newConfig;
      if (src.relay != null) {
        src.relay.stop();
        src.relay.switchRequested = true;
        src.relay.start();
      }
    }
  }

  // ---- setup shortcuts (no HTTP) ----

  /**
   * Adds a source as {@code operate-source create} would, binding it to a free worker.
   *
   * @return the worker it was bound to, empty if none was free
   */
  public Optional<String> addSource(SourceConfig config) {
    try {
      return cluster.createSource(config, Optional.empty());
    } catch (DmOperationException e) {
      throw new IllegalStateException(e.dmText(), e);
    }
  }

  /** Starts a task as {@code start-task} would. */
  public void startTask(TaskConfig task) {
    try {
      cluster.startTask(task, List.of(), false);
    } catch (DmOperationException e) {
      throw new IllegalStateException(e.dmText(), e);
    }
  }

  /** Returns a subtask's stage as DM prints it ({@code Running}, {@code Paused}, …). */
  public String subtaskStage(String task, String source) {
    synchronized (cluster) {
      return cluster.subtask(task, source).stage.name();
    }
  }

  /** Returns a subtask's unit ({@code Sync}, …). */
  public String subtaskUnit(String task, String source) {
    synchronized (cluster) {
      return cluster.subtask(task, source).unit.protoName();
    }
  }

  /** Returns the flushed checkpoint GTID set of a task on a source, as DM prints it, if the task has one. */
  public Optional<String> checkpoint(String task, String source) {
    synchronized (cluster) {
      for (String schema : List.of(cluster.findTask(task).map(t -> t.config.metaSchema()).orElse("dm_meta"), "dm_meta")) {
        Optional<SimCluster.Checkpoint> cp = cluster.storedCheckpoint(schema, task, source);
        if (cp.isPresent()) {
          return Optional.of(cp.get().gtids().toDmString());
        }
      }
      return Optional.empty();
    }
  }

  /** Returns the relay sub-directory of a source (empty if relay is off or has not connected). */
  public String relaySubDirectory(String source) {
    synchronized (cluster) {
      SimCluster.SourceState s = cluster.source(source);
      return s.relay == null ? "" : s.relay.subDir();
    }
  }

  /**
   * Makes the relay of a source stop reading while it stays Running, so that it falls behind as the
   * upstream commits ({@code relayCatchUpMaster} turns false), until {@link #releaseRelay}.
   *
   * @throws IllegalArgumentException if the source is unknown or has no relay
   */
  public void holdRelay(String source) {
    relayOf(source).held = true;
  }

  /** Lets a held relay read again. */
  public void releaseRelay(String source) {
    relayOf(source).held = false;
  }

  private RelayRuntime relayOf(String source) {
    synchronized (cluster) {
      SimCluster.SourceState s = cluster.source(source);
      if (s.relay == null) {
        throw new IllegalArgumentException("source " + source + " has no relay");
      }
      return s.relay;
    }
  }

  /** Holds a subtask in a unit (Dump or Load) until {@link #releaseSubtask}. */
  public void holdSubtaskIn(String task, String source, Unit unit) {
    Objects.requireNonNull(unit, "unit");
    synchronized (cluster) {
      SubtaskRuntime st = cluster.subtask(task, source);
      st.heldUnit = unit;
      if (st.unit != unit && st.stage == Stage.Running && unit != Unit.SYNC) {
        st.unit = unit;
      }
    }
  }

  /** Lets a held subtask continue to its next unit. */
  public void releaseSubtask(String task, String source) {
    synchronized (cluster) {
      SubtaskRuntime st = cluster.subtask(task, source);
      st.heldUnit = null;
      cluster.advanceUnit(st, st.generation());
    }
  }

  /** Adds an unresolved shard DDL lock; the owner's subtask shows it as its {@code unresolvedDDLLockID}. */
  public void addShardDdlLock(ShardDdlLock lock) {
    Objects.requireNonNull(lock, "lock");
    synchronized (cluster) {
      cluster.locks.add(lock);
      cluster.findTask(lock.task()).ifPresent(t -> t.subtasks.values().forEach(st -> {
        if (lock.involves(st.source)) {
          st.unresolvedLockId = lock.id();
        }
      }));
    }
  }

  /**
   * Resolves a shard DDL lock, as the DDL being executed by every member (or {@code unlock-ddl-lock})
   * would: it disappears and its subtasks no longer wait on it.
   *
   * @throws IllegalArgumentException if no such lock exists
   */
  public void resolveShardDdlLock(String id) {
    try {
      cluster.unlock(Objects.requireNonNull(id, "id"));
    } catch (DmOperationException e) {
      throw new IllegalArgumentException("no shard DDL lock " + id, e);
    }
  }

  /** Sets the DDLs a subtask is blocked on ({@code blockingDDLs}). */
  public void setBlockingDdls(String task, String source, List<String> ddls) {
    synchronized (cluster) {
      cluster.subtask(task, source).blockingDdls = List.copyOf(ddls);
    }
  }

  // ---- faults and recording ----

  /** Adds a fault; the first matching fault fires. */
  public void inject(Fault fault) {
    synchronized (faults) {
      faults.add(Objects.requireNonNull(fault, "fault"));
    }
  }

  /** Removes every fault. */
  public void clearFaults() {
    synchronized (faults) {
      faults.clear();
      fired.clear();
    }
  }

  Fault takeFault(String master, String method, String path) {
    synchronized (faults) {
      for (Fault f : faults) {
        if (f.matches(master, method, path)) {
          int n = fired.merge(f, 1, Integer::sum);
          if (n >= f.times()) {
            faults.remove(f);
            fired.remove(f);
          }
          return f;
        }
      }
      return null;
    }
  }

  void record(HttpCall call, int status, Map<String, String> headers, String body) {
    if (call.path().equals(MasterNode.DMCTL_PATH)) {
      return;
    }
    exchanges.add(new RecordedExchange(call.master(), call.method(), call.path(), call.rawQuery(), call.headers(),
        call.body(), status, Map.copyOf(headers), body));
  }

  /** Returns the HTTP exchanges served so far (dmctl stand-in calls excluded), oldest first. */
  public List<RecordedExchange> exchanges() {
    synchronized (exchanges) {
      return List.copyOf(exchanges);
    }
  }

  /** Forgets the recorded exchanges. */
  public void clearExchanges() {
    exchanges.clear();
  }

  // ---- dmctl ----

  /**
   * Returns the path of a {@code dmctl} launcher that talks to this simulator like the real dmctl
   * (same arguments, same output); created on first use in a temporary folder.
   */
  public synchronized Path dmctl() {
    if (launcherDir == null) {
      try {
        launcherDir = Files.createTempDirectory("dm-sim-dmctl-");
        Path script = launcherDir.resolve("dmctl");
        String template;
        try (InputStream in = DmSimulator.class.getResourceAsStream("dmctl.sh")) {
          if (in == null) {
            throw new IllegalStateException("the dmctl launcher template is missing from switchover-testkit");
          }
          template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, template
            .replace("@JAVA@", shellQuote(java))
            .replace("@CLASSPATH@", shellQuote(System.getProperty("java.class.path")))
            .replace("@MAIN@", DmctlMain.class.getName()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the dmctl launcher: " + e.getMessage(), e);
      }
    }
    return launcherDir.resolve("dmctl");
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private MasterNode node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no master named " + name + "; masters are " + masterNames()));
  }

  /** Stops every master, syncer and relay and deletes the launcher. */
  @Override
  public void close() {
    for (MasterNode n : nodes) {
      n.stop();
    }
    synchronized (cluster) {
      for (SimCluster.TaskState t : cluster.allTasks().values()) {
        for (SubtaskRuntime st : t.subtasks.values()) {
          st.remove();
        }
      }
      for (SimCluster.SourceState s : cluster.allSources()) {
        if (s.relay != null) {
          s.relay.stop();
        }
      }
    }
    scheduler.shutdownNow();
    httpExecutor.shutdownNow();
    if (launcherDir != null) {
      try {
        Files.deleteIfExists(launcherDir.resolve("dmctl"));
        Files.deleteIfExists(launcherDir);
      } catch (IOException e) {
        LOG.debug("cannot delete {}: {}", launcherDir, e.toString());
      }
    }
  }

  /** Builds and starts a {@link DmSimulator}; not thread-safe. */
  public static final class Builder {
    private DmProfile profile = DmProfile.V8_5;
    private int masters = 3;
    private int workers = 2;
    private SSLContext tls;
    private boolean requireClientCertificate;
    private Duration checkpointFlushInterval = Duration.ofSeconds(1);
    private Duration unitDuration = Duration.ofMillis(300);
    private Duration autoResumeBackoff = Duration.ofSeconds(1);
    private boolean autoResume = true;
    private Duration electionDelay = Duration.ofMillis(300);
    private Duration heartbeat = Duration.ofSeconds(1);
    private int reconnectAttempts = 3;
    private UpstreamStream.Factory streams;

    private Builder() {}

    /** Sets the DM release to behave as (default {@link DmProfile#V8_5}). */
    public Builder withProfile(DmProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    /**
     * Sets the number of masters (default 3; DM 1.0 always has one).
     *
     * @throws IllegalArgumentException if not between 1 and 7
     */
    public Builder withMasters(int count) {
      if (count < 1 || count > 7) {
        throw new IllegalArgumentException("masters must be between 1 and 7, got " + count);
      }
      this.masters = count;
      return this;
    }

    /**
     * Sets the number of workers (default 2).
     *
     * @throws IllegalArgumentException if not between 1 and 32
     */
    public Builder withWorkers(int count) {
      if (count < 1 || count > 32) {
        throw new IllegalArgumentException("workers must be between 1 and 32, got " + count);
      }
      this.workers = count;
      return this;
    }

    /** Serves HTTPS with this context; with {@code requireClientCertificate} clients must present a certificate. */
    public Builder withTls(SSLContext serverContext, boolean requireClientCertificate) {
      this.tls = Objects.requireNonNull(serverContext, "serverContext");
      this.requireClientCertificate = requireClientCertificate;
      return this;
    }

    /**
     * Sets how often syncers flush their checkpoint (DM's {@code checkpoint-flush-interval}; default 1 s
     * here, 30 s in DM).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withCheckpointFlushInterval(Duration interval) {
      this.checkpointFlushInterval = positive(interval, "checkpointFlushInterval");
      return this;
    }

    /**
     * Sets how long the Dump and Load units take for {@code all} / {@code full} tasks (default 300 ms).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder withUnitDuration(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("unitDuration must not be negative, got " + duration);
      }
      this.unitDuration = duration;
      return this;
    }

    /**
     * Sets the task checker's backoff before auto-resuming a subtask or relay paused by a resumable
     * error (default 1 s).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withAutoResume(Duration backoff) {
      this.autoResumeBackoff = positive(backoff, "autoResume backoff");
      this.autoResume = true;
      return this;
    }

    /** Turns the task checker off: errors keep subtasks and relays paused. */
    public Builder withoutAutoResume() {
      this.autoResume = false;
      return this;
    }

    /**
     * Sets how long after a leader dies a new one is elected (default 300 ms).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder withElectionDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("electionDelay must not be negative, got " + delay);
      }
      this.electionDelay = delay;
      return this;
    }

    /**
     * Sets the heartbeat period asked of the upstream on binlog connections (default 1 s); a
     * connection silent for four periods counts as lost.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder withHeartbeat(Duration period) {
      this.heartbeat = positive(period, "heartbeat");
      return this;
    }

    /**
     * Sets how many times a lost binlog connection is retried before the subtask or relay pauses
     * with an error (default 3).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder withReconnectAttempts(int attempts) {
      if (attempts < 0) {
        throw new IllegalArgumentException("reconnectAttempts must not be negative, got " + attempts);
      }
      this.reconnectAttempts = attempts;
      return this;
    }

    Builder withStreams(UpstreamStream.Factory factory) {
      this.streams = factory;
      return this;
    }

    /** Starts the masters and returns the running simulator. */
    public DmSimulator start() {
      return new DmSimulator(this).startAll();
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
