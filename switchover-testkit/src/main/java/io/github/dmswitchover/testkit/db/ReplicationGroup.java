package io.github.dmswitchover.testkit.db;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running replication group: a primary and GTID replicas on free loopback ports (or in
 * containers), in a short temporary folder. Closing it stops every server and deletes the folder;
 * servers left behind by a JVM that was killed are stopped by the next group that starts.
 *
 * <pre>{@code
 * try (ReplicationGroup group = ReplicationGroup.start(GroupSpec.mysql().withMembers(3).build())) {
 *   group.primary().writeTransactions(5);
 *   group.awaitReplication(Duration.ofSeconds(30));
 *   GroupMember replica = group.member(1);
 *   group.promote(replica, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ReplicationGroup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicationGroup.class);

  private final GroupSpec spec;
  private final Path directory;
  private final AutoCloseable network;
  private final List<GroupMember> members = new ArrayList<>();
  private final Map<GroupMember, GroupMember> pendingSource = new HashMap<>();
  private volatile GroupMember primary;
  private volatile Dialect dialect;
  private Duration startupTime = Duration.ZERO;
  private boolean closed;

  private ReplicationGroup(GroupSpec spec, Path directory, AutoCloseable network) {
    this.spec = spec;
    this.directory = directory;
    this.network = network;
  }

  /**
   * Starts a group and returns once every replica replicates from the primary.
   *
   * @throws ServerUnavailableException if no server of the flavor and version can be started here
   *     (the message says what to install)
   * @throws IllegalStateException if a server fails to start or to replicate (the message holds the
   *     end of its error log)
   */
  public static ReplicationGroup start(GroupSpec spec) {
    Objects.requireNonNull(spec, "spec");
    long started = System.nanoTime();
    StrayServerReaper.reapOnce();
    ServerLocator.Location location = ServerLocator.locate(spec.flavor(), spec.version());
    Path dir = StrayServerReaper.newGroupDirectory();
    ReplicationGroup group;
    if (location instanceof ServerLocator.Local local) {
      group = new ReplicationGroup(spec, dir, null);
      Path template = TemplateCache.template(local.installation());
      for (int i = 0; i < spec.members(); i++) {
        MemberRuntime runtime = new LocalServerProcess(local.installation(), template,
            dir.resolve("m" + (i + 1)), "m" + (i + 1), i + 1, options(spec, i), spec.startTimeout());
        group.members.add(new GroupMember(group, i, i + 1, runtime));
      }
    } else {
      String image = ((ServerLocator.Container) location).image();
      AutoCloseable network = ContainerServer.newNetwork();
      group = new ReplicationGroup(spec, dir, network);
      for (int i = 0; i < spec.members(); i++) {
        MemberRuntime runtime = new ContainerServer(image, spec.flavor(), network, "m" + (i + 1), i + 1,
            options(spec, i), spec.startTimeout());
        group.members.add(new GroupMember(group, i, i + 1, runtime));
      }
    }
    StrayServerReaper.register(group);
    try {
      group.startAll();
      group.startupTime = Duration.ofNanos(System.nanoTime() - started);
      LOG.info("started {} in {} ms: {}", spec, group.startupTime.toMillis(), group.members);
      return group;
    } catch (RuntimeException | Error e) {
      group.close();
      throw e;
    }
  }

  private static Map<String, String> options(GroupSpec spec, int index) {
    Map<String, String> all = new java.util.LinkedHashMap<>(spec.serverOptions());
    all.putAll(spec.memberOptions(index));
    return all;
  }

  private void startAll() {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(members.size(), 4), r -> {
      Thread t = new Thread(r, "replication-group-start");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> started = new ArrayList<>();
      for (GroupMember m : members) {
        started.add(pool.submit(() -> m.runtime().start()));
      }
      for (Future<?> f : started) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + spec, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("starting " + spec + " failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    dialect = Dialect.of(members.get(0).runtime().version());
    primary = members.get(0);
    for (GroupMember replica : members.subList(1, members.size())) {
      replica.execute("SET GLOBAL read_only = ON");
      pointAt(replica, primary, false);
    }
    for (GroupMember replica : members.subList(1, members.size())) {
      awaitReplicating(replica, spec.startTimeout());
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** Returns what the group was started with. */
  public GroupSpec spec() {
    return spec;
  }

  /** Returns the server family. */
  public Flavor flavor() {
    return spec.flavor();
  }

  /** Returns the servers' version (the first member's). */
  public ServerVersion version() {
    return members.get(0).version();
  }

  /** Returns the folder holding the members' data and logs (deleted on {@link #close()}). */
  public Path directory() {
    return directory;
  }

  /** Returns how long {@link #start} took, from locating the binaries to replicas replicating. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Returns every member, in index order. */
  public List<GroupMember> members() {
    return Collections.unmodifiableList(members);
  }

  /**
   * Returns one member by index (0 is the first primary).
   *
   * @throws IndexOutOfBoundsException if there is no such member
   */
  public GroupMember member(int index) {
    return members.get(index);
  }

  /** Returns the current primary. */
  public GroupMember primary() {
    return primary;
  }

  /** Returns every member that is not the current primary, in index order. */
  public List<GroupMember> replicas() {
    List<GroupMember> list = new ArrayList<>();
    for (GroupMember m : members) {
      if (m != primary) {
        list.add(m);
      }
    }
    return list;
  }

  /**
   * Waits until every running replica has executed everything the primary has.
   *
   * @throws IllegalStateException if a replica does not catch up within {@code timeout} (the
   *     message holds its replication status)
   */
  public void awaitReplication(Duration timeout) {
    GtidState source = primary.gtidState();
    for (GroupMember m : replicas()) {
      if (m.isRunning()) {
        awaitExecuted(m, source.executed(), timeout);
      }
    }
  }

  /**
   * Waits until {@code member} has executed {@code gtids} (a MySQL GTID set or a MariaDB position).
   *
   * @throws IllegalStateException if it does not within {@code timeout}
   */
  public void awaitExecuted(GroupMember member, String gtids, Duration timeout) {
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    String result = member.queryValue(dialect.waitForExecuted(gtids, seconds)).orElse("");
    if (!Dialect.waitSucceeded(result)) {
      throw new IllegalStateException(member.name() + " did not execute " + gtids + " within " + timeout
          + " (wait returned " + result + "); its GTID state: " + member.gtidState()
          + "; its replication: " + member.replicaStatus().map(Object::toString).orElse("none"));
    }
  }

  /**
   * Makes {@code newPrimary} the primary, as an operator's failover would: the old primary (if it
   * runs) is made read-only and the new one catches up with it, the new one stops replicating and
   * becomes writable, and every other running member, the old primary included, replicates from
   * it. Members that are down are pointed at it when they are started again.
   *
   * @throws IllegalStateException if the new primary does not catch up within {@code timeout}
   */
  public synchronized void promote(GroupMember newPrimary, Duration timeout) {
    requireMember(newPrimary);
    GroupMember old = primary;
    if (newPrimary == old) {
      return;
    }
    if (old.isRunning()) {
      old.execute("SET GLOBAL read_only = ON");
      awaitExecuted(newPrimary, old.gtidState().executed(), timeout);
    }
    newPrimary.execute(dialect.stopReplica(), dialect.resetReplicaAll(), "SET GLOBAL read_only = OFF");
    pendingSource.remove(newPrimary);
    primary = newPrimary;
    for (GroupMember m : members) {
      if (m == newPrimary) {
        continue;
      }
      if (m.isRunning()) {
        pointAt(m, newPrimary, m == old);
      } else {
        pendingSource.put(m, newPrimary);
      }
    }
    LOG.info("promoted {} (was {})", newPrimary.name(), old.name());
  }

  /**
   * Makes {@code replica} replicate from {@code source} (for chains such as m3 ← m2 ← m1).
   *
   * @throws IllegalArgumentException if they are the same member or {@code replica} is the primary
   */
  public synchronized void repoint(GroupMember replica, GroupMember source) {
    requireMember(replica);
    requireMember(source);
    if (replica == source) {
      throw new IllegalArgumentException(replica.name() + " cannot replicate from itself");
    }
    if (replica == primary) {
      throw new IllegalArgumentException(replica.name() + " is the primary; promote another member first");
    }
    pointAt(replica, source, false);
  }

  synchronized void memberStarted(GroupMember member) {
    GroupMember source = pendingSource.remove(member);
    if (source != null) {
      pointAt(member, source, true);
    }
  }

  private void pointAt(GroupMember replica, GroupMember source, boolean fromCurrentPosition) {
    MemberRuntime src = source.runtime();
    replica.execute(
        dialect.stopReplica(),
        dialect.changeSource(src.peerHost(), src.peerPort(), Jdbc.USER, Jdbc.PASSWORD, fromCurrentPosition),
        dialect.startReplica());
  }

  private void awaitReplicating(GroupMember replica, Duration timeout) {
    boolean running = Poll.until(() -> replica.replicaStatus().map(ReplicaStatus::isRunning).orElse(false), timeout);
    if (!running) {
      throw new IllegalStateException(replica.name() + " does not replicate: "
          + replica.replicaStatus().map(Object::toString).orElse("no replication channel"));
    }
  }

  private void requireMember(GroupMember m) {
    Objects.requireNonNull(m, "member");
    if (!members.contains(m)) {
      throw new IllegalArgumentException(m.name() + " is not a member of this group");
    }
  }

  /** Kills every server and deletes the group's folder; calling it again does nothing. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (GroupMember m : members) {
      try {
        m.runtime().destroy();
      } catch (RuntimeException e) {
        LOG.warn("stopping {} failed: {}", m.name(), e.toString());
      }
    }
    if (network != null) {
      try {
        network.close();
      } catch (Exception e) {
        LOG.warn("removing the container network failed: {}", e.toString());
      }
    }
    try {
      FileTrees.deleteRecursively(directory);
    } catch (IOException e) {
      LOG.warn("deleting {} failed: {}", directory, e.toString());
    }
    StrayServerReaper.unregister(this);
  }
}
