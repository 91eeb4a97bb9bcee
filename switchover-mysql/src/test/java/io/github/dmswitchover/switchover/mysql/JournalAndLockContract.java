package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.JournalEntry.Phase;
import io.github.dmswitchover.switchover.spi.JournalException;
import io.github.dmswitchover.switchover.spi.LockLease;
import io.github.dmswitchover.testkit.db.GroupMember;
import io.github.dmswitchover.testkit.db.ReplicationGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The journal table and the GET_LOCK lock on a real server (standing in for the downstream TiDB). */
abstract class JournalAndLockContract {
  static final String DB = "dm_meta";
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String PASSWORD = "pw-Zebra-42!jl";

  @BeforeAll
  static void createDatabase(ReplicationGroup group) {
    group.primary().execute("CREATE DATABASE IF NOT EXISTS " + DB);
  }

  static DatabaseEndpoint root(GroupMember m) {
    return DatabaseEndpoint.builder().withHost(m.host()).withPort(m.port()).withUser(m.user()).withPassword(m.password())
        .build();
  }

  static JdbcSwitchoverJournal journal(GroupMember m) {
    return JdbcSwitchoverJournal.builder().withEndpoint(root(m)).withDatabase(DB).build();
  }

  static JdbcSwitchoverLock lock(GroupMember m) {
    return JdbcSwitchoverLock.builder().withEndpoint(root(m)).withDatabase(DB).build();
  }

  static JournalEntry entry(String switchover, String source, long seq, String step, Phase phase, Instant at,
      String detail) {
    return new JournalEntry(switchover, source, seq, step, phase, at, detail);
  }

  @Test
  void journal_appendThenRead_returnsEveryRecordExactly_andTheLatestSwitchoverOfASource(ReplicationGroup group) {
    JdbcSwitchoverJournal journal = journal(group.primary());
    Instant t0 = Instant.parse("2026-11-21T10:00:00.123456789Z");
    List<JournalEntry> a = List.of(
        entry("sw-a", "src-1", 1, "plan", Phase.PLANNED, t0, "{\"gates\":\"ok\"}"),
        entry("sw-a", "src-1", 2, "pause-tasks", Phase.STARTED, t0.plusMillis(5), "{\"tasks\":[\"t1\",\"t2\"]}"),
        entry("sw-a", "src-1", 3, "pause-tasks", Phase.SUCCEEDED, t0.plusSeconds(1), "{\"note\":\"日本語 ✓\"}"));
    a.forEach(journal::append);
    journal.append(entry("sw-b", "src-1", 1, "plan", Phase.PLANNED, t0.plusSeconds(60), "{}"));
    journal.append(entry("sw-c", "src-2", 1, "plan", Phase.PLANNED, t0.plusSeconds(120), "{}"));

    assertThat(journal.entries("sw-a")).containsExactlyElementsOf(a);
    assertThat(journal.latestSwitchover("src-1")).contains("sw-b");
    assertThat(journal.latestSwitchover("src-2")).contains("sw-c");
    assertThat(journal.latestSwitchover("src-never")).isEmpty();
    assertThat(journal.entries("sw-never")).isEmpty();
  }

  @Test
  void journal_sequenceNotNext_isRefusedAndNothingIsWritten(ReplicationGroup group) {
    JdbcSwitchoverJournal journal = journal(group.primary());
    Instant now = Instant.parse("2026-11-21T11:00:00Z");
    journal.append(entry("sw-d", "src-3", 1, "plan", Phase.PLANNED, now, "{}"));

    assertThatThrownBy(() -> journal.append(entry("sw-d", "src-3", 3, "move-vip", Phase.STARTED, now, "{}")))
        .isInstanceOf(JournalException.class).hasMessageContaining("sequence 3 of switchover sw-d is not the next one: the last written is 1");
    assertThatThrownBy(() -> journal.append(entry("sw-d", "src-3", 1, "plan", Phase.PLANNED, now, "{}")))
        .isInstanceOf(JournalException.class).hasMessageContaining("not the next one");
    assertThatThrownBy(() -> journal.append(entry("sw-e", "src-3", 2, "plan", Phase.PLANNED, now, "{}")))
        .isInstanceOf(JournalException.class).hasMessageContaining("the last written is 0");
    assertThat(journal.entries("sw-d")).hasSize(1);
    assertThat(journal.entries("sw-e")).isEmpty();
  }

