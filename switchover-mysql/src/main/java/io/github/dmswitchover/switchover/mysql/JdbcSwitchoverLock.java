package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.switchover.spi.LockLease;
import io.github.dmswitchover.switchover.spi.SwitchoverLock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switchover per DM source at a time, across processes, with {@code GET_LOCK} on a database
 * server (typically the downstream TiDB; MySQL and MariaDB work too). Thread-safe.
 *
 * <pre>{@code
 * JdbcSwitchoverLock locks = JdbcSwitchoverLock.builder().withEndpoint(tidb).withDatabase("dm_meta").build();
 * Optional<LockLease> lease = locks.tryAcquire("mysql-replica-01", "sw-42", Duration.ofSeconds(10));
 * if (lease.isPresent()) {
 *   try (LockLease l = lease.get()) {
 *     long token = l.fencingToken();   // record it with every step; a later holder has a larger one
 *   }
 * }
 * }</pre>
 *
 * <p><b>The lock</b> is {@code GET_LOCK(name)} on a connection the lease keeps open; the name is
 * {@code dmswitchover:} and 48 hexadecimal digits of the SHA-256 of the source id (61 characters,
 * within MySQL's and TiDB's 64). The server frees it when that connection ends, so a holder that
 * dies loses it; {@link LockLease#isValid()} asks the server whether its connection still holds it
 * ({@code IS_USED_LOCK(name)} equal to its own connection id; on a server without
 * {@code IS_USED_LOCK}, such as TiDB before 7.x, whether its connection is still the same session).
 *
 * <p><b>The fencing token</b> is a counter in a table of the same database
 * ({@code dm_switchover_lock} unless renamed, one row per lock name), incremented and read by the
 * holder right after each grant, in autocommit. Only the holder of the lock writes the row, so the
 * token grows with every grant and survives server restarts, which end every lock but not the row.
 *
 * <p><b>Waiting</b> is done by the server in {@code GET_LOCK} calls of at most 10 seconds; MySQL and
 * TiDB take whole seconds, so a wait is rounded up to whole seconds (TiDB waits at least one).
 */
public final class JdbcSwitchoverLock implements SwitchoverLock {
  /** The prefix of every lock name. */
  public static final String LOCK_NAME_PREFIX = "dmswitchover:";
  /** The longest source id accepted. */
  public static final int MAX_SOURCE_ID_LENGTH = 128;
  /** The longest owner accepted. */
  public static final int MAX_OWNER_LENGTH = 255;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcSwitchoverLock.class);
  private static final long GET_LOCK_SLICE_SECONDS = 10;
  /** ER_SP_DOES_NOT_EXIST: "FUNCTION x does not exist". */
  private static final int FUNCTION_DOES_NOT_EXIST = 1305;

  private final ConnectionSource source;
  private final String database;
  private final String table;
  private final String qualified;
  private final int queryTimeoutSeconds;
  private final Clock clock;
  private volatile boolean tableReady;

  private JdbcSwitchoverLock(Builder b) {
    this.source = b.source;
    this.database = b.database;
    this.table = b.table;
    this.qualified = Tables.qualified(database, table);
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
    this.clock = b.clock;
  }

  /** Returns a new builder; a connection source and the database must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the {@code GET_LOCK} name of a source's lock, e.g. to find its holder with
   * {@code SELECT IS_USED_LOCK(name)}.
   */
  public static String lockName(String sourceId) {
    Objects.requireNonNull(sourceId, "sourceId");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(sourceId.getBytes(StandardCharsets.UTF_8));
      return LOCK_NAME_PREFIX + HexFormat.of().formatHex(digest).substring(0, 48);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Returns the statement that creates the token table, for creating it ahead of time. */
  public String createTableStatement() {
    return "CREATE TABLE IF NOT EXISTS " + qualified + " ("
        + "`lock_name` VARCHAR(64) NOT NULL, "
        + "`source_id` VARCHAR(" + MAX_SOURCE_ID_LENGTH + ") NOT NULL, "
        + "`token` BIGINT NOT NULL, "
        + "`owner` VARCHAR(" + MAX_OWNER_LENGTH + ") NOT NULL, "
        + "`granted_at_ms` BIGINT NOT NULL, "
        + "PRIMARY KEY (`lock_name`)"
        + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  }

  /**
   * Takes the lock of {@code sourceId}, waiting at most {@code wait} (rounded up to whole seconds)
   * for another holder to let it go.
   *
   * @return the lease (keep it, and close it to release), or empty if another holder kept the lock
   *     for the whole wait
   * @throws IllegalArgumentException if the source id is empty or longer than
   *     {@value #MAX_SOURCE_ID_LENGTH} characters, the owner longer than {@value #MAX_OWNER_LENGTH},
   *     or the wait negative
   * @throws IllegalStateException if the database cannot be reached or the token cannot be written
   */
  @Override
  public Optional<LockLease> tryAcquire(String sourceId, String owner, Duration wait) {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(wait, "wait");
    if (sourceId.isEmpty() || sourceId.length() > MAX_SOURCE_ID_LENGTH) {
      throw new IllegalArgumentException("sourceId must be 1 to " + MAX_SOURCE_ID_LENGTH + " characters, got "
          + sourceId.length());
    }
    if (owner.length() > MAX_OWNER_LENGTH) {
      throw new IllegalArgumentException("owner must be at most " + MAX_OWNER_LENGTH + " characters, got "
          + owner.length());
    }
    if (wait.isNegative()) {
      throw new IllegalArgumentException("wait must not be negative, got " + wait);
    }
    String name = lockName(sourceId);
    Connection c;
    try {
      c = source.open();
      c.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(Tables.describe("connecting for the lock of " + sourceId, e, source),
          SqlErrors.safeCause(e, source));
    }
    boolean granted = false;
    try {
      if (!tableReady) {
        Tables.ensure(c, database, table, createTableStatement(), queryTimeoutSeconds);
        tableReady = true;
      }
      long left = (wait.toMillis() + 999) / 1000;
      do {
        long slice = Math.min(left, GET_LOCK_SLICE_SECONDS);
        granted = getLock(c, name, slice);
        left -= slice;
      } while (!granted && left > 0);
      if (!granted) {
        LOG.debug("{}: the lock of {} ({}) stayed held by another for {}", source.address(), sourceId, name, wait);
        close(c);
        return Optional.empty();
      }
      long token = nextToken(c, name, sourceId, owner);
      long connectionId = connectionId(c);
      LOG.debug("{}: lock of {} ({}) granted to {} with token {} on connection {}", source.address(), sourceId, name,
          owner, token, connectionId);
      return Optional.of(new JdbcLease(sourceId, name, token, connectionId, c));
    } catch (SQLException | RuntimeException e) {
      if (granted) {
        release(c, name);
      }
      close(c);
      if (e instanceof SQLException se) {
        throw new IllegalStateException(Tables.describe("taking the lock of " + sourceId, se, source),
            SqlErrors.safeCause(se, source));
      }
      throw (RuntimeException) e;
    }
  }

  private boolean getLock(Connection c, String name, long seconds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
      ps.setQueryTimeout((int) (queryTimeoutSeconds + seconds));
      ps.setString(1, name);
      ps.setLong(2, seconds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long result = rs.getLong(1);
        if (rs.wasNull()) {
          throw new IllegalStateException(source.address() + ": GET_LOCK('" + name + "') returned NULL (an error)");
        }
        return result == 1;
      }
    }
  }

  private long nextToken(Connection c, String name, String sourceId, String owner) throws SQLException {
    long now = clock.millis();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + qualified
        + " (`lock_name`, `source_id`, `token`, `owner`, `granted_at_ms`) VALUES (?, ?, 1, ?, ?)"
        + " ON DUPLICATE KEY UPDATE `token` = `token` + 1, `source_id` = ?, `owner` = ?, `granted_at_ms` = ?")) {
      ps.setQueryTimeout(queryTimeoutSeconds);
      ps.setString(1, name);
      ps.setString(2, sourceId);
      ps.setString(3, owner);
      ps.setLong(4, now);
      ps.setString(5, sourceId);
      ps.setString(6, owner);
      ps.setLong(7, now);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT `token` FROM " + qualified + " WHERE `lock_name` = ?")) {
      ps.setQueryTimeout(queryTimeoutSeconds);
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException(source.address() + ": the token row of " + name + " vanished");
        }
        return rs.getLong(1);
      }
    }
  }

  private long connectionId(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT CONNECTION_ID()")) {
      ps.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private void release(Connection c, String name) {
    try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
      ps.setQueryTimeout(queryTimeoutSeconds);
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        LOG.debug("{}: RELEASE_LOCK('{}') returned {}", source.address(), name, rs.getString(1));
      }
    } catch (SQLException e) {
      LOG.debug("{}: releasing {} failed ({}); closing the connection frees it", source.address(), name,
          source.mask(e.getMessage()));
    }
  }

  private void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      LOG.debug("{}: closing a lock connection failed: {}", source.address(), source.mask(e.getMessage()));
    }
  }

  /** Returns {@code JdbcSwitchoverLock[host:port `db`.`table`]}. */
  @Override
  public String toString() {
    return "JdbcSwitchoverLock[" + source.address() + " " + qualified + "]";
  }

  /** A granted lock: its connection, name and token. Thread-safe. */
  private final class JdbcLease implements LockLease {
    private final String sourceId;
    private final String name;
    private final long token;
    private final long connectionId;
    private final Connection connection;
    private boolean closed;

    JdbcLease(String sourceId, String name, long token, long connectionId, Connection connection) {
      this.sourceId = sourceId;
      this.name = name;
      this.token = token;
      this.connectionId = connectionId;
      this.connection = connection;
    }

    @Override
    public String sourceId() {
      return sourceId;
    }

    @Override
    public long fencingToken() {
      return token;
    }

    /** Asks the server, on the lease's connection, whether that connection still holds the lock. */
    @Override
    public synchronized boolean isValid() {
      if (closed) {
        return false;
      }
      try (PreparedStatement ps = connection.prepareStatement("SELECT IS_USED_LOCK(?), CONNECTION_ID()")) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long holder = rs.getLong(1);
          boolean held = !rs.wasNull() && holder == connectionId && rs.getLong(2) == connectionId;
          if (!held) {
            LOG.debug("{}: the lock of {} is no longer held by connection {} (holder: {})", source.address(), sourceId,
                connectionId, rs.wasNull() ? "none" : holder);
          }
          return held;
        }
      } catch (SQLException e) {
        if (e.getErrorCode() == FUNCTION_DOES_NOT_EXIST) {
          return sameConnection();
        }
        LOG.debug("{}: the lock connection of {} failed ({}); the lease is lost", source.address(), sourceId,
            source.mask(e.getMessage()));
        return false;
      }
    }

    /**
     * For servers without {@code IS_USED_LOCK} (TiDB before 7.x): a {@code GET_LOCK} lock lives as
     * long as its session, so the lease holds while its connection is still the same session.
     */
    private boolean sameConnection() {
      try (PreparedStatement ps = connection.prepareStatement("SELECT CONNECTION_ID()")) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getLong(1) == connectionId;
        }
      } catch (SQLException e) {
        LOG.debug("{}: the lock connection of {} failed ({}); the lease is lost", source.address(), sourceId,
            source.mask(e.getMessage()));
        return false;
      }
    }

    /** Releases the lock ({@code RELEASE_LOCK}) and closes its connection; later calls do nothing. */
    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      release(connection, name);
      JdbcSwitchoverLock.this.close(connection);
      LOG.debug("{}: lock of {} with token {} released", source.address(), sourceId, token);
    }

    @Override
    public String toString() {
      return "LockLease[source=" + sourceId + ", token=" + token + ", connection=" + connectionId + " on "
          + source.address() + "]";
    }
  }

  /** Builds a {@link JdbcSwitchoverLock}; not thread-safe. */
  public static final class Builder {
    private ConnectionSource source;
    private String database;
    private String table = "dm_switchover_lock";
    private int queryTimeoutSeconds = 30;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Connects through mysql-connector-j with these settings. */
    public Builder withEndpoint(DatabaseEndpoint endpoint) {
      this.source = ConnectionSource.of(endpoint);
      return this;
    }

    /**
     * Connects through the caller's DataSource, which the lock never closes; each lease keeps one of
     * its connections until the lease is closed.
     *
     * @param address the server's {@code host:port} for messages; credentials in it are dropped
     * @throws IllegalArgumentException if nothing of {@code address} is left
     */
    public Builder withDataSource(DataSource dataSource, String address) {
      this.source = ConnectionSource.of(dataSource, address);
      return this;
    }

    /**
     * Sets the database holding the token table (it must exist).
     *
     * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code _} or {@code $}
     */
    public Builder withDatabase(String database) {
      this.database = Tables.checkName("database", database);
      return this;
    }

    /**
     * Sets the token table's name (default {@code dm_switchover_lock}).
     *
     * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code _} or {@code $}
     */
    public Builder withTable(String table) {
      this.table = Tables.checkName("table", table);
      return this;
    }

    /**
     * Sets how long one statement may run, besides the server's lock wait (default 30 s), rounded
     * up to whole seconds.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder withQueryTimeout(Duration timeout) {
      this.queryTimeoutSeconds = Tables.timeoutSeconds(timeout, Integer.MAX_VALUE / 2);
      return this;
    }

    /** Sets the clock for the grant time recorded in the token table (default the system's). */
    public Builder withClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the lock; it connects only when used.
     *
     * @throws IllegalStateException if no connection source or no database is set
     */
    public JdbcSwitchoverLock build() {
      Tables.checkBuildable(source, database);
      return new JdbcSwitchoverLock(this);
    }
  }
}
