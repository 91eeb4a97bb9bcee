package io.github.dmswitchover.testkit.dm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay unit of one source: a binlog dump connection whose GTIDs are kept as the relay's
 * position, in a sub-directory named after the upstream's identity ({@code <uuid>.000001}). When a
 * new connection reaches a different server, DM 2.0.2+ stops with 30044 and, once resumed
 * (automatically, by the task checker), continues in the next sub-directory from its own GTID set;
 * DM 1.0 needs {@code switch-relay-master} (DM-FACTS d.1).
 *
 * <p>State is guarded by the {@link SimCluster} monitor.
 */
final class RelayRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(RelayRuntime.class);

  /** One relay sub-directory: the identity it belongs to and its suffix. */
  record SubDir(UpstreamStream.Identity identity, int suffix) {
    String name() {
      return identity.subDirName() + String.format(".%06d", suffix);
    }
  }

  final SimCluster cluster;
  final String source;
  Stage stage = Stage.Running;
  final List<DmError> errors = new ArrayList<>();
  final List<SubDir> subDirs = new ArrayList<>();
  private DmGtidSet relayed;
  private String file = "";
  private long pos = 4;
  private long events;
  /** 1.0: switch-relay-master was run while paused; the next connection may reach a new server. */
  boolean switchRequested;
  /** 2.0.2+: a 30044 was raised; the resume after it moves to the next sub-directory. */
  private boolean newServerAccepted;
  private Thread reader;
  private volatile boolean stopRequested;
  /** While set, the relay stays Running but reads nothing more: it falls behind the upstream. */
  volatile boolean held;
  private volatile UpstreamStream stream;
  private int generation;

  /** Where the relay log begins: a syncer whose checkpoint is older cannot be served from it. */
  private final DmGtidSet start;

  RelayRuntime(SimCluster cluster, String source, DmGtidSet start) {
    this.cluster = cluster;
    this.source = source;
    this.start = start.copy();
    this.relayed = start.copy();
  }

  /** Whether the relay log holds a syncer's position: it began at or before {@code checkpoint}. */
  boolean serves(DmGtidSet checkpoint) {
    return checkpoint.contains(start);
  }

  DmGtidSet relayed() {
    return relayed;
  }

  String relayFile() {
    return file;
  }

  long relayPos() {
    return pos;
  }

  long events() {
    return events;
  }

  String relayBinlog() {
    return "(" + (file.isEmpty() ? "" : file) + ", " + pos + ")";
  }

  String subDir() {
    return subDirs.isEmpty() ? "" : subDirs.get(subDirs.size() - 1).name();
  }

  // ---- lifecycle (monitor held) ----

  void start() {
    stage = Stage.Running;
    errors.clear();
    launch();
  }

  void pause() {
    if (stage == Stage.Running) {
      stage = Stage.Paused;
      generation++;
      halt();
    }
  }

  void resume() {
    if (stage == Stage.Paused) {
      if (!errors.isEmpty() && errors.get(0).code() == 30044) {
        newServerAccepted = true;
      }
      errors.clear();
      stage = Stage.Running;
      launch();
    }
  }

  void stop() {
    stage = Stage.Stopped;
    generation++;
    halt();
  }

  void fail(DmError error) {
    errors.clear();
    errors.add(error);
    stage = Stage.Paused;
    generation++;
    halt();
  }

  private void launch() {
    stopRequested = false;
    int gen = ++generation;
    Thread t = new Thread(() -> run(gen), "dm-sim-relay-" + source);
    t.setDaemon(true);
    reader = t;
    t.start();
  }

  private void halt() {
    stopRequested = true;
    UpstreamStream s = stream;
    if (s != null) {
      s.close();
    }
  }

  boolean isReading() {
    return reader != null && reader.isAlive();
  }

  // ---- the reader thread ----

  private void run(int gen) {
    int failures = 0;
    while (!stopRequested) {
      UpstreamStream.Request request;
      synchronized (cluster) {
        if (gen != generation || stage != Stage.Running) {
          return;
        }
        request = cluster.streamRequest(cluster.source(source), relayed);
      }
      try (UpstreamStream s = cluster.streams().open(request)) {
        stream = s;
        if (stopRequested) {
          return;
        }
        synchronized (cluster) {
          if (gen != generation) {
            return;
          }
          if (!accept(s.identity())) {
            return;
          }
        }
        failures = 0;
        pump(s, gen);
      } catch (UpstreamStream.Failure f) {
        if (stopRequested) {
          return;
        }
        if (f.isServerError()) {
          LOG.info("relay {}: upstream answered {}", source, f.asMysqlError());
          synchronized (cluster) {
            if (gen == generation) {
              cluster.relayFailed(this, DmError.relayGetEvent(f.asMysqlError()));
            }
          }
          return;
        }
        failures++;
        if (failures > cluster.settings().reconnectAttempts()) {
          synchronized (cluster) {
            if (gen == generation) {
              cluster.relayFailed(this, DmError.relayGetEvent(f.getMessage()));
            }
          }
          return;
        }
        cluster.pauseBriefly(Duration.ofMillis(200L * failures));
      } finally {
        stream = null;
      }
    }
  }

  /** Checks the identity of the server a new connection reached; monitor held. */
  private boolean accept(UpstreamStream.Identity id) {
    if (subDirs.isEmpty()) {
      subDirs.add(new SubDir(id, 1));
      return true;
    }
    SubDir current = subDirs.get(subDirs.size() - 1);
    if (current.identity().key().equals(id.key())) {
      return true;
    }
    boolean allowed = cluster.profile().relayAutoSwitch() ? newServerAccepted : switchRequested;
    if (allowed) {
      subDirs.add(new SubDir(id, current.suffix() + 1));
      newServerAccepted = false;
      switchRequested = false;
      LOG.info("relay {}: upstream changed to {}, new sub-directory {}", source, id.key(), subDir());
      return true;
    }
    if (cluster.profile().relayAutoSwitch()) {
      cluster.relayFailed(this, DmError.relayUpstreamChanged());
    } else {
      // DM 1.0 prints error objects without codes ({"Type", "msg"}); this text is the simulator's.
      cluster.relayFailed(this, new DmError(0, "", "", "", "relay: upstream server changed from "
          + current.identity().key() + " to " + id.key()
          + "; DM 1.0 needs pause-relay, switch-relay-master and resume-relay", "", ""));
    }
    return false;
  }

  private void pump(UpstreamStream s, int gen) throws UpstreamStream.Failure {
    UpstreamStream.Gtid pending = null;
    while (!stopRequested) {
      while (held && !stopRequested && gen == generation) {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      }
      UpstreamStream.Event e = s.next();
      synchronized (cluster) {
        if (gen != generation) {
          return;
        }
        if (e instanceof UpstreamStream.Gtid g) {
          pending = g;
        } else if (e instanceof UpstreamStream.TransactionEnd end) {
          if (pending != null) {
            DmGtidSet next = relayed.copy();
            if (pending.mariadb()) {
              next.addMariadb(pending.domain(), pending.server(), pending.sequence());
            } else {
              next.addMysql(pending.uuid(), pending.tag(), pending.gno());
            }
            relayed = next;
            events++;
            pending = null;
          }
          file = end.file();
          pos = end.position();
        } else if (e instanceof UpstreamStream.Position p && pending == null) {
          file = p.file();
          pos = p.position();
        }
      }
    }
  }
}
