package io.github.dmswitchover.testkit.dm;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated DM cluster: masters, workers, sources, tasks with their subtasks, relays, the
 * downstream checkpoints and shard DDL locks. Every surface (gateway, OpenAPI, dmctl) operates on
 * this one state, so what one surface does the others see.
 *
 * <p>Thread-safe: every method runs under this object's monitor.
 */
final class SimCluster {
  private static final Logger LOG = LoggerFactory.getLogger(SimCluster.class);

  /** Texts for which DM (v5.4+) does not auto-resume (DM-FACTS d.2). */
  private static final List<String> UNRESUMABLE_CAUSES = List.of(
      "Could not find first log file name in binary log index file",
      "The slave is connecting using CHANGE MASTER TO MASTER_AUTO_POSITION = 1, but the master has purged binary logs containing GTIDs that the slave requires");

  /** A master node's membership data. */
  static final class MasterState {
    final String name;
    final BigInteger memberId;
    int port;
    int peerPort;
    boolean alive = true;
    boolean removed;

    MasterState(String name, BigInteger memberId) {
      this.name = name;
      this.memberId = memberId;
    }

    String clientUrl(boolean tls) {
      return (tls ? "https" : "http") + "://127.0.0.1:" + port;
    }

    String peerUrl(boolean tls) {
      return (tls ? "https" : "http") + "://127.0.0.1:" + peerPort;
    }

    String address() {
      return "127.0.0.1:" + port;
    }
  }

  /** A worker node. */
  static final class WorkerState {
    final String name;
    final String address;
    boolean online = true;
    String boundSource;
    String relaySource;

    WorkerState(String name, String address) {
      this.name = name;
      this.address = address;
    }

    /** {@code offline}, {@code free}, {@code bound} or {@code relay} (DM-FACTS a.4). */
    String stage() {
      if (!online) {
        return "offline";
      }
      if (boundSource != null) {
        return "bound";
      }
      return relaySource != null ? "relay" : "free";
    }
  }

  /** A source: what the master stores and what the bound worker uses. */
  static final class SourceState {
    SourceConfig config;
    /** The configuration the bound worker runs with (tiflow #12817: not refreshed by PUT). */
    SourceConfig workerConfig;
    boolean enabled = true;
    boolean mariadb;
    String worker;
    RelayRuntime relay;
    final long generatedServerId;

    SourceState(SourceConfig config, boolean mariadb, long generatedServerId) {
      this.config = config;
      this.workerConfig = config;
      this.mariadb = mariadb;
      this.generatedServerId = generatedServerId;
    }

    long serverId() {
      return config.serverId().orElse(generatedServerId);
    }
  }

  /** A task and its subtasks by source. */
  static final class TaskState {
    TaskConfig config;
    /** The OpenAPI {@code Task} as created through OpenAPI (null when created from YAML). */
    com.fasterxml.jackson.databind.node.ObjectNode openApiTask;
    final LinkedHashMap<String, SubtaskRuntime> subtasks = new LinkedHashMap<>();

    TaskState(TaskConfig config) {
      this.config = config;
    }
  }

  /** A downstream checkpoint (what DM keeps in its meta schema). */
  record Checkpoint(DmGtidSet gtids, String file, long position) {}

  private final DmProfile profile;
  private final SimSettings settings;
  private final UpstreamStream.Factory streams;
  private final ScheduledExecutorService scheduler;
  private final boolean tls;
  final List<MasterState> masters = new ArrayList<>();
  private String leader;
  private boolean followersReachLeader = true;
  final LinkedHashMap<String, WorkerState> workers = new LinkedHashMap<>();
  final LinkedHashMap<String, SourceState> sources = new LinkedHashMap<>();
  final LinkedHashMap<String, TaskState> tasks = new LinkedHashMap<>();
  private final Map<String, Checkpoint> checkpoints = new HashMap<>();
  final List<ShardDdlLock> locks = new ArrayList<>();
  private long nextServerId = 429_400_0001L;

