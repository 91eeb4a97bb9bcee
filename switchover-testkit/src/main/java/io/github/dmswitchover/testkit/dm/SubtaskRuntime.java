package io.github.dmswitchover.testkit.dm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask (a task on one source) and its simulated units. The Sync unit runs a real binlog
 * dump connection to the upstream in the source configuration the bound worker uses (or follows
 * the source's relay), applies each transaction when it ends, and flushes the checkpoint every
 * checkpoint-flush interval and when paused, as DM's syncer does.
 *
 * <p>All state is guarded by the {@link SimCluster} monitor; the syncer thread takes it briefly.
 */
final class SubtaskRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SubtaskRuntime.class);

  final SimCluster cluster;
  final String task;
  final String source;
  Stage stage = Stage.New;
  Unit unit = Unit.CHECK;
  final List<DmError> errors = new ArrayList<>();
  boolean canceled;
  Unit heldUnit;
  boolean fromRelay;
  /** Position applied in memory (ahead of the flushed checkpoint). */
  DmGtidSet applied;
  String appliedFile = "";
  long appliedPos = 4;
  long totalEvents;
  long lastFlushNanos;
  String unresolvedLockId = "";
  List<String> blockingDdls = List.of();
  DmGtidSet dumpPosition;
  /** Set by the OpenAPI v6 "stop" (a pause whose stage reads Stopped). */
  boolean stoppedNotPaused;
  long loadFinishedBytes;
  private Thread syncer;
  private volatile boolean stopRequested;
  private volatile UpstreamStream stream;
  private int generation;

  SubtaskRuntime(SimCluster cluster, String task, String source) {
    this.cluster = cluster;
    this.task = task;
    this.source = source;
  }

  boolean isRunningSyncer() {
    return syncer != null && syncer.isAlive();
  }

  // ---- lifecycle, called with the cluster monitor held ----

  /** An explicit start or resume makes the bound worker pick up the stored source configuration (tiflow #12817). */
  void workerConfigRefresh() {
    SimCluster.SourceState src = cluster.source(source);
    src.workerConfig = src.config;
  }

  /** Starts the units for the task mode, from the checkpoint or meta. */
  void start() {
    errors.clear();
    canceled = false;
    stage = Stage.Running;
    TaskConfig cfg = cluster.taskConfig(task);
    if (cluster.checkpoint(task, source).isPresent() || cfg.mode() == TaskConfig.Mode.INCREMENTAL) {
      enterSync();
      return;
    }
    unit = Unit.DUMP;
    cluster.after(cluster.settings().unitDuration(), () -> cluster.advanceUnit(this, generation));
  }

  /** Moves Dump → Load → Sync (or Finished) unless a test holds the subtask in its unit. */
  void advance() {
    if (stage != Stage.Running || heldUnit == unit) {
      return;
    }
    if (unit == Unit.DUMP) {
      SimCluster.SourceState src = cluster.source(source);
      dumpPosition = UpstreamStatus.read(src.workerConfig, src.mariadb)
          .map(UpstreamStatus.Reading::executed).orElse(DmGtidSet.empty(src.mariadb));
      unit = Unit.LOAD;
      loadFinishedBytes = 0;
      cluster.after(cluster.settings().unitDuration(), () -> cluster.advanceUnit(this, generation));
    } else if (unit == Unit.LOAD) {
      if (cluster.taskConfig(task).mode() == TaskConfig.Mode.FULL) {
        unit = Unit.LOAD;
        stage = Stage.Finished;
        return;
      }
      SimCluster.SourceState src = cluster.source(source);
      cluster.saveCheckpoint(task, source, dumpPosition == null ? DmGtidSet.empty(src.mariadb) : dumpPosition, "", 4);
      enterSync();
    }
  }

  private void enterSync() {
    unit = Unit.SYNC;
    SimCluster.SourceState src = cluster.source(source);
    SimCluster.Checkpoint cp = cluster.checkpoint(task, source).orElseGet(() -> {
      String meta = cluster.taskConfig(task).instance(source).flatMap(TaskConfig.Instance::metaBinlogGtid).orElse("");
      DmGtidSet start = DmGtidSet.parse(meta, src.mariadb);
      cluster.saveCheckpoint(task, source, start, cluster.taskConfig(task).instance(source)
          .flatMap(TaskConfig.Instance::metaBinlogName).orElse(""), 4);
      return cluster.checkpoint(task, source).orElseThrow();
    });
    applied = cp.gtids().copy();
    appliedFile = cp.file();
    appliedPos = cp.position();
    lastFlushNanos = System.nanoTime();
    fromRelay = src.relay != null;
    startSyncer();
  }

  /** Stops the syncer (the checkpoint is flushed when it exits) and marks the subtask paused. */
  void pause() {
    if (stage == Stage.Running || stage == Stage.Resuming || stage == Stage.New) {
      canceled = true;
      if (isRunningSyncer()) {
        stage = Stage.Pausing;
        stopSyncer();
      } else {
        stage = Stage.Paused;
      }
      generation++;
    }
  }

  /** OpenAPI v6 "stop": like pause but the stage is Stopped. */
  void stopKeepingTask() {
    pause();
    if (stage == Stage.Paused) {
      stage = Stage.Stopped;
    }
    stoppedNotPaused = true;
  }

  /** Resumes from the flushed checkpoint. */
  void resume() {
    if (stage == Stage.Paused || stage == Stage.Stopped || stage == Stage.New) {
      stoppedNotPaused = false;
      errors.clear();
      canceled = false;
      generation++;
      if (unit == Unit.SYNC) {
        stage = Stage.Running;
        enterSync();
      } else {
        start();
      }
    }
  }

  /** Removes the subtask: stops everything; the checkpoint stays downstream. */
  void remove() {
    generation++;
    stopSyncer();
    stage = Stage.Stopped;
  }

  /** The worker that ran this subtask went away: the syncer stops, to be started again elsewhere. */
  void detachFromWorker() {
    generation++;
    stopSyncer();
  }

  void failWith(DmError error) {
    errors.clear();
    errors.add(error);
    stage = Stage.Paused;
    canceled = false;
    generation++;
    stopSyncer();
  }

  int generation() {
    return generation;
  }

  private void startSyncer() {
    stopRequested = false;
    int gen = ++generation;
    Thread t = new Thread(() -> runSyncer(gen), "dm-sim-syncer-" + task + "-" + source);
    t.setDaemon(true);
    syncer = t;
    t.start();
  }

  private void stopSyncer() {
    stopRequested = true;
    UpstreamStream s = stream;
    if (s != null) {
      s.close();
    }
  }

  // ---- the syncer thread ----

  private void runSyncer(int gen) {
    int failures = 0;
    try {
      while (!stopRequested) {
        UpstreamStream.Request request;
        boolean relay;
        synchronized (cluster) {
          if (gen != generation || stage != Stage.Running && stage != Stage.Resuming) {
            return;
          }
          SimCluster.SourceState src = cluster.source(source);
          relay = src.relay != null;
          fromRelay = relay;
          SimCluster.Checkpoint cp = cluster.checkpoint(task, source).orElseThrow();
          applied = cp.gtids().copy();
          appliedFile = cp.file();
          appliedPos = cp.position();
          request = cluster.streamRequest(src, cp.gtids(), cluster.subtasksOf(source).indexOf(this) + (src.relay != null ? 1 : 0));
        }
        if (relay) {
          followRelay(gen);
          return;
        }
        try (UpstreamStream s = cluster.streams().open(request)) {
          stream = s;
          if (stopRequested) {
            return;
          }
          failures = 0;
          pump(s, gen);
        } catch (UpstreamStream.Failure f) {
          if (stopRequested) {
            return;
          }
          if (f.isServerError()) {
            LOG.info("{}/{}: upstream answered {}", task, source, f.asMysqlError());
            synchronized (cluster) {
              if (gen == generation) {
                cluster.subtaskFailed(this, DmError.syncerGetEvent(f.asMysqlError()));
              }
            }
            return;
          }
          failures++;
          if (failures > cluster.settings().reconnectAttempts()) {
            synchronized (cluster) {
              if (gen == generation) {
                cluster.subtaskFailed(this, DmError.syncerGetEvent(f.getMessage()));
              }
            }
            return;
          }
          LOG.debug("{}/{}: binlog connection lost ({}), reconnecting from the checkpoint", task, source, f.getMessage());
          cluster.pauseBriefly(Duration.ofMillis(200L * failures));
        } finally {
          stream = null;
        }
      }
    } finally {
      cluster.syncerExited(this, gen);
    }
  }

  private void pump(UpstreamStream s, int gen) throws UpstreamStream.Failure {
    UpstreamStream.Gtid pending = null;
    while (!stopRequested) {
      UpstreamStream.Event e = s.next();
      synchronized (cluster) {
        if (gen != generation) {
          return;
        }
        if (e instanceof UpstreamStream.Gtid g) {
          pending = g;
        } else if (e instanceof UpstreamStream.TransactionEnd end) {
          if (pending != null) {
            if (pending.mariadb()) {
              applied.addMariadb(pending.domain(), pending.server(), pending.sequence());
            } else {
              applied.addMysql(pending.uuid(), pending.tag(), pending.gno());
            }
            totalEvents++;
            pending = null;
          }
          appliedFile = end.file();
          appliedPos = end.position();
          maybeFlush();
        } else if (e instanceof UpstreamStream.Position p) {
          if (pending == null) {
            appliedFile = p.file();
            appliedPos = p.position();
          }
          maybeFlush();
        }
      }
    }
  }

  /** With relay on, the syncer applies what the relay has pulled (binlogType "local"). */
  private void followRelay(int gen) {
    while (!stopRequested) {
      synchronized (cluster) {
        if (gen != generation) {
          return;
        }
        SimCluster.SourceState src = cluster.source(source);
        if (src.relay == null) {
          return;
        }
        if (!src.relay.serves(applied)) {
          // The relay log starts after this checkpoint (DM-FACTS d.2: "no relay pos match gtid").
          cluster.subtaskFailed(this, DmError.noRelayPosMatchGtid(applied.toDmString()));
          return;
        }
        DmGtidSet relayed = src.relay.relayed();
        if (relayed != null) {
          applied.addAll(relayed);
          appliedFile = src.relay.relayFile();
          appliedPos = src.relay.relayPos();
          totalEvents = Math.max(totalEvents, src.relay.events());
        }
        maybeFlush();
      }
      cluster.pauseBriefly(Duration.ofMillis(50));
    }
  }

  /** Called with the monitor held. */
  void maybeFlush() {
    long now = System.nanoTime();
    if (now - lastFlushNanos >= cluster.settings().checkpointFlushInterval().toNanos()) {
      flush();
    }
  }

  /** Writes the applied position as the checkpoint (monitor held). */
  void flush() {
    if (applied != null) {
      cluster.saveCheckpoint(task, source, applied.copy(), appliedFile, appliedPos);
    }
    lastFlushNanos = System.nanoTime();
  }

  Optional<SimCluster.Checkpoint> checkpoint() {
    return cluster.checkpoint(task, source);
  }
}
