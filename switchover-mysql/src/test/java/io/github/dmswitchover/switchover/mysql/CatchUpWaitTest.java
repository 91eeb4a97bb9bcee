package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.dm.Sleeper;
import io.github.dmswitchover.gtid.MariadbGtid;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import io.github.dmswitchover.switchover.spi.WaitResult.Outcome;
import io.github.dmswitchover.switchover.spi.WaitResult;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wait loop with a fake clock and scripted sessions: nothing sleeps, nothing connects. */
class CatchUpWaitTest {
  static final CatchUpWait.Remaining MISSING = new CatchUpWait.Remaining(false, "u:5-9", "u:5-9");
  static final CatchUpWait.Remaining NOTHING = new CatchUpWait.Remaining(true, "", "");

  final FakeClock clock = new FakeClock();
  final List<Duration> slept = new ArrayList<>();
  final Sleeper sleeper = d -> {
    slept.add(d);
    clock.advance(d);
  };
  final List<String> progress = new ArrayList<>();
  final WaitProgress recorder = (elapsed, remaining) -> progress.add(elapsed.toMillis() + "ms " + remaining);
  final StubSource source = new StubSource("db2:3306", "s3cr3t-pw");

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  CatchUpWait waitWith(ScriptedSession... sessions) {
    Deque<ScriptedSession> left = new ArrayDeque<>(List.of(sessions));
    return new CatchUpWait(() -> {
      ScriptedSession s = left.poll();
      if (s == null) {
        throw new SQLNonTransientConnectionException("Communications link failure", "08S01");
      }
      s.opened = true;
      return s;
    }, source, clock, sleeper);
  }

