package io.github.dmswitchover.testkit.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One server of a {@link ReplicationGroup}: its address, SQL helpers, binary log helpers, its GTID
 * state and its lifecycle (stop, kill, start). Thread-safe; obtained from the group.
 */
public final class GroupMember {
  private final ReplicationGroup group;
  private final int index;
  private final String name;
  private final int serverId;
  private final MemberRuntime runtime;
  private volatile String serverUuid;

  GroupMember(ReplicationGroup group, int index, int serverId, MemberRuntime runtime) {
    this.group = group;
    this.index = index;
    this.name = "m" + (index + 1);
    this.serverId = serverId;
    this.runtime = runtime;
  }

  MemberRuntime runtime() {
    return runtime;
  }

  /** Returns the member's position in the group, from 0; member 0 is the first primary. */
  public int index() {
    return index;
  }

  /** Returns the member's name: {@code m1}, {@code m2}, … */
  public String name() {
    return name;
  }

  /** Returns the server family. */
  public Flavor flavor() {
    return group.flavor();
  }

  /** Returns the server's version. */
  public ServerVersion version() {
    return runtime.version();
  }

  /** Returns the host to connect to (a loopback address for local servers). */
  public String host() {
    return runtime.host();
  }

  /** Returns the port to connect to. */
  public int port() {
    return runtime.port();
  }

  /** Returns {@code host:port}. */
  public String address() {
    return host() + ":" + port();
  }

  /** Returns a JDBC URL for mysql-connector-j (MySQL and MariaDB alike). */
  public String jdbcUrl() {
    return Jdbc.url(host(), port());
  }

  /** Returns the user with all privileges: {@code root}. */
  public String user() {
    return Jdbc.USER;
  }

  /** Returns the password of {@link #user()}: empty. */
  public String password() {
    return Jdbc.PASSWORD;
  }

  /** Returns the server's {@code server_id}. */
  public int serverId() {
    return serverId;
  }

  /** Returns the MySQL {@code server_uuid}; empty for MariaDB, which has none. */
  public Optional<String> serverUuid() {
    if (flavor() == Flavor.MARIADB) {
      return Optional.empty();
    }
    String uuid = serverUuid;
    if (uuid == null) {
      uuid = queryValue("SELECT @@GLOBAL.server_uuid").orElseThrow();
      serverUuid = uuid;
    }
    return Optional.of(uuid);
  }

  /** Returns whether this member is the group's current primary. */
  public boolean isPrimary() {
    return group.primary() == this;
  }

  /**
   * Opens a new connection as {@link #user()}; the caller closes it.
   *
   * @throws SQLException if the server cannot be reached
   */
  public Connection connect() throws SQLException {
    return Jdbc.connect(host(), port());
  }

  /**
   * Runs statements in order on one connection, each in autocommit mode.
   *
   * @throws MemberSqlException if a statement fails (the ones after it do not run)
   */
  public void execute(String... statements) {
    try (Connection c = connect()) {
      for (String sql : statements) {
        try {
          Jdbc.execute(c, sql);
        } catch (SQLException e) {
          throw new MemberSqlException(name, "'" + sql + "'", e);
        }
      }
    } catch (SQLException e) {
      throw new MemberSqlException(name, "connecting", e);
    }
  }

  /**
   * Runs a query and returns its rows, each a map of column label to text ({@code null} for SQL NULL).
   *
   * @throws MemberSqlException if the query fails
   */
  public List<Map<String, String>> query(String sql) {
    return withConnection("'" + sql + "'", c -> Jdbc.rows(c, sql));
  }

  /**
   * Runs a query and returns the first column of its first row; empty if there is no row or the
   * value is SQL NULL.
   *
   * @throws MemberSqlException if the query fails
   */
  public Optional<String> queryValue(String sql) {
    return Optional.ofNullable(withConnection("'" + sql + "'", c -> Jdbc.value(c, sql)));
  }

  /**
   * Runs work in one transaction: committed when it returns, rolled back when it throws.
   *
   * @throws MemberSqlException if the work or the commit fails
   */
  public <T> T inTransaction(JdbcWork<T> work) {
    Objects.requireNonNull(work, "work");
    return withConnection("a transaction", c -> {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    });
  }