  @Test
  void journal_concurrentWritersOfOneSequence_exactlyOneWins(ReplicationGroup group) throws Exception {
    GroupMember m = group.primary();
    Instant now = Instant.parse("2026-11-21T12:00:00Z");
    journal(m).append(entry("sw-f", "src-4", 1, "plan", Phase.PLANNED, now, "{}"));
    int writers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Optional<JournalException>>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        String step = "writer-" + i;
        JdbcSwitchoverJournal own = journal(m);
        results.add(pool.submit(() -> {
          go.await();
          try {
            own.append(entry("sw-f", "src-4", 2, step, Phase.STARTED, now, "{}"));
            return Optional.empty();
          } catch (JournalException e) {
            return Optional.of(e);
          }
        }));
      }
      go.countDown();
      int won = 0;
      for (Future<Optional<JournalException>> f : results) {
        Optional<JournalException> r = f.get(60, TimeUnit.SECONDS);
        if (r.isEmpty()) {
          won++;
        } else {
          assertThat(r.get().getMessage()).containsAnyOf("not the next one", "written by another writer meanwhile");
        }
      }
      assertThat(won).isEqualTo(1);
      assertThat(journal(m).entries("sw-f")).extracting(JournalEntry::sequence).containsExactly(1L, 2L);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void journal_writtenThroughOneConnection_isReadThroughAnotherSourceEntirely(ReplicationGroup group) {
    GroupMember m = group.primary();
    Instant now = Instant.parse("2026-11-21T13:00:00Z");
    journal(m).append(entry("sw-g", "src-5", 1, "plan", Phase.PLANNED, now, "{\"a\":1}"));

    JdbcSwitchoverJournal viaDataSource = JdbcSwitchoverJournal.builder()
        .withDataSource(new SimpleDataSource(m.host(), m.port(), m.user(), m.password()), m.address())
        .withDatabase(DB).build();
    assertThat(viaDataSource.entries("sw-g")).containsExactly(entry("sw-g", "src-5", 1, "plan", Phase.PLANNED, now,
        "{\"a\":1}"));
    viaDataSource.append(entry("sw-g", "src-5", 2, "plan", Phase.FINISHED, now.plusSeconds(1), "{}"));
    assertThat(journal(m).entries("sw-g")).hasSize(2);
    assertThat(viaDataSource.latestSwitchover("src-5")).contains("sw-g");
  }

  @Test
  void journal_minimumGrants_selectAndInsertOnceTheTableExists_createNamedWhenItDoesNot(ReplicationGroup group) {
    GroupMember m = group.primary();
    journal(m).createTableIfMissing();
    m.execute("CREATE USER IF NOT EXISTS 'dmsw_journal'@'%' IDENTIFIED BY '" + PASSWORD + "'",
        "GRANT SELECT, INSERT ON " + DB + ".* TO 'dmsw_journal'@'%'");
    DatabaseEndpoint user = root(m).toBuilder().withUser("dmsw_journal").withPassword(PASSWORD).build();
    JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder().withEndpoint(user).withDatabase(DB).build();
    Instant now = Instant.parse("2026-11-21T14:00:00Z");

    journal.append(entry("sw-h", "src-6", 1, "plan", Phase.PLANNED, now, "{}"));
    assertThat(journal.entries("sw-h")).hasSize(1);
    assertThat(journal.latestSwitchover("src-6")).contains("sw-h");

    JdbcSwitchoverJournal other = JdbcSwitchoverJournal.builder().withEndpoint(user).withDatabase(DB)
        .withTable("journal_not_created").build();
    JournalException e = catchThrowableOfType(JournalException.class, () -> other.entries("sw-h"));
    // MySQL names the table, MariaDB the database and the table.
    assertThat(e.getMessage()).containsPattern("\\[missing privilege: CREATE ON (dm_meta\\.)?journal_not_created]")
        .doesNotContain(PASSWORD);
  }