  @Test
  void run_alreadyReached_returnsAtOnceWithoutAServerWait() {
    ScriptedSession s = new ScriptedSession().remaining(NOTHING);
    WaitResult r = waitWith(s).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER);
    assertThat(r).isEqualTo(new WaitResult(Outcome.REACHED, Duration.ZERO));
    assertThat(s.slices).isEmpty();
    assertThat(progress).isEmpty();
    assertThat(s.closed).isTrue();
  }

  @Test
  void run_reachedAfterThreeSlices_reportsProgressOncePerSecond() {
    ScriptedSession s = new ScriptedSession().remaining(MISSING, MISSING, MISSING, NOTHING).serverSays(false, false, true);
    WaitResult r = waitWith(s).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER);
    assertThat(r).isEqualTo(new WaitResult(Outcome.REACHED, Duration.ofSeconds(3)));
    assertThat(s.slices).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(s.waitedFor).containsOnly("u:5-9");
    assertThat(progress).containsExactly("1000ms u:5-9", "2000ms u:5-9");
  }

  @Test
  void run_neverReached_timesOutWithTheLastSliceShortened() {
    ScriptedSession s = new ScriptedSession().remaining(MISSING).serverSays(false);
    WaitResult r = waitWith(s).run(Duration.ofMillis(2500), recorder, Cancellation.NEVER);
    assertThat(r).isEqualTo(new WaitResult(Outcome.TIMED_OUT, Duration.ofMillis(2500)));
    assertThat(s.slices).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(500));
    assertThat(progress).hasSize(2);
    assertThat(s.closed).isTrue();
  }

  @Test
  void run_zeroTimeout_checksOnceAndTimesOut() {
    ScriptedSession s = new ScriptedSession().remaining(MISSING);
    WaitResult r = waitWith(s).run(Duration.ZERO, recorder, Cancellation.NEVER);
    assertThat(r.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(s.slices).isEmpty();
  }

  @Test
  void run_cancelledAfterTheFirstReport_returnsCancelledBeforeTheNextSlice() {
    AtomicBoolean cancel = new AtomicBoolean();
    ScriptedSession s = new ScriptedSession().remaining(MISSING).serverSays(false);
    WaitResult r = waitWith(s).run(Duration.ofMinutes(5), (elapsed, remaining) -> cancel.set(true), cancel::get);
    assertThat(r).isEqualTo(new WaitResult(Outcome.CANCELLED, Duration.ofSeconds(2)));
    assertThat(s.slices).hasSize(2);
    assertThat(s.closed).isTrue();
  }

  @Test
  void run_interrupted_returnsCancelledAndKeepsTheInterrupt() {
    ScriptedSession s = new ScriptedSession().remaining(MISSING).serverSays(false);
    Thread.currentThread().interrupt();
    WaitResult r = waitWith(s).run(Duration.ofMinutes(5), recorder, Cancellation.NEVER);
    assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void run_serverSaysReachedButThePositionLacksIt_pollsWithTheSleeperInsteadOfSpinning() {
    // MariaDB: MASTER_GTID_WAIT watches gtid_slave_pos, which may have it while gtid_binlog_pos does not.
    ScriptedSession s = new ScriptedSession().remaining(MISSING, MISSING, MISSING, NOTHING).serverSays(true);
    WaitResult r = waitWith(s).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER);
    assertThat(r.outcome()).isEqualTo(Outcome.REACHED);
    assertThat(s.slices).hasSize(2);
    assertThat(slept).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void run_connectionDropsOnce_reconnectsAndGoesOn() {
    ScriptedSession first = new ScriptedSession().remaining(MISSING).serverSays(false)
        .failWaitWith(new SQLNonTransientConnectionException("Communications link failure", "08S01"));
    ScriptedSession second = new ScriptedSession().remaining(MISSING, NOTHING).serverSays(true);
    WaitResult r = waitWith(first, second).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER);
    assertThat(r.outcome()).isEqualTo(Outcome.REACHED);
    assertThat(first.closed).isTrue();
    assertThat(second.opened).isTrue();
    assertThat(second.closed).isTrue();
  }

  @Test
  void run_reconnectFails_throwsUnreachable() {
    ScriptedSession only = new ScriptedSession().remaining(MISSING)
        .failWaitWith(new SQLNonTransientConnectionException("Communications link failure", "08S01"));
    assertThatThrownBy(() -> waitWith(only).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER))
        .isInstanceOfSatisfying(ProbeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ProbeException.Kind.UNREACHABLE);
          assertThat(e.address()).isEqualTo("db2:3306");
          assertThat(e.getMessage()).contains("connecting to wait failed");
        });
    assertThat(only.closed).isTrue();
  }

  @Test
  void run_newConnectionDropsBeforeAnyStatementSucceeds_throws() {
    SQLException drop = new SQLNonTransientConnectionException("Communications link failure", "08S01");
    ScriptedSession first = new ScriptedSession().remaining(MISSING).failWaitWith(drop);
    ScriptedSession second = new ScriptedSession().failRemainingWith(drop);
    ScriptedSession third = new ScriptedSession().remaining(NOTHING);
    assertThatThrownBy(() -> waitWith(first, second, third).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER))
        .isInstanceOfSatisfying(ProbeException.class, e -> assertThat(e.kind()).isEqualTo(ProbeException.Kind.UNREACHABLE));
    assertThat(third.opened).isFalse();
    assertThat(second.closed).isTrue();
  }

  @Test
  void run_serverRefusesTheWait_throwsAtOnceWithoutReconnecting() {
    ScriptedSession first = new ScriptedSession().remaining(MISSING)
        .failWaitWith(new SQLException("Access denied; you need (at least one of) the SUPER privilege(s) for this operation",
            "42000", 1227));
    ScriptedSession second = new ScriptedSession().remaining(NOTHING);
    assertThatThrownBy(() -> waitWith(first, second).run(Duration.ofSeconds(30), recorder, Cancellation.NEVER))
        .isInstanceOfSatisfying(ProbeException.class, e -> {
          assertThat(e.kind()).isEqualTo(ProbeException.Kind.ACCESS_DENIED);
          assertThat(e.missingPrivilege()).contains("SUPER");
        });
    assertThat(second.opened).isFalse();
  }

  @Test
  void run_throwingProgressListener_neverChangesTheOutcome() {
    ScriptedSession s = new ScriptedSession().remaining(MISSING, MISSING, NOTHING).serverSays(false);
    WaitResult r = waitWith(s).run(Duration.ofSeconds(30), (e, m) -> {
      throw new IllegalStateException("listener bug");
    }, Cancellation.NEVER);
    assertThat(r.outcome()).isEqualTo(Outcome.REACHED);
  }

  @Test
  void missing_mariadb_checksEachGtidPerDomainBySequenceOnly() {
    MariadbGtidPosition position = MariadbGtidPosition.parse("0-2-4,1-1-7");
    MariadbGtidList target = MariadbGtidList.parse("0-1-5,0-2-3,0-9-4,1-1-7,2-1-0,3-1-1");
    assertThat(CatchUpWait.missing(position, target)).extracting(MariadbGtid::toString)
        .containsExactly("0-1-5", "3-1-1");
  }

  /** A clock that moves only when told. */
  static final class FakeClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A session whose answers are scripted; a server wait takes its whole slice on the fake clock. */
  final class ScriptedSession implements CatchUpWait.Session {
    final List<Duration> slices = new ArrayList<>();
    final List<String> waitedFor = new ArrayList<>();
    private final Deque<CatchUpWait.Remaining> remaining = new ArrayDeque<>();
    private final Deque<Boolean> serverSays = new ArrayDeque<>();
    private SQLException waitFailure;
    private SQLException remainingFailure;
    boolean opened;
    boolean closed;

    ScriptedSession remaining(CatchUpWait.Remaining... answers) {
      remaining.addAll(List.of(answers));
      return this;
    }

    ScriptedSession serverSays(Boolean... answers) {
      serverSays.addAll(List.of(answers));
      return this;
    }

    ScriptedSession failWaitWith(SQLException e) {
      waitFailure = e;
      return this;
    }

    ScriptedSession failRemainingWith(SQLException e) {
      remainingFailure = e;
      return this;
    }

    @Override
    public CatchUpWait.Remaining remaining() throws SQLException {
      if (remainingFailure != null) {
        throw remainingFailure;
      }
      return remaining.size() > 1 ? remaining.removeFirst() : remaining.getFirst();
    }

    @Override
    public boolean serverWait(CatchUpWait.Remaining r, Duration slice) throws SQLException {
      if (waitFailure != null) {
        throw waitFailure;
      }
      slices.add(slice);
      waitedFor.add(r.serverText());
      clock.advance(slice);
      return serverSays.size() > 1 ? serverSays.removeFirst() : serverSays.getFirst();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
