package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.dm.Sleeper;
import io.github.dmswitchover.gtid.GtidFormatException;
import io.github.dmswitchover.gtid.GtidSet;
import io.github.dmswitchover.gtid.MariadbGtid;
import io.github.dmswitchover.gtid.MariadbGtidList;
import io.github.dmswitchover.gtid.MariadbGtidPosition;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.Flavor;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.ProbeException.Kind;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import io.github.dmswitchover.switchover.spi.WaitResult.Outcome;
import io.github.dmswitchover.switchover.spi.WaitResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catch-up wait: reads what is still missing, lets the server wait for it in slices of at most
 * {@link #SLICE} ({@code WAIT_FOR_EXECUTED_GTID_SET} / {@code MASTER_GTID_WAIT}), reports progress
 * about once a second, and checks cancellation between slices. Not thread-safe; one per wait.
 *
 * <p><b>What counts as executed.</b> MySQL: {@code @@GLOBAL.gtid_executed}, which is also what
 * {@code WAIT_FOR_EXECUTED_GTID_SET} waits on. MariaDB: {@code @@GLOBAL.gtid_binlog_pos} by the
 * server's rule (per domain, sequence only; several GTIDs of one domain in the target are each
 * checked). {@code MASTER_GTID_WAIT} waits on {@code gtid_slave_pos} instead, which lacks the
 * instance's own transactions (a former primary's) and, with {@code log_slave_updates} off, says
 * nothing about the binary log DM reads; so the position is checked first and after every slice,
 * and the server wait only saves polling while a replica applies.
 *
 * <p><b>A dropped connection</b> is replaced at once; if the new one cannot be opened, or fails
 * again before a statement succeeds on it, the wait throws {@link ProbeException}.
 */
final class CatchUpWait {
  /** The longest the server waits in one statement; progress and cancellation are handled between slices. */
  static final Duration SLICE = Duration.ofSeconds(1);
  /** How often progress is reported. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(CatchUpWait.class);

  /** What is still missing. */
  record Remaining(boolean isEmpty, String serverText, String abbreviated) {}

  /** The wait's work on one connection. */
  interface Session extends AutoCloseable {
    /** Reads what the instance executed and returns what of the target it still lacks. */
    Remaining remaining() throws SQLException;

    /** Lets the server wait up to {@code slice} for {@code remaining}; returns whether it says reached. */
    boolean serverWait(Remaining remaining, Duration slice) throws SQLException;

    @Override
    void close();
  }

  /** Opens sessions (connections). */
  @FunctionalInterface
  interface Sessions {
    /**
     * Opens a session.
     *
     * @throws SQLException if the connection cannot be opened
     * @throws ProbeException if the instance cannot wait (no GTIDs, another flavor)
     */
    Session open() throws SQLException;
  }

  private final Sessions sessions;
  private final ConnectionSource source;
  private final Clock clock;
  private final Sleeper sleeper;

  CatchUpWait(Sessions sessions, ConnectionSource source, Clock clock, Sleeper sleeper) {
    this.sessions = sessions;
    this.source = source;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  WaitResult run(Duration timeout, WaitProgress progress, Cancellation cancellation) {
    Instant start = clock.instant();
    Duration lastReport = Duration.ZERO;
    Session session = open();
    boolean retried = false;
    boolean serverSaidReached = false;
    try {
      while (true) {
        Duration elapsed = Duration.between(start, clock.instant());
        if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
          return new WaitResult(Outcome.CANCELLED, elapsed);
        }
        Remaining remaining;
        try {
          remaining = session.remaining();
          retried = false;
        } catch (SQLException e) {
          session = replace(session, e, retried);
          retried = true;
          continue;
        }
        elapsed = Duration.between(start, clock.instant());
        if (remaining.isEmpty()) {
          return new WaitResult(Outcome.REACHED, elapsed);
        }
        Duration left = timeout.minus(elapsed);
        if (left.isNegative() || left.isZero()) {
          return new WaitResult(Outcome.TIMED_OUT, elapsed);
        }
        if (elapsed.minus(lastReport).compareTo(PROGRESS_INTERVAL) >= 0) {
          lastReport = elapsed;
          report(progress, elapsed, remaining.abbreviated());
        }
        Duration slice = left.compareTo(SLICE) < 0 ? left : SLICE;
        if (serverSaidReached) {
          // The server's wait says reached, but what DM reads does not have it yet (MariaDB with
          // log_slave_updates off, or a position the replica applied but did not log): poll instead.
          serverSaidReached = false;
          try {
            sleeper.sleep(slice);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WaitResult(Outcome.CANCELLED, Duration.between(start, clock.instant()));
          }
          continue;
        }
        try {
          serverSaidReached = session.serverWait(remaining, slice);
          retried = false;
        } catch (SQLException e) {
          session = replace(session, e, retried);
          retried = true;
        }
      }
    } finally {
      session.close();
    }
  }

  private Session open() {
    try {
      return sessions.open();
    } catch (SQLException e) {
      throw SqlErrors.probeException(source, "connecting to wait", e);
    }
  }

