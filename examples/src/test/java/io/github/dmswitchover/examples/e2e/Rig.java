package io.github.dmswitchover.examples.e2e;

import io.github.dmswitchover.dm.DmClient;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.examples.vip.ForwarderVipMover;
import io.github.dmswitchover.switchover.FileSwitchoverJournal;
import io.github.dmswitchover.switchover.InProcessSwitchoverLock;
import io.github.dmswitchover.switchover.Switchover;
import io.github.dmswitchover.switchover.SwitchoverPolicy;
import io.github.dmswitchover.switchover.mysql.DatabaseEndpoint;
import io.github.dmswitchover.switchover.mysql.JdbcUpstreamProbe;
import io.github.dmswitchover.testkit.db.Flavor;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.dm.DmProfile;
import io.github.dmswitchover.testkit.dm.DmSimulator;
import io.github.dmswitchover.testkit.dm.SourceConfig;
import io.github.dmswitchover.testkit.dm.TaskConfig;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One switchover setting for the end-to-end tests: a real replication group (the old instance is
 * the primary, the new one its first replica), a VIP forwarder in front of the primary, the DM-master
 * simulator with a source reading through the VIP and a task on it, a {@link DmClient}, JDBC probes
 * of both instances and of the VIP, a mover, a journal in a temporary folder, and an optional
 * writer that keeps committing on the primary.
 */
final class Rig implements AutoCloseable {
  static final String SOURCE = "mysql-replica-01";
  static final String TASK = "orders";
  static final long DM_SERVER_ID = 4_294_001L;
  static final String TARGET_PASSWORD = "tidb-secret-pw";
  static final Duration WAIT = Duration.ofSeconds(60);

  final ReplicationGroup group;
  final GroupMember old;
  final GroupMember next;
  final VipForwarder vip;
  final DmSimulator sim;
  final DmClient dm;
  final JdbcUpstreamProbe oldProbe;
  final JdbcUpstreamProbe newProbe;
  final JdbcUpstreamProbe vipProbe;
  final ForwarderVipMover mover;
  final Path journalDir;
  final FileSwitchoverJournal journal;
  final InProcessSwitchoverLock locks = new InProcessSwitchoverLock();
  final boolean relay;
  private final List<Thread> writers = new ArrayList<>();
  private final AtomicBoolean writing = new AtomicBoolean();
  final AtomicLong written = new AtomicLong();