  @Test
  void journal_missingDatabase_saysItMustExist(ReplicationGroup group) {
    JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder().withEndpoint(root(group.primary()))
        .withDatabase("no_such_db").build();
    assertThatThrownBy(journal::createTableIfMissing).isInstanceOf(JournalException.class)
        .hasMessageContaining("error 1049").hasMessageContaining("the database must exist");
  }

  @Test
  void lock_secondContender_waitsAndGetsNothing_thenGetsALargerTokenOnceReleased(ReplicationGroup group) {
    GroupMember m = group.primary();
    JdbcSwitchoverLock first = lock(m);
    JdbcSwitchoverLock second = lock(m);

    LockLease held = first.tryAcquire("src-lock-1", "sw-1", Duration.ZERO).orElseThrow();
    assertThat(held.sourceId()).isEqualTo("src-lock-1");
    assertThat(held.isValid()).isTrue();
    long started = System.nanoTime();
    assertThat(second.tryAcquire("src-lock-1", "sw-2", Duration.ofSeconds(1))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited").isGreaterThan(Duration.ofMillis(800));
    try (LockLease otherSource = second.tryAcquire("src-lock-2", "sw-2", Duration.ZERO).orElseThrow()) {
      assertThat(otherSource.isValid()).as("another source's lock is independent").isTrue();
    }

    held.close();
    assertThat(held.isValid()).isFalse();
    held.close();
    try (LockLease next = second.tryAcquire("src-lock-1", "sw-2", Duration.ofSeconds(5)).orElseThrow()) {
      assertThat(next.fencingToken()).isGreaterThan(held.fencingToken());
      assertThat(next.isValid()).isTrue();
      assertThat(next.toString()).contains("src-lock-1").contains("token=" + next.fencingToken());
    }
  }

  @Test
  void lock_holderConnectionDies_leaseIsInvalid_andTheNextGrantHasALargerToken(ReplicationGroup group) {
    GroupMember m = group.primary();
    LockLease dead = lock(m).tryAcquire("src-lock-3", "sw-3", Duration.ZERO).orElseThrow();
    String holder = m.queryValue("SELECT IS_USED_LOCK('" + JdbcSwitchoverLock.lockName("src-lock-3") + "')").orElseThrow();

    m.execute("KILL " + holder);

    Await.until("the killed holder's lease turns invalid", WAIT, dead::isValid, valid -> !valid);
    try (LockLease next = lock(m).tryAcquire("src-lock-3", "sw-4", Duration.ofSeconds(10)).orElseThrow()) {
      assertThat(next.fencingToken()).isGreaterThan(dead.fencingToken());
      dead.close();
      assertThat(next.isValid()).as("closing the dead lease does not release the new holder's lock").isTrue();
    }
  }

  @Test
  void lock_minimumGrants_selectInsertUpdate_throughACallersDataSource(ReplicationGroup group) {
    GroupMember m = group.primary();
    lock(m).tryAcquire("src-lock-5", "setup", Duration.ZERO).orElseThrow().close();
    m.execute("CREATE USER IF NOT EXISTS 'dmsw_lock'@'%' IDENTIFIED BY '" + PASSWORD + "'",
        "GRANT SELECT, INSERT, UPDATE ON " + DB + ".* TO 'dmsw_lock'@'%'");
    JdbcSwitchoverLock locks = JdbcSwitchoverLock.builder()
        .withDataSource(new SimpleDataSource(m.host(), m.port(), "dmsw_lock", PASSWORD), m.address())
        .withDatabase(DB).build();
    long previous;
    try (LockLease l = locks.tryAcquire("src-lock-5", "sw-5", Duration.ZERO).orElseThrow()) {
      assertThat(l.isValid()).isTrue();
      previous = l.fencingToken();
    }
    try (LockLease l = locks.tryAcquire("src-lock-5", "sw-6", Duration.ZERO).orElseThrow()) {
      assertThat(l.fencingToken()).isEqualTo(previous + 1);
    }
  }
}
