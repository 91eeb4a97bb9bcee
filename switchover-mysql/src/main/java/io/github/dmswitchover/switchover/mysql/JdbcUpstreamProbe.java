package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.dm.Sleeper;
import io.github.dmswitchover.switchover.spi.Cancellation;
import io.github.dmswitchover.switchover.spi.GtidTarget;
import io.github.dmswitchover.switchover.spi.InstanceReading;
import io.github.dmswitchover.switchover.spi.ProbeException.Kind;
import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.UpstreamProbe;
import io.github.dmswitchover.switchover.spi.WaitProgress;
import io.github.dmswitchover.switchover.spi.WaitResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a MySQL (5.7, 8.0, 8.4, 9.x) or MariaDB (10.x, 11.x) instance over JDBC for the
 * switchover gates, and waits for it to catch up. Immutable and thread-safe.
 *
 * <pre>{@code
 * DatabaseEndpoint db2 = DatabaseEndpoint.builder().withHost("db2.example.com").withPort(3306)
 *     .withUser("dmsw_probe").withPassword(password).build();
 * try (JdbcUpstreamProbe probe = JdbcUpstreamProbe.builder().withEndpoint(db2).build()) {
 *   InstanceReading r = probe.read();
 *   GtidState.Mysql gtids = (GtidState.Mysql) r.gtids();
 *   WaitResult w = probe.waitForExecuted(new GtidTarget.Mysql(needed), Duration.ofMinutes(2),
 *       (elapsed, missing) -> log.info("still missing {}", missing), Cancellation.NEVER);
 * }
 * }</pre>
 *
 * <p><b>Connections.</b> Every {@link #read()} and every wait opens its own connection and closes
 * it afterwards, so a reading through a virtual IP reaches whatever the VIP leads to at that moment.
 * A caller's {@link DataSource} is used as it is (a pool may hand out an old connection that still
 * leads to the previous server; give the probe a non-pooling DataSource when reading through a
 * VIP) and is never closed by the probe.
 *
 * <p><b>A reading</b> is taken on one connection, in a fixed order (see {@link #read()}); MySQL and
 * MariaDB have no statement that reads all of it in one snapshot.
 *
 * <p><b>Credentials</b> never appear in {@link #address()}, {@link #toString()}, exception
 * messages or logs; SQL is logged at DEBUG without parameter values.
 */
public final class JdbcUpstreamProbe implements UpstreamProbe {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcUpstreamProbe.class);

  private final ConnectionSource source;
  private final int queryTimeoutSeconds;
  private final Clock clock;
  private final Sleeper sleeper;
  private volatile boolean closed;

  private JdbcUpstreamProbe(Builder b) {
    this.source = b.source;
    this.queryTimeoutSeconds = (int) Math.max(1, (b.queryTimeout.toMillis() + 999) / 1000);
    this.clock = b.clock;
    this.sleeper = b.sleeper;
  }

  /** Returns a new builder; a connection source ({@code withEndpoint} or {@code withDataSource}) must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the instance's {@code host:port}; never credentials. */
  @Override
  public String address() {
    return source.address();
  }

  /**
   * Takes one reading of the instance on one connection.
   *
   * <p>Statements, in order: {@code VERSION()} (the flavor and dialect come from it); one
   * {@code SHOW GLOBAL VARIABLES} for the settings and identity; the GTID state (MySQL:
   * {@code gtid_purged}, then {@code gtid_executed}, in one statement, so purged is within executed;
   * MariaDB: {@code SHOW BINARY LOGS} and {@code BINLOG_GTID_POS(oldest, 4)}, then
   * {@code gtid_binlog_pos}, {@code gtid_binlog_state}, {@code gtid_slave_pos}, so what is purged is
   * within the position); the replication channels; the registered replicas; the processlist; and
   * on MySQL with performance_schema, which registered replica each binlog dump connection is. A
   * transaction committed while the reading runs shows only in the statements after it.
   *
   * <p>The oldest binary log's age is always empty, with a warning: no MySQL or MariaDB version
   * tells over SQL when a binary log file was written.
   *
   * @throws ProbeException with kind {@code NO_GTID} if MySQL's {@code gtid_mode} is not ON or the
   *     binary log is off; other kinds as the failure says
   * @throws IllegalStateException if the probe is closed
   */
  @Override
  public InstanceReading read() {
    requireOpen();
    try (Connection c = source.open()) {
      InstanceReader reader = new InstanceReader(Sql.over(c, source.address(), queryTimeoutSeconds), source);
      InstanceReading reading = reader.read(clock.instant());
      if (LOG.isDebugEnabled()) {
        LOG.debug("{}: read {} {}, {} channel(s), {} replica(s), {} dump client(s), warnings {}", source.address(),
            reading.flavor(), reading.version(), reading.channels().size(), reading.replicas().size(),
            reading.dumpClients().size(), reading.warnings());
      }
      return reading;
    } catch (SQLException e) {
      throw SqlErrors.probeException(source, "connecting", e);
    } catch (NumberFormatException e) {
      throw new ProbeException(Kind.QUERY_FAILED, source.address(), "a number in the answer cannot be parsed: "
          + source.mask(e.getMessage()), null, e);
    }
  }

  /**
   * Waits until the instance has executed {@code target}, at most {@code timeout}.
   *
   * <p>The server waits in slices of at most one second ({@code WAIT_FOR_EXECUTED_GTID_SET} on
   * MySQL, {@code MASTER_GTID_WAIT} on MariaDB); between slices the probe re-reads what is still
   * missing, reports it to {@code progress} about once a second ({@code target} minus what is
   * executed, abbreviated to about 200 characters), and checks {@code cancellation} and the thread's
   * interrupt flag (which it leaves set). On MySQL 5.7 the server takes whole seconds, so the last
   * slice can end up to a second after the timeout.
   *
   * <p>"Executed" is MySQL's {@code gtid_executed} and MariaDB's {@code gtid_binlog_pos}, compared
   * by MariaDB's own rule: per domain, sequence only. {@code MASTER_GTID_WAIT} itself watches
   * {@code gtid_slave_pos}, which does not hold an instance's own transactions; the probe therefore
   * checks the binary log position first and after every slice.
   *
   * <p>A connection that drops is replaced at once; if the new one cannot be opened, or drops too
   * before a statement succeeds on it, the wait throws.
   *
   * @return {@code REACHED}, {@code TIMED_OUT} or {@code CANCELLED}, with the time waited
   * @throws IllegalArgumentException if {@code timeout} is negative, or the target is of the other
   *     flavor than the instance
   * @throws ProbeException if the instance cannot be reached or cannot wait ({@code NO_GTID})
   * @throws IllegalStateException if the probe is closed
   */
  @Override
  public WaitResult waitForExecuted(GtidTarget target, Duration timeout, WaitProgress progress,
      Cancellation cancellation) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancellation, "cancellation");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    requireOpen();
    WaitResult result = new CatchUpWait(() -> CatchUpWait.openSession(source, target, queryTimeoutSeconds), source,
        clock, sleeper).run(timeout, progress, cancellation);
    LOG.debug("{}: wait ended {} after {}", source.address(), result.outcome(), result.waited());
    return result;
  }

  /** Marks the probe closed; it holds no connection between calls, and a caller's DataSource stays open. */
  @Override
  public void close() {
    closed = true;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the probe of " + source.address() + " is closed");
    }
  }

  /** Returns {@code JdbcUpstreamProbe[host:port]}. */
  @Override
  public String toString() {
    return "JdbcUpstreamProbe[" + source.address() + "]";
  }

  /** Builds a {@link JdbcUpstreamProbe}; not thread-safe. */
  public static final class Builder {
    private ConnectionSource source;
    private Duration queryTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();

    private Builder() {}

    /** Connects through mysql-connector-j with these settings (replaces a DataSource set before). */
    public Builder withEndpoint(DatabaseEndpoint endpoint) {
      this.source = ConnectionSource.of(endpoint);
      return this;
    }

    /**
     * Connects through the caller's DataSource, which the probe never closes (replaces an endpoint
     * set before).
     *
     * @param dataSource where connections come from
     * @param address the instance's {@code host:port} for reports and messages; credentials, a
     *     scheme or a path in it are dropped
     * @throws IllegalArgumentException if nothing of {@code address} is left
     */
    public Builder withDataSource(DataSource dataSource, String address) {
      this.source = ConnectionSource.of(dataSource, address);
      return this;
    }

    /**
     * Sets how long one statement may run (default 30 s), rounded up to whole seconds (JDBC's unit).
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder withQueryTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "queryTimeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("queryTimeout must be positive, got " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    /** Sets the clock for reading times and for measuring waits (default the system's, UTC). */
    public Builder withClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets how the probe pauses when it must poll (default {@link Sleeper#SYSTEM}). */
    public Builder withSleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Builds the probe; it connects only when used.
     *
     * @throws IllegalStateException if neither an endpoint nor a DataSource is set
     */
    public JdbcUpstreamProbe build() {
      if (source == null) {
        throw new IllegalStateException("set withEndpoint(...) or withDataSource(...) first");
      }
      return new JdbcUpstreamProbe(this);
    }
  }
}
