package io.github.dmswitchover.testkit.internal.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import io.github.dmswitchover.testkit.vip.VipForwarder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What the binlog dump client must do against a real server of either flavor. The subclass
 * registers one group of three per class: m1 is the primary, m2 a replica whose binary logs the
 * purge test purges and the forwarder tests move to, m3 a replica the kill test kills. Every test
 * takes its positions from the servers' current state, so the order of the tests does not matter.
 */
abstract class BinlogDumpClientContract {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final Duration HEARTBEAT = Duration.ofMillis(250);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(4);
  private static final AtomicLong SERVER_IDS = new AtomicLong(1000);

  abstract ServerFlavor flavor();

  /** Returns the position holding exactly the GTIDs of {@code executed} (the server's text). */
  abstract StartPosition position(String executed);

  /** Returns the position holding exactly {@code gtids}, the first transactions of the primary. */
  abstract StartPosition positionAfter(List<String> gtids);

  /** Returns every GTID of {@code executed} (written by one server), in the order they were written. */
  abstract List<String> gtids(String executed);

  /** Returns the GTID text of a GTID event; fails for other events. */
  abstract String gtidOf(BinlogEvent event);

  /** Returns the statements creating a replication user with a password, as DM's users have. */
  abstract String[] createUser(String user, String password);

  abstract ProtocolSession.AuthPath firstAuthWithPassword();

  abstract ProtocolSession.AuthPath laterAuthWithPassword();

  /** The processlist command of a dump thread. */
  abstract String dumpCommand();

  /** The statement listing registered replicas, and its server id column. */
  abstract String replicaListQuery();

  abstract String replicaListServerIdColumn();

  BinlogDumpRequest.Builder request(GroupMember member) {
    return request(member.host(), member.port()).withStartPosition(position(member.gtidState().executed()));
  }

  BinlogDumpRequest.Builder request(String host, int port) {
    return BinlogDumpRequest.builder(flavor())
        .withAddress(host, port)
        .withCredentials("root", "")
        .withReplicaServerId(SERVER_IDS.incrementAndGet())
        .withHeartbeatPeriod(HEARTBEAT)
        .withReadTimeout(READ_TIMEOUT)
        .withConnectTimeout(Duration.ofSeconds(5));
  }

  @Test
  void emptyPosition_receivesEveryTransactionInOrder_thenNewOnesAsTheyCommit(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(3);
    List<String> existing = gtids(primary.gtidState().executed());

    BinlogDumpRequest request = request(primary).withStartPosition(StartPosition.empty(flavor())).build();
    try (BinlogDumpClient client = BinlogDumpClient.connect(request)) {
      assertThat(readTransactions(client, existing.size())).containsExactlyElementsOf(existing);
      awaitIdle(client);

      primary.writeTransactions(2);
      List<String> all = gtids(primary.gtidState().executed());
      assertThat(readTransactions(client, 2)).containsExactlyElementsOf(all.subList(existing.size(), all.size()));
      awaitIdle(client);
    }
  }

  @Test
  void positionHoldingTheFirstTransactions_receivesOnlyTheRest(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(3);
    List<String> all = gtids(primary.gtidState().executed());
    int k = all.size() - 2;

    BinlogDumpRequest request = request(primary).withStartPosition(positionAfter(all.subList(0, k))).build();
    try (BinlogDumpClient client = BinlogDumpClient.connect(request)) {
      assertThat(readTransactions(client, 2)).containsExactlyElementsOf(all.subList(k, all.size()));
      awaitIdle(client);
    }
  }