  private Session replace(Session failed, SQLException e, boolean retried) {
    ProbeException pe = SqlErrors.probeException(source, "waiting for GTIDs", e);
    boolean connection = pe.kind() == Kind.UNREACHABLE || pe.kind() == Kind.TIMEOUT;
    failed.close();
    if (!connection || retried) {
      throw pe;
    }
    LOG.warn("{}: the connection failed while waiting ({}); reconnecting once", source.address(), pe.getMessage());
    return open();
  }

  private void report(WaitProgress progress, Duration elapsed, String remaining) {
    try {
      progress.onProgress(elapsed, remaining);
    } catch (RuntimeException e) {
      LOG.warn("{}: a progress listener threw; the wait goes on", source.address(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Opens a session on a new connection for {@code target}. */
  static Session openSession(ConnectionSource source, GtidTarget target, int queryTimeoutSeconds) throws SQLException {
    Connection c = source.open();
    try {
      Sql sql = Sql.over(c, source.address(), queryTimeoutSeconds);
      Dialect d = new InstanceReader(sql, source).dialect();
      Flavor wanted = target instanceof GtidTarget.Mysql ? Flavor.MYSQL : Flavor.MARIADB;
      if (d.flavor() != wanted) {
        throw new IllegalArgumentException("a " + wanted + " target cannot be waited for on " + source.address()
            + ", which runs " + d.version);
      }
      Row check = singleRow(sql.query(d.gtidCheckQuery()), d.gtidCheckQuery(), source);
      d.noGtidReason(check).ifPresent(reason -> {
        throw new ProbeException(Kind.NO_GTID, source.address(), reason, null, null);
      });
      Session s = target instanceof GtidTarget.Mysql my
          ? new MysqlSession(c, sql, d, my.gtids(), source)
          : new MariadbSession(c, sql, d, ((GtidTarget.Mariadb) target).gtids(), source);
      return s;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(c);
      throw e;
    }
  }

  /**
   * Returns the GTIDs of {@code target} that {@code position} has not reached, by MariaDB's rule:
   * each GTID on its own, per domain, by sequence only (server ids are ignored, sequence 0 is always
   * reached), so a target may name a domain several times.
   */
  static List<MariadbGtid> missing(MariadbGtidPosition position, MariadbGtidList target) {
    List<MariadbGtid> missing = new ArrayList<>();
    for (MariadbGtid g : target.gtids()) {
      if (!position.contains(g)) {
        missing.add(g);
      }
    }
    return missing;
  }

  private static Row singleRow(List<Row> rows, String what, ConnectionSource source) {
    if (rows.size() != 1) {
      throw new ProbeException(Kind.QUERY_FAILED, source.address(), what + " returned " + rows.size() + " rows", null,
          null);
    }
    return rows.get(0);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("closing a connection failed: {}", e.toString());
    }
  }

  private abstract static class JdbcSession implements Session {
    final Connection connection;
    final Sql sql;
    final Dialect dialect;
    final ConnectionSource source;

    JdbcSession(Connection connection, Sql sql, Dialect dialect, ConnectionSource source) {
      this.connection = connection;
      this.sql = sql;
      this.dialect = dialect;
      this.source = source;
    }

    @Override
    public boolean serverWait(Remaining remaining, Duration slice) throws SQLException {
      String statement = dialect.waitQuery(slice);
      Row r = singleRow(sql.query(statement, remaining.serverText()), statement, source);
      try {
        return dialect.waitReached(r.get("result").orElse("NULL"));
      } catch (IllegalStateException e) {
        throw new ProbeException(Kind.QUERY_FAILED, source.address(), e.getMessage(), null, e);
      }
    }

    String executed() throws SQLException {
      return singleRow(sql.query(dialect.executedQuery()), dialect.executedQuery(), source).text(
          dialect instanceof Dialect.Mysql ? "executed" : "binlog_pos");
    }

    ProbeException unparsable(GtidFormatException e) {
      return new ProbeException(Kind.QUERY_FAILED, source.address(), "the executed GTIDs cannot be parsed: "
          + e.getMessage(), null, e);
    }

    @Override
    public void close() {
      closeQuietly(connection);
    }
  }

  private static final class MysqlSession extends JdbcSession {
    private final GtidSet target;

    MysqlSession(Connection c, Sql sql, Dialect d, GtidSet target, ConnectionSource source) {
      super(c, sql, d, source);
      this.target = target;
    }

    @Override
    public Remaining remaining() throws SQLException {
      GtidSet executed;
      try {
        executed = GtidSet.parse(executed());
      } catch (GtidFormatException e) {
        throw unparsable(e);
      }
      GtidSet missing = target.subtract(executed);
      return new Remaining(missing.isEmpty(), missing.toCompactString(), GtidText.abbreviate(missing));
    }
  }

  private static final class MariadbSession extends JdbcSession {
    private final MariadbGtidList target;

    MariadbSession(Connection c, Sql sql, Dialect d, MariadbGtidList target, ConnectionSource source) {
      super(c, sql, d, source);
      this.target = target;
    }

    @Override
    public Remaining remaining() throws SQLException {
      MariadbGtidPosition position;
      try {
        position = MariadbGtidPosition.parse(executed());
      } catch (GtidFormatException e) {
        throw unparsable(e);
      }
      List<MariadbGtid> missing = missing(position, target);
      String text = missing.stream().map(MariadbGtid::toString).collect(Collectors.joining(","));
      return new Remaining(missing.isEmpty(), text, GtidText.abbreviate(missing));
    }
  }
}