  SimCluster(DmProfile profile, SimSettings settings, UpstreamStream.Factory streams, ScheduledExecutorService scheduler,
      boolean tls, List<String> masterNames, List<String> workerNames) {
    this.profile = profile;
    this.settings = settings;
    this.streams = streams;
    this.scheduler = scheduler;
    this.tls = tls;
    // Member ids are uint64 and real ones exceed Long.MAX_VALUE (DM-FACTS b.1, list-member sample).
    BigInteger id = new BigInteger("11007177379717700053");
    for (String m : masterNames) {
      masters.add(new MasterState(m, id));
      id = id.add(BigInteger.valueOf(7_919_137_131L));
    }
    leader = masterNames.get(0);
    int port = 8262;
    for (String w : workerNames) {
      workers.put(w, new WorkerState(w, "127.0.0.1:" + port++));
    }
  }

  // ---- plumbing ----

  DmProfile profile() {
    return profile;
  }

  SimSettings settings() {
    return settings;
  }

  UpstreamStream.Factory streams() {
    return streams;
  }

  boolean tls() {
    return tls;
  }

  void after(Duration delay, Runnable action) {
    scheduler.schedule(() -> {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("simulator background step failed: {}", e.toString());
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits a little outside the monitor (reconnect backoff of the simulated readers). */
  void pauseBriefly(Duration d) {
    LockSupport.parkNanos(d.toNanos());
  }

  synchronized UpstreamStream.Request streamRequest(SourceState src, DmGtidSet start) {
    return streamRequest(src, start, 0);
  }

  /**
   * A binlog dump request with the source's server id, offset for the second and later subtask of a
   * source: a server ends an older dump that announced the same id, so concurrent readers need their own.
   */
  synchronized UpstreamStream.Request streamRequest(SourceState src, DmGtidSet start, int serverIdOffset) {
    SourceConfig cfg = src.workerConfig;
    long serverId = ((src.serverId() - 1 + serverIdOffset) % 0xFFFF_FFFFL) + 1;
    return new UpstreamStream.Request(cfg.host(), cfg.port(), cfg.user(), cfg.password(), src.mariadb, serverId,
        start.copy(), Duration.ofSeconds(3), settings.heartbeat().multipliedBy(4), settings.heartbeat());
  }

  // ---- masters ----

  synchronized Optional<String> leader() {
    return Optional.ofNullable(leader);
  }

  synchronized boolean isLeader(String master) {
    return master.equals(leader);
  }

  synchronized boolean followersReachLeader() {
    return followersReachLeader;
  }

  synchronized void setFollowersReachLeader(boolean reach) {
    followersReachLeader = reach;
  }

  synchronized MasterState master(String name) {
    return masters.stream().filter(m -> m.name.equals(name) && !m.removed).findFirst()
        .orElseThrow(() -> new DmOperationException(DmError.masterNotExist(name)));
  }

  synchronized Optional<MasterState> leaderState() {
    return leader == null ? Optional.empty() : masters.stream().filter(m -> m.name.equals(leader)).findFirst();
  }

  synchronized void changeLeader(String name) {
    MasterState m = master(name);
    if (!m.alive) {
      throw new IllegalStateException("master " + name + " is down and cannot become the leader");
    }
    leader = name;
    LOG.info("dm-master leader is now {}", name);
  }

  /** A master went down: if it led, another alive master is elected after the election delay. */
  synchronized void masterDown(String name) {
    MasterState m = master(name);
    m.alive = false;
    if (name.equals(leader)) {
      leader = null;
      after(settings.electionDelay(), this::elect);
    }
  }

  synchronized void masterUp(String name) {
    master(name).alive = true;
    if (leader == null) {
      elect();
    }
  }

  private synchronized void elect() {
    if (leader != null) {
      return;
    }
    masters.stream().filter(m -> m.alive && !m.removed).findFirst().ifPresent(m -> {
      leader = m.name;
      LOG.info("dm-master {} elected leader", m.name);
    });
  }

  synchronized void offlineMaster(String name) {
    MasterState m = master(name);
    if (m.alive) {
      throw new DmOperationException("dm-master " + name + " is still alive; stop it before offline-member");
    }
    m.removed = true;
  }

  // ---- workers ----

  synchronized WorkerState worker(String name) {
    WorkerState w = workers.get(name);
    if (w == null) {
      throw new DmOperationException(DmError.workerNotExist(name));
    }
    return w;
  }

  /** A worker was lost: its source moves to a free worker (subtasks restart from the checkpoint) or stays unbound. */
  synchronized void loseWorker(String name) {
    WorkerState w = worker(name);
    w.online = false;
    String source = w.boundSource;
    w.boundSource = null;
    w.relaySource = null;
    if (source == null) {
      return;
    }
    SourceState src = sources.get(source);
    src.worker = null;
    for (SubtaskRuntime st : subtasksOf(source)) {
      st.detachFromWorker();
    }
    if (src.relay != null) {
      src.relay.stop();
    }
    bindFree(src);
  }

  synchronized void restoreWorker(String name) {
    WorkerState w = worker(name);
    w.online = true;
    for (SourceState src : sources.values()) {
      if (src.worker == null && w.boundSource == null) {
        bindFree(src);
      }
    }
  }

  synchronized void offlineWorker(String name) {
    WorkerState w = worker(name);
    if (w.online) {
      throw new DmOperationException(DmError.workerStillOnline(name));
    }
    workers.remove(name);
  }

  private boolean bindFree(SourceState src) {
    for (WorkerState w : workers.values()) {
      if (w.online && w.boundSource == null && (w.relaySource == null || w.relaySource.equals(src.config.sourceId()))) {
        bind(src, w);
        return true;
      }
    }
    return false;
  }

  private void bind(SourceState src, WorkerState w) {
    w.boundSource = src.config.sourceId();
    src.worker = w.name;
    src.workerConfig = src.config;
    if (src.relay != null) {
      src.relay.start();
    }
    for (SubtaskRuntime st : subtasksOf(src.config.sourceId())) {
      if (st.stage == Stage.Running) {
        st.stage = Stage.Paused;
        st.resume();
      }
    }
  }

  // ---- sources ----

  synchronized SourceState source(String id) {
    SourceState s = sources.get(id);
    if (s == null) {
      throw new DmOperationException(DmError.sourceNotExist(id));
    }
    return s;
  }

  synchronized Optional<SourceState> findSource(String id) {
    return Optional.ofNullable(sources.get(id));
  }

  /** Adds a source and binds it to a free worker (or the named one); returns the worker, empty if none was free. */
  synchronized Optional<String> createSource(SourceConfig cfg, Optional<String> workerName) {
    if (sources.containsKey(cfg.sourceId())) {
      throw new DmOperationException(DmError.sourceExists(cfg.sourceId()));
    }
    boolean mariadb = UpstreamStatus.isMariadb(cfg);
    SourceState src = new SourceState(cfg, mariadb, nextServerId++);
    if (workerName.isPresent()) {
      WorkerState w = worker(workerName.get());
      if (!w.online || w.boundSource != null) {
        throw new DmOperationException(DmError.workerNotFree(w.name));
      }
    }
    sources.put(cfg.sourceId(), src);
    if (relayHonoursConfig() && cfg.enableRelay()) {
      src.relay = new RelayRuntime(this, cfg.sourceId(), relayStart(src));
    }
    if (workerName.isPresent()) {
      bind(src, workers.get(workerName.get()));
    } else {
      bindFree(src);
    }
    return Optional.ofNullable(src.worker);
  }

  /** 2.0.2–5.3.x ignore {@code enable-relay}; before and after they honour it (DM-FACTS c.1). */
  private boolean relayHonoursConfig() {
    return profile == DmProfile.V1_0 || profile.atLeast(5, 4, 0) || !profile.atLeast(2, 0, 2);
  }

  synchronized void removeSource(String id, boolean force) {
    SourceState src = source(id);
    List<String> using = tasksUsing(id);
    if (!using.isEmpty()) {
      if (!force) {
        throw new DmOperationException(DmError.sourceHasTasks(id, "[" + String.join(" ", using) + "]"));
      }
      for (String task : using) {
        TaskState t = tasks.get(task);
        SubtaskRuntime st = t.subtasks.remove(id);
        if (st != null) {
          st.remove();
        }
        if (t.subtasks.isEmpty()) {
          tasks.remove(task);
        }
      }
    }
    if (src.relay != null && !force) {
      List<String> relayWorkers = new ArrayList<>();
      for (WorkerState w : workers.values()) {
        if (id.equals(w.relaySource)) {
          relayWorkers.add(w.name);
        }
      }
      if (!relayWorkers.isEmpty() || src.relay.stage == Stage.Running || src.relay.stage == Stage.Paused) {
        throw new DmOperationException(DmError.sourceHasRelayWorkers(id,
            "[" + String.join(" ", relayWorkers.isEmpty() ? List.of(src.worker == null ? "" : src.worker) : relayWorkers) + "]"));
      }
    }
    if (src.relay != null) {
      src.relay.stop();
      src.relay = null;
    }
    for (WorkerState w : workers.values()) {
      if (id.equals(w.boundSource)) {
        w.boundSource = null;
      }
      if (id.equals(w.relaySource)) {
        w.relaySource = null;
      }
    }
    sources.remove(id);
  }

  /** OpenAPI PUT (v6+): refused while tasks run or relay is on; the bound worker keeps the old configuration. */
  synchronized SourceConfig updateSource(SourceConfig cfg) {
    SourceState src = source(cfg.sourceId());
    boolean running = subtasksOf(cfg.sourceId()).stream().anyMatch(st -> st.stage == Stage.Running);
    if (running || src.relay != null) {
      throw new DmOperationException(DmError.sourceUpdateRefused(cfg.sourceId()));
    }
    src.config = cfg;
    src.mariadb = UpstreamStatus.isMariadb(cfg);
    return cfg;
  }

  synchronized void enableSource(String id) {
    SourceState src = source(id);
    if (src.worker == null) {
      throw new DmOperationException(DmError.noSourceInWorker());
    }
    src.enabled = true;
    for (SubtaskRuntime st : subtasksOf(id)) {
      st.workerConfigRefresh();
      st.resume();
    }
  }

  synchronized void disableSource(String id) {
    SourceState src = source(id);
    for (SubtaskRuntime st : subtasksOf(id)) {
      st.stopKeepingTask();
    }
    src.enabled = false;
  }

  synchronized void transferSource(String id, String workerName) {
    SourceState src = source(id);
    WorkerState target = worker(workerName);
    if (!target.online || target.boundSource != null) {
      throw new DmOperationException(DmError.workerNotFree(workerName));
    }
    List<SubtaskRuntime> running = subtasksOf(id).stream().filter(st -> st.stage == Stage.Running).toList();
    if (!running.isEmpty()) {
      if (!profile.transferPausesTasks()) {
        throw new DmOperationException("source " + id + " has running tasks " + running.stream().map(st -> st.task).toList()
            + ", please pause them before transfer-source");
      }
      List<String> notSync = running.stream().filter(st -> st.unit != Unit.SYNC).map(st -> st.task).toList();
      if (!notSync.isEmpty()) {
        throw new DmOperationException(DmError.transferNeedsSync(notSync.toString(), id));
      }
    }
    for (SubtaskRuntime st : running) {
      st.detachFromWorker();
    }
    if (src.worker != null) {
      workers.get(src.worker).boundSource = null;
    }
    bind(src, target);
  }

  // ---- relay ----

  private DmGtidSet relayStart(SourceState src) {
    if (src.config.relayBinlogGtid().isPresent()) {
      return DmGtidSet.parse(src.config.relayBinlogGtid().get(), src.mariadb);
    }
    DmGtidSet earliest = null;
    for (SubtaskRuntime st : subtasksOf(src.config.sourceId())) {
      Optional<Checkpoint> cp = st.checkpoint();
      if (cp.isPresent() && (earliest == null || earliest.contains(cp.get().gtids()))) {
        earliest = cp.get().gtids();
      }
    }
    // Without a configured start or a subtask checkpoint the relay pulls from the upstream's oldest binlog.
    return earliest != null ? earliest.copy() : DmGtidSet.empty(src.mariadb);
  }

  synchronized void startRelay(String id, List<String> workerNames) {
    SourceState src = source(id);
    for (String w : workerNames) {
      WorkerState ws = worker(w);
      ws.relaySource = id;
    }
    if (src.relay == null) {
      src.relay = new RelayRuntime(this, id, relayStart(src));
      if (src.worker != null) {
        src.relay.start();
      }
    }
  }

  synchronized void stopRelay(String id, List<String> workerNames) {
    SourceState src = source(id);
    for (WorkerState w : workers.values()) {
      if (id.equals(w.relaySource) && (workerNames.isEmpty() || workerNames.contains(w.name))) {
        w.relaySource = null;
      }
    }
    if (src.relay != null) {
      src.relay.stop();
      src.relay = null;
    }
  }

  synchronized void pauseRelay(String id) {
    SourceState src = source(id);
    RelayRuntime r = requireRelay(src);
    if (r.stage != Stage.Running) {
      throw new DmOperationException(DmError.relayStage(r.stage.name(), "Running", "PauseRelay"));
    }
    r.pause();
  }

  synchronized void resumeRelay(String id) {
    SourceState src = source(id);
    RelayRuntime r = requireRelay(src);
    if (r.stage != Stage.Paused) {
      throw new DmOperationException(DmError.relayStage(r.stage.name(), "Paused", "ResumeRelay"));
    }
    r.resume();
  }

  /** DM 1.0: allows the paused relay's next connection to reach a new server, in a new sub-directory. */
  synchronized void switchRelayMaster(String id) {
    SourceState src = source(id);
    if (!src.config.enableGtid()) {
      throw new DmOperationException(DmError.relaySwitchNeedsGtid());
    }
    RelayRuntime r = requireRelay(src);
    if (r.stage != Stage.Paused) {
      throw new DmOperationException(DmError.relayStage(r.stage.name(), "Paused", "SwitchRelayMaster"));
    }
    r.switchRequested = true;
  }

  private RelayRuntime requireRelay(SourceState src) {
    if (src.relay == null) {
      throw new DmOperationException(DmError.relayStage("Stopped", "Running", "relay is not enabled for " + src.config.sourceId()));
    }
    return src.relay;
  }

  synchronized void relayFailed(RelayRuntime relay, DmError error) {
    relay.fail(error);
    scheduleAutoResume(() -> {
      synchronized (this) {
        if (relay.stage == Stage.Paused && relay.errors.size() == 1 && relay.errors.get(0) == error) {
          LOG.info("auto-resuming relay {} after {}", relay.source, error.code());
          relay.resume();
        }
      }
    }, error);
  }

  // ---- tasks ----

  synchronized TaskConfig taskConfig(String name) {
    TaskState t = tasks.get(name);
    if (t == null) {
      throw new DmOperationException(DmError.taskNotExist(name));
    }
    return t.config;
  }

  synchronized Optional<TaskState> findTask(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  synchronized List<String> tasksUsing(String source) {
    List<String> names = new ArrayList<>();
    tasks.forEach((name, t) -> {
      if (t.subtasks.containsKey(source)) {
        names.add(name);
      }
    });
    return names;
  }

  synchronized List<SubtaskRuntime> subtasksOf(String source) {
    List<SubtaskRuntime> list = new ArrayList<>();
    for (TaskState t : tasks.values()) {
      SubtaskRuntime st = t.subtasks.get(source);
      if (st != null) {
        list.add(st);
      }
    }
    return list;
  }

  synchronized List<String> sourcesOfTask(String name) {
    TaskState t = tasks.get(name);
    return t == null ? List.of() : new ArrayList<>(t.subtasks.keySet());
  }

  synchronized SubtaskRuntime subtask(String task, String source) {
    TaskState t = tasks.get(task);
    SubtaskRuntime st = t == null ? null : t.subtasks.get(source);
    if (st == null) {
      throw new DmOperationException(DmError.subtasksNotExist(task));
    }
    return st;
  }

  /**
   * dmctl start-task / gateway StartTask: creates the subtasks and starts them. Throws with DM's
   * error when the sources are unknown or unbound or the subtasks exist.
   */
  synchronized List<String> startTask(TaskConfig cfg, List<String> only, boolean removeMeta) {
    List<String> chosen = chooseSources(cfg, only);
    validateSources(cfg, chosen);
    TaskState existing = tasks.get(cfg.name());
    List<String> clash = existing == null ? List.of() : chosen.stream().filter(existing.subtasks::containsKey).toList();
    if (!clash.isEmpty()) {
      throw new DmOperationException(DmError.subtasksExist(cfg.name(), "[" + String.join(" ", clash) + "]"));
    }
    if (removeMeta) {
      for (String s : chosen) {
        checkpoints.remove(key(cfg.name(), s, cfg.metaSchema()));
      }
    }
    requireMeta(cfg, chosen);
    TaskState t = existing != null ? existing : new TaskState(cfg);
    t.config = cfg;
    tasks.put(cfg.name(), t);
    for (String s : chosen) {
      SubtaskRuntime st = new SubtaskRuntime(this, cfg.name(), s);
      t.subtasks.put(s, st);
      st.start();
    }
    return chosen;
  }

  /** OpenAPI v6 create: the subtasks exist in stage Stopped until started (DM-FACTS a.4). */
  synchronized void createTaskStopped(TaskConfig cfg) {
    if (tasks.containsKey(cfg.name())) {
      throw new DmOperationException(DmError.subtasksExist(cfg.name(), "[" + String.join(" ", sourceIds(cfg)) + "]"));
    }
    List<String> chosen = sourceIds(cfg);
    validateSources(cfg, chosen);
    TaskState t = new TaskState(cfg);
    tasks.put(cfg.name(), t);
    for (String s : chosen) {
      SubtaskRuntime st = new SubtaskRuntime(this, cfg.name(), s);
      st.stage = Stage.Stopped;
      st.stoppedNotPaused = true;
      t.subtasks.put(s, st);
    }
  }

  /** OpenAPI v6 start: refused on a disabled source; an incremental task needs meta or a checkpoint. */
  synchronized void startTaskOpenApi(String name, List<String> only, boolean removeMeta) {
    TaskState t = tasks.get(name);
    if (t == null) {
      throw new DmOperationException(DmError.taskNotExist(name));
    }
    List<String> chosen = only.isEmpty() ? new ArrayList<>(t.subtasks.keySet()) : only;
    for (String s : chosen) {
      SourceState src = source(s);
      if (!src.enabled) {
        throw new DmOperationException("source: " + s + " is not enabled");
      }
      if (!t.subtasks.containsKey(s)) {
        throw new DmOperationException(DmError.sourcesNotExist("[" + s + "]"));
      }
    }
    if (removeMeta) {
      for (String s : chosen) {
        checkpoints.remove(key(name, s, t.config.metaSchema()));
      }
    }
    requireMeta(t.config, chosen);
    for (String s : chosen) {
      SubtaskRuntime st = t.subtasks.get(s);
      if (st.stage == Stage.Stopped && st.unit == Unit.CHECK) {
        st.start();
      } else {
        st.resume();
      }
    }
  }

  /** OpenAPI v6 stop: stage Stopped, the task and its checkpoint stay (≈ pause-task). */
  synchronized void stopTaskOpenApi(String name, List<String> only) {
    TaskState t = tasks.get(name);
    if (t == null) {
      throw new DmOperationException(DmError.taskNotExist(name));
    }
    for (String s : only.isEmpty() ? t.subtasks.keySet() : only) {
      SubtaskRuntime st = t.subtasks.get(s);
      if (st == null) {
        throw new DmOperationException(DmError.sourcesNotExist("[" + s + "]"));
      }
      st.stopKeepingTask();
    }
  }

  /**
   * OpenAPI v6+ delete: refused unless every subtask is paused or stopped (or {@code force}); the
   * downstream checkpoints are deleted, unless {@code keepMeta} on a master that has it.
   */
  synchronized void deleteTaskOpenApi(String name, boolean force, boolean keepMeta) {
    TaskState t = tasks.get(name);
    if (t == null) {
      throw new DmOperationException(DmError.taskNotExist(name));
    }
    if (!force) {
      for (SubtaskRuntime st : t.subtasks.values()) {
        if (st.stage == Stage.Running || st.stage == Stage.Pausing || st.stage == Stage.Resuming) {
          throw new DmOperationException("task " + name + " have running subtasks, please stop them or delete task with force.");
        }
      }
    }
    for (SubtaskRuntime st : t.subtasks.values()) {
      st.remove();
      if (!(keepMeta && profile.deleteTaskKeepMeta())) {
        checkpoints.remove(key(name, st.source, t.config.metaSchema()));
      }
    }
    tasks.remove(name);
  }

  /** The per-source outcome of a task operation. */
  record SourceOutcome(String source, String worker, boolean result, String msg) {}

  /**
   * gateway OperateTask / dmctl pause-task, resume-task, stop-task: {@code op} is Pause, Resume,
   * Stop (≤ 5.4) or Delete (≥ 6.0); the others are refused with 38041, as DM does.
   */
  synchronized List<SourceOutcome> operateTask(String op, String name, List<String> only) {
    List<String> chosen = only.isEmpty() ? sourcesOfTask(name) : only;
    if (chosen.isEmpty()) {
      throw new DmOperationException("task " + name + " has no source or not exist, please check the task name and status");
    }
    boolean allowed = switch (op) {
      case "Pause", "Resume" -> true;
      case "Stop" -> !profile.stopTaskIsDelete();
      case "Delete" -> profile.stopTaskIsDelete();
      default -> false;
    };
    if (!allowed) {
      throw new DmOperationException(DmError.invalidOp(op, "task"));
    }
    TaskState t = tasks.get(name);
    List<String> missing = chosen.stream().filter(s -> t == null || !t.subtasks.containsKey(s)).toList();
    if (!missing.isEmpty()) {
      throw new DmOperationException(DmError.subtasksNotExist(name));
    }
    List<SourceOutcome> out = new ArrayList<>();
    for (String s : chosen) {
      SubtaskRuntime st = t.subtasks.get(s);
      switch (op) {
        case "Pause" -> st.pause();
        case "Resume" -> {
          st.workerConfigRefresh();
          st.resume();
        }
        default -> {
          st.remove();
          flushNow(st);
          t.subtasks.remove(s);
        }
      }
      SourceState src = sources.get(s);
      out.add(new SourceOutcome(s, src == null || src.worker == null ? "" : src.worker, true, ""));
    }
    if (t.subtasks.isEmpty()) {
      tasks.remove(name);
    }
    out.sort((a, b) -> a.source().compareTo(b.source()));
    return out;
  }

  private void flushNow(SubtaskRuntime st) {
    if (st.unit == Unit.SYNC && st.applied != null) {
      st.flush();
    }
  }

  private List<String> chooseSources(TaskConfig cfg, List<String> only) {
    List<String> all = sourceIds(cfg);
    if (only.isEmpty()) {
      return all;
    }
    for (String s : only) {
      if (!all.contains(s)) {
        throw new DmOperationException("source not found in task's config");
      }
    }
    return new ArrayList<>(only);
  }

  private static List<String> sourceIds(TaskConfig cfg) {
    return cfg.instances().stream().map(TaskConfig.Instance::sourceId).toList();
  }

  private void validateSources(TaskConfig cfg, List<String> chosen) {
    for (String s : chosen) {
      if (!sources.containsKey(s)) {
        throw new DmOperationException(DmError.sourceNotInDeployment(s));
      }
    }
    List<String> unbound = chosen.stream().filter(s -> sources.get(s).worker == null).toList();
    if (!unbound.isEmpty()) {
      throw new DmOperationException(DmError.sourcesNotBound("[" + String.join(" ", unbound) + "]"));
    }
  }

  private void requireMeta(TaskConfig cfg, List<String> chosen) {
    if (cfg.mode() != TaskConfig.Mode.INCREMENTAL) {
      return;
    }
    for (String s : chosen) {
      boolean hasCheckpoint = checkpoints.containsKey(key(cfg.name(), s, cfg.metaSchema()));
      boolean hasMeta = cfg.instance(s).map(i -> i.metaBinlogGtid().isPresent() || i.metaBinlogName().isPresent()).orElse(false);
      if (!hasCheckpoint && !hasMeta) {
        throw new DmOperationException(DmError.metaMissing(s, "incremental"));
      }
    }
  }

  // ---- runtime callbacks ----

  synchronized void advanceUnit(SubtaskRuntime st, int generation) {
    if (st.generation() == generation) {
      st.advance();
    }
  }

  synchronized void subtaskFailed(SubtaskRuntime st, DmError error) {
    st.failWith(error);
    int gen = st.generation();
    scheduleAutoResume(() -> {
      synchronized (this) {
        if (st.generation() == gen && st.stage == Stage.Paused && !st.canceled && !st.errors.isEmpty()) {
          LOG.info("auto-resuming {}/{} after error {}", st.task, st.source, error.code());
          st.resume();
        }
      }
    }, error);
  }

  private void scheduleAutoResume(Runnable resume, DmError error) {
    if (!settings.autoResume()) {
      return;
    }
    if (profile.purgedErrorIsUnresumable() && UNRESUMABLE_CAUSES.stream().anyMatch(error.rawCause()::contains)) {
      return;
    }
    if (error.code() == 30001 || error.code() == 30002 || error.code() == 30005) {
      return;
    }
    after(settings.autoResumeBackoff(), resume);
  }

  synchronized void syncerExited(SubtaskRuntime st, int generation) {
    if (st.stage == Stage.Pausing) {
      st.flush();
      st.stage = st.stoppedNotPaused ? Stage.Stopped : Stage.Paused;
    } else if (st.applied != null && (st.stage == Stage.Paused || st.stage == Stage.Stopped)) {
      st.flush();
    }
  }

  // ---- checkpoints ----

  private static String key(String task, String source, String metaSchema) {
    return metaSchema + "/" + task + "/" + source;
  }

  synchronized Optional<Checkpoint> checkpoint(String task, String source) {
    TaskState t = tasks.get(task);
    String schema = t == null ? "dm_meta" : t.config.metaSchema();
    return Optional.ofNullable(checkpoints.get(key(task, source, schema)));
  }

  synchronized Optional<Checkpoint> storedCheckpoint(String metaSchema, String task, String source) {
    return Optional.ofNullable(checkpoints.get(key(task, source, metaSchema)));
  }

  synchronized void saveCheckpoint(String task, String source, DmGtidSet gtids, String file, long pos) {
    TaskState t = tasks.get(task);
    String schema = t == null ? "dm_meta" : t.config.metaSchema();
    checkpoints.put(key(task, source, schema), new Checkpoint(gtids, file, pos));
  }

  // ---- DDL locks ----

  synchronized List<ShardDdlLock> locks(String task, List<String> onlySources) {
    return locks.stream()
        .filter(l -> task.isEmpty() || l.task().equals(task))
        .filter(l -> onlySources.isEmpty() || onlySources.stream().anyMatch(l::involves))
        .toList();
  }

  synchronized void unlock(String id) {
    boolean removed = locks.removeIf(l -> l.id().equals(id));
    if (!removed) {
      throw new DmOperationException(new DmError(38019, "dm-master", "internal", "high",
          "lock with ID " + id + " not found", "", "Please use show-ddl-locks command to see lock id."));
    }
    for (TaskState t : tasks.values()) {
      for (SubtaskRuntime st : t.subtasks.values()) {
        if (st.unresolvedLockId.equals(id)) {
          st.unresolvedLockId = "";
          st.blockingDdls = List.of();
        }
      }
    }
  }

  synchronized Collection<SourceState> allSources() {
    return new ArrayList<>(sources.values());
  }

  synchronized Map<String, TaskState> allTasks() {
    return new LinkedHashMap<>(tasks);
  }
}