  @Test
  void connect_serverListsTheDumpThreadAndTheReplica(ReplicationGroup group) {
    GroupMember primary = group.primary();
    BinlogDumpRequest request = request(primary).build();
    try (BinlogDumpClient client = BinlogDumpClient.connect(request)) {
      List<Map<String, String>> processes = primary.query("SHOW PROCESSLIST");
      assertThat(processes).as("processlist of %s", primary)
          .anySatisfy(row -> {
            assertThat(row.get("Id")).isEqualTo(Long.toString(client.connectionId()));
            assertThat(row.get("Command")).isEqualTo(dumpCommand());
          });
      assertThat(primary.query(replicaListQuery())).extracting(row -> row.get(replicaListServerIdColumn()))
          .contains(Long.toString(request.replicaServerId()));
      assertThat(client.serverIdentity().serverId()).isEqualTo(primary.serverId());
      assertThat(client.serverIdentity().flavor()).isEqualTo(flavor());
    }
  }

  @Test
  void purgedGtidsMissingFromThePosition_serverAnswers1236(ReplicationGroup group) {
    GroupMember primary = group.primary();
    GroupMember replica = group.member(1);
    primary.writeTransactions(2);
    group.awaitReplication(WAIT);
    List<String> all = gtids(replica.gtidState().executed());
    replica.purgeBinaryLogs();

    Throwable failure = dumpFailure(request(replica).withStartPosition(positionAfter(all.subList(0, 1))).build());

    assertThat(failure).isInstanceOfSatisfying(BinlogServerException.class, e -> {
      assertThat(e.errorCode()).isEqualTo(1236);
      assertThat(e.serverMessage()).isNotBlank();
      assertThat(e.getMessage()).contains(e.serverMessage()).contains(replica.address());
    });
  }

  @Test
  void wrongPassword_fails1045WithTheServersMessage_andNoPassword(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.execute(createUser("dm_wrong", "Right-Pass-42"));

    Throwable failure = dumpFailure(request(primary).withCredentials("dm_wrong", "Wrong-Pass-99").build());

    assertThat(failure).isInstanceOfSatisfying(BinlogServerException.class, e -> {
      assertThat(e.errorCode()).isEqualTo(1045);
      assertThat(e.sqlState()).isEqualTo("28000");
      assertThat(e.serverMessage()).contains("Access denied").contains("dm_wrong");
    });
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain("Wrong-Pass-99").doesNotContain("Right-Pass-42");
  }

  @Test
  void userWithPassword_authenticatesAndDumps(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.execute(createUser("dm_repl", "Dm-Secret-42"));
    BinlogDumpRequest request = request(primary).withCredentials("dm_repl", "Dm-Secret-42").build();

    try (BinlogDumpClient first = BinlogDumpClient.connect(request)) {
      assertThat(first.authPath()).isEqualTo(firstAuthWithPassword());
      assertThat(first.serverIdentity().serverId()).isEqualTo(primary.serverId());
      primary.writeTransactions(1);
      assertThat(readTransactions(first, 1)).hasSize(1);
    }
    try (BinlogDumpClient later = BinlogDumpClient.connect(
        request(primary).withCredentials("dm_repl", "Dm-Secret-42").build())) {
      assertThat(later.authPath()).isEqualTo(laterAuthWithPassword());
      awaitIdle(later);
    }
  }

  @Test
  void forwarderMovedKeepingConnections_openStreamKeepsReadingTheOldServer(ReplicationGroup group) {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    try (VipForwarder vip = VipForwarder.start(address(m1));
        BinlogDumpClient before = BinlogDumpClient.connect(request(vip.host(), vip.port())
            .withStartPosition(position(m1.gtidState().executed())).build())) {
      assertThat(before.serverIdentity().serverId()).isEqualTo(m1.serverId());
      awaitIdle(before);

      vip.moveTo(address(m2), VipForwarder.OnMove.KEEP_CONNECTIONS);
      m1.writeTransactions(2);
      List<String> written = gtids(m1.gtidState().executed());
      assertThat(readTransactions(before, 2)).containsExactlyElementsOf(written.subList(written.size() - 2,
          written.size()));
      assertThat(m1.query("SHOW PROCESSLIST")).as("the kept stream is a dump thread of the old server")
          .anySatisfy(row -> assertThat(row.get("Id")).isEqualTo(Long.toString(before.connectionId())));

      try (BinlogDumpClient after = BinlogDumpClient.connect(request(vip.host(), vip.port())
          .withStartPosition(position(m2.gtidState().executed())).build())) {
        assertThat(after.serverIdentity().serverId()).isEqualTo(m2.serverId());
        assertThat(after.serverIdentity()).isNotEqualTo(before.serverIdentity());
      }
    }
  }