  private Rig(ReplicationGroup group, DmProfile profile, boolean relay, VipForwarder.OnMove onMove, boolean viaVip) {
    this.group = group;
    this.relay = relay;
    this.old = group.primary();
    this.next = group.member(1);
    old.writeTransactions(5);
    group.awaitReplication(WAIT);
    this.vip = VipForwarder.start(new InetSocketAddress(old.host(), old.port()));
    this.sim = DmSimulator.builder().withProfile(profile).withCheckpointFlushInterval(Duration.ofMillis(200))
        .withAutoResume(Duration.ofMillis(300)).withHeartbeat(Duration.ofMillis(300)).withUnitDuration(Duration.ofMillis(50))
        .withReconnectAttempts(1_000_000).start();
    sim.addSource(viaVip ? sourceConfig(vip.host(), vip.port()) : sourceConfig(old.host(), old.port()));
    sim.startTask(task());
    this.dm = DmClient.builder().withMasters(sim.masterAddresses()).withDmctl(sim.dmctl())
        .withRequestTimeout(Duration.ofSeconds(20)).withRetries(5, Duration.ofMillis(50), Duration.ofMillis(400)).build();
    this.oldProbe = probe(old.host(), old.port());
    this.newProbe = probe(next.host(), next.port());
    this.vipProbe = probe(vip.host(), vip.port());
    this.mover = ForwarderVipMover.of(vip, onMove);
    try {
      this.journalDir = Files.createTempDirectory("dm-switchover-journal-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.journal = FileSwitchoverJournal.inDirectory(journalDir);
    {
      await("the task replicates", () -> sim.subtaskStage(TASK, SOURCE).equals("Running")
          && sim.subtaskUnit(TASK, SOURCE).equals("Sync") && sim.checkpoint(TASK, SOURCE).isPresent());
      // Every scenario starts from a DM that has caught up: otherwise gates that compare DM's
      // position with the instances (G2 above all) would depend on the simulator's speed.
      await("DM replicated what the primary executed", () -> dmHasAllOf(old));
    }
  }

  static Rig start(ReplicationGroup group, DmProfile profile, boolean relay) {
    return new Rig(group, profile, relay, VipForwarder.OnMove.CUT_CONNECTIONS, true);
  }

  static Rig start(ReplicationGroup group, DmProfile profile, boolean relay, VipForwarder.OnMove onMove) {
    return new Rig(group, profile, relay, onMove, true);
  }

  /** A source that reads the old instance directly (for the address flow); the VIP is unused. */
  static Rig startDirect(ReplicationGroup group, DmProfile profile, boolean relay) {
    return new Rig(group, profile, relay, VipForwarder.OnMove.CUT_CONNECTIONS, false);
  }

  SourceConfig sourceConfig(String host, int port) {
    SourceConfig.Builder b = SourceConfig.builder(SOURCE).withAddress(host, port).withUser(old.user(), old.password())
        .withGtid(true).withRelay(relay).withServerId(DM_SERVER_ID);
    if (group.flavor() == Flavor.MARIADB) {
      b.withFlavor("mariadb");
    }
    return b.build();
  }

  static TaskConfig task() {
    return TaskConfig.builder(TASK).withTarget("127.0.0.1", 4000, "root", TARGET_PASSWORD).withSource(SOURCE, "").build();
  }

  JdbcUpstreamProbe probe(String host, int port) {
    return JdbcUpstreamProbe.builder().withEndpoint(DatabaseEndpoint.builder().withHost(host).withPort(port)
        .withUser(old.user()).withPassword(old.password()).withConnectTimeout(Duration.ofSeconds(5))
        .withAllowPublicKeyRetrieval(true).build()).build();
  }

  /** A policy with short waits for tests (polls are a second apart). */
  static SwitchoverPolicy.Builder fastPolicy() {
    return SwitchoverPolicy.builder().withCatchUpTimeout(Duration.ofSeconds(20)).withPauseTimeout(Duration.ofSeconds(20))
        .withVerifyTimeout(Duration.ofSeconds(30)).withStepTimeout(Duration.ofSeconds(10)).withVipIdentityReads(3)
        .withPollInterval(Duration.ofMillis(100));
  }

  Switchover.Vip vipSwitchover() {
    return Switchover.viaVirtualIp(dm, SOURCE).to(newProbe).from(oldProbe).throughVip(vip.host() + ":" + vip.port(), vipProbe, mover)
        .withJournal(journal).withLock(locks, Duration.ZERO).withPolicy(fastPolicy().build());
  }

  Switchover.Address addressSwitchover() {
    return Switchover.byAddressChange(dm, SOURCE).to(newProbe).from(oldProbe).withSourcePassword(old.password()).withTargetPassword(TARGET_PASSWORD).withJournal(journal).withLock(locks, Duration.ZERO)
        .withPolicy(fastPolicy().build());
  }

  /** Starts committing on the primary, one small transaction at a time, until {@link #stopWriting()}. */
  void startWriting() {
    writing.set(true);
    Thread t = new Thread(() -> {
      while (writing.get()) {
        try {
          old.writeTransactions(1);
          written.incrementAndGet();
        } catch (RuntimeException e) {
          // the writer keeps going; a test that stops the primary stops writing first
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }, "rig-writer");
    t.setDaemon(true);
    t.start();
    writers.add(t);
  }

  void stopWriting() {
    writing.set(false);
    for (Thread t : writers) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writers.clear();
  }

  /** Whether DM's checkpoint of the task holds everything a member executed. */
  boolean dmHasAllOf(GroupMember m) {
    String cp = sim.checkpoint(TASK, SOURCE).orElse("");
    String executed = m.gtidState().executed();
    if (group.flavor() == Flavor.MYSQL) {
      return GtidSet.parse(executed).isSubsetOf(GtidSet.parse(cp));
    }
    return MariadbGtidList.parse(cp).toPosition().contains(MariadbGtidList.parse(executed));
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  @Override
  public void close() {
    stopWriting();
    sim.close();
    vip.close();
    oldProbe.close();
    newProbe.close();
    vipProbe.close();
    deleteRecursively(journalDir);
  }

  private static void deleteRecursively(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException("could not delete the test journal " + p, e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the test journal " + dir, e);
    }
  }
}