  /**
   * Writes {@code count} transactions, each one insert into {@code dmsw.writes} and so exactly one
   * GTID. The first call on a member where that table does not exist yet creates it (two more
   * transactions, which replicate like any other).
   *
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws MemberSqlException if a write fails
   */
  public void writeTransactions(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    withConnection("writing " + count + " transactions", c -> {
      String exists = Jdbc.value(c,
          "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'dmsw' AND table_name = 'writes'");
      if ("0".equals(exists)) {
        Jdbc.execute(c, "CREATE DATABASE IF NOT EXISTS dmsw");
        Jdbc.execute(c, "CREATE TABLE IF NOT EXISTS dmsw.writes (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
            + " written_by VARCHAR(16) NOT NULL, written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6))");
      }
      for (int i = 0; i < count; i++) {
        Jdbc.execute(c, "INSERT INTO dmsw.writes (written_by) VALUES (" + Jdbc.literal(name) + ")");
      }
      return null;
    });
  }

  /**
   * Closes the current binary log and opens a new one ({@code FLUSH BINARY LOGS}).
   *
   * @throws MemberSqlException if the statement fails
   */
  public void flushBinaryLogs() {
    execute("FLUSH BINARY LOGS");
  }

  /**
   * Returns the names of the binary logs, oldest first ({@code SHOW BINARY LOGS}).
   *
   * @throws MemberSqlException if the statement fails
   */
  public List<String> binaryLogs() {
    List<String> names = new ArrayList<>();
    for (Map<String, String> row : query("SHOW BINARY LOGS")) {
      names.add(row.get("Log_name"));
    }
    return names;
  }

  /**
   * Starts a new binary log and purges all the older ones, so that every transaction executed so
   * far is no longer available to a replica from this member (MySQL: it enters
   * {@code gtid_purged}).
   *
   * <p>MariaDB silently keeps a log until its binlog checkpoint has moved past it (shortly after the
   * flush), so the purge is repeated until the oldest remaining log is the new one.
   *
   * @throws MemberSqlException if a statement fails
   * @throws IllegalStateException if the older logs are still there after 30 seconds
   */
  public void purgeBinaryLogs() {
    flushBinaryLogs();
    List<String> logs = binaryLogs();
    String newest = logs.get(logs.size() - 1);
    boolean purged = Poll.until(() -> {
      execute("PURGE BINARY LOGS TO " + Jdbc.literal(newest));
      return binaryLogs().get(0).equals(newest);
    }, Duration.ofSeconds(30));
    if (!purged) {
      throw new IllegalStateException(name + " still keeps binary logs older than " + newest + ": " + binaryLogs());
    }
  }

  /**
   * Reads the member's GTID state (executed, purged and, for MariaDB, binlog state and replica position).
   *
   * @throws MemberSqlException if the server cannot be read
   */
  public GtidState gtidState() {
    return withConnection("reading the GTID state", c -> group.dialect().gtidState(c));
  }

  /**
   * Returns this member's replication channel, or empty if it replicates from nothing.
   *
   * @throws MemberSqlException if the server cannot be read
   */
  public Optional<ReplicaStatus> replicaStatus() {
    return withConnection("reading the replica status", c -> group.dialect().replicaStatus(c));
  }

  /** Returns whether the server process (or container) runs. */
  public boolean isRunning() {
    return runtime.isRunning();
  }

  /** Shuts the server down cleanly; does nothing if it is not running. */
  public void stop() {
    runtime.stop();
  }

  /** Kills the server at once (SIGKILL), as a crash would; does nothing if it is not running. */
  public void kill() {
    runtime.kill();
  }

  /**
   * Starts the server again (same port, same data) and returns once it accepts connections; a
   * replica resumes replicating, and one that a {@link ReplicationGroup#promote promotion} could not
   * reach while it was down is pointed at the new primary.
   */
  public void start() {
    runtime.start();
    group.memberStarted(this);
  }

  /** Stops the server cleanly and starts it again. */
  public void restart() {
    stop();
    start();
  }

  /** Returns the server's resident memory, where the operating system tells it. */
  public OptionalLong residentMemoryBytes() {
    return runtime.residentMemoryBytes();
  }

  /** Returns the last lines of the server's error log. */
  public String logTail() {
    return runtime.logTail();
  }

  @Override
  public String toString() {
    return name + " (" + runtime.version() + " at " + address() + (isPrimary() ? ", primary" : "") + ")";
  }

  private <T> T withConnection(String what, JdbcWork<T> work) {
    try (Connection c = connect()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new MemberSqlException(name, what, e);
    }
  }
}