  @Test
  void forwarderMovedCuttingConnections_streamFailsPromptly_andANewOneReadsTheNewServer(ReplicationGroup group) {
    GroupMember m1 = group.primary();
    GroupMember m2 = group.member(1);
    try (VipForwarder vip = VipForwarder.start(address(m1));
        BinlogDumpClient before = BinlogDumpClient.connect(request(vip.host(), vip.port())
            .withStartPosition(position(m1.gtidState().executed())).build())) {
      awaitIdle(before);

      long cut = System.nanoTime();
      vip.moveTo(address(m2), VipForwarder.OnMove.CUT_CONNECTIONS);
      Throwable failure = catchThrowable(() -> {
        while (true) {
          before.next();
        }
      });
      Duration took = Duration.ofNanos(System.nanoTime() - cut);

      assertThat(failure).isInstanceOfSatisfying(BinlogTransportException.class,
          e -> assertThat(e.reason()).isEqualTo(BinlogTransportException.Reason.CONNECTION_LOST));
      assertThat(took).isLessThan(READ_TIMEOUT);

      try (BinlogDumpClient after = BinlogDumpClient.connect(request(vip.host(), vip.port())
          .withStartPosition(position(m2.gtidState().executed())).build())) {
        assertThat(after.serverIdentity().serverId()).isEqualTo(m2.serverId());
        assertThat(after.serverIdentity()).isNotEqualTo(before.serverIdentity());
      }
    }
  }

  @Test
  void idleStream_heartbeatsArriveWithinTwoPeriods(ReplicationGroup group) {
    GroupMember primary = group.primary();
    Duration period = Duration.ofMillis(300);
    Duration bound = period.multipliedBy(2).plusMillis(200);
    try (BinlogDumpClient client = BinlogDumpClient.connect(request(primary).withHeartbeatPeriod(period).build())) {
      awaitIdle(client);
      for (int i = 0; i < 3; i++) {
        long started = System.nanoTime();
        BinlogEvent event = client.next();
        Duration gap = Duration.ofNanos(System.nanoTime() - started);
        assertThat(event).isInstanceOf(BinlogEvent.Heartbeat.class);
        assertThat(gap).as("wait for heartbeat %d", i + 1).isLessThan(bound);
      }
    }
  }

  @Test
  void serverKilled_nextFailsWithinTheReadTimeout(ReplicationGroup group) throws Exception {
    GroupMember victim = group.member(2);
    try (BinlogDumpClient client = BinlogDumpClient.connect(request(victim).build())) {
      awaitIdle(client);
      CompletableFuture<Throwable> reader = readUntilFailure(client, null);

      long killed = System.nanoTime();
      victim.kill();
      Throwable failure = reader.get(READ_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - killed);

      assertThat(failure).isInstanceOf(BinlogTransportException.class);
      assertThat(took).isLessThan(READ_TIMEOUT);
    }
  }

  @Test
  void closeFromAnotherThread_unblocksAPendingNext(ReplicationGroup group) throws Exception {
    GroupMember primary = group.primary();
    primary.writeTransactions(1);
    List<String> all = gtids(primary.gtidState().executed());
    BinlogDumpRequest request = request(primary).withStartPosition(positionAfter(all.subList(0, all.size() - 1)))
        .withHeartbeatPeriod(Duration.ofSeconds(30)).withReadTimeout(Duration.ofSeconds(60)).build();
    BinlogDumpClient client = BinlogDumpClient.connect(request);
    try {
      CountDownLatch caughtUp = new CountDownLatch(1);
      CompletableFuture<Throwable> reader = readUntilFailure(client, caughtUp);
      assertThat(caughtUp.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the last transaction arrived").isTrue();

      long closed = System.nanoTime();
      client.close();
      Throwable failure = reader.get(5, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - closed);

      assertThat(failure).isInstanceOfSatisfying(BinlogTransportException.class,
          e -> assertThat(e.reason()).isEqualTo(BinlogTransportException.Reason.CLOSED));
      assertThat(took).isLessThan(Duration.ofSeconds(1));
      assertThat(catchThrowable(client::next)).isInstanceOfSatisfying(BinlogTransportException.class,
          e -> assertThat(e.reason()).isEqualTo(BinlogTransportException.Reason.CLOSED));
    } finally {
      client.close();
    }
  }

  @Test
  void eventLargerThanOnePacket_isJoinedAndItsChecksumVerified(ReplicationGroup group) {
    GroupMember primary = group.primary();
    primary.writeTransactions(0);
    primary.execute("SET GLOBAL max_allowed_packet = 67108864",
        "CREATE TABLE IF NOT EXISTS dmsw.big (id INT PRIMARY KEY, b LONGBLOB)");
    int size = PacketChannel.MAX_PACKET_PAYLOAD + (1 << 20);
    try (BinlogDumpClient client = BinlogDumpClient.connect(request(primary).build())) {
      awaitIdle(client);
      primary.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO dmsw.big VALUES (1, ?)")) {
          ps.setBytes(1, new byte[size]);
          return ps.executeUpdate();
        }
      });
      List<String> all = gtids(primary.gtidState().executed());
      assertThat(readTransactions(client, 1)).containsExactly(all.get(all.size() - 1));
    }
  }

  /** Connects and reads until the dump fails; returns the failure. */
  static Throwable dumpFailure(BinlogDumpRequest request) {
    return catchThrowable(() -> {
      try (BinlogDumpClient client = BinlogDumpClient.connect(request)) {
        while (true) {
          client.next();
        }
      }
    });
  }

  /**
   * Reads {@code count} transactions: each GTID event must be followed by its end before the next
   * GTID event. Returns their GTIDs.
   */
  List<String> readTransactions(BinlogDumpClient client, int count) {
    List<String> gtids = new ArrayList<>();
    boolean open = false;
    while (gtids.size() < count || open) {
      BinlogEvent event = client.next();
      if (event instanceof BinlogEvent.MysqlGtid || event instanceof BinlogEvent.MariadbGtid) {
        assertThat(open).as("transaction %s ended before %s", gtids, event).isFalse();
        gtids.add(gtidOf(event));
        open = true;
      } else if (event instanceof BinlogEvent.TransactionEnd) {
        assertThat(open).as("an end without a GTID: %s", event).isTrue();
        open = false;
      } else if (event instanceof BinlogEvent.Unsupported) {
        fail("unexpected %s", event);
      }
    }
    return gtids;
  }

  /** Reads until a heartbeat arrives, failing if a transaction arrives first. */
  static void awaitIdle(BinlogDumpClient client) {
    while (true) {
      BinlogEvent event = client.next();
      if (event instanceof BinlogEvent.Heartbeat) {
        return;
      }
      assertThat(event).as("an event before the stream is idle")
          .isInstanceOfAny(BinlogEvent.Rotate.class, BinlogEvent.FormatDescription.class);
    }
  }

  /**
   * Calls {@code next()} in another thread until it throws, counting down {@code caughtUp} at the
   * first transaction end; completes with the failure.
   */
  static CompletableFuture<Throwable> readUntilFailure(BinlogDumpClient client, CountDownLatch caughtUp) {
    CompletableFuture<Throwable> result = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        while (true) {
          BinlogEvent event = client.next();
          if (caughtUp != null && event instanceof BinlogEvent.TransactionEnd) {
            caughtUp.countDown();
          }
        }
      } catch (RuntimeException e) {
        result.complete(e);
      }
    }, "binlog-reader");
    reader.setDaemon(true);
    reader.start();
    return result;
  }

  static InetSocketAddress address(GroupMember m) {
    return new InetSocketAddress(m.host(), m.port());
  }
}
