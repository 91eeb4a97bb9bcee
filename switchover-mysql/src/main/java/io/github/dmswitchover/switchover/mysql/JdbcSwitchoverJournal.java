package io.github.dmswitchover.switchover.mysql;

import io.github.dmswitchover.switchover.spi.JournalEntry;
import io.github.dmswitchover.switchover.spi.JournalException;
import io.github.dmswitchover.switchover.spi.SwitchoverJournal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switchover journal in a table of a database the user names, typically on the downstream TiDB
 * (MySQL and MariaDB work too). Thread-safe; each call uses its own connection, so a journal written
 * by one process is read by any other.
 *
 * <pre>{@code
 * JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder()
 *     .withEndpoint(tidb).withDatabase("dm_meta").build();
 * journal.append(new JournalEntry("sw-42", "mysql-replica-01", 1, "plan", Phase.PLANNED, Instant.now(), "{}"));
 * Optional<String> last = journal.latestSwitchover("mysql-replica-01");
 * }</pre>
 *
 * <p>The table ({@code dm_switchover_journal} unless renamed) is created on first use with
 * {@code CREATE TABLE IF NOT EXISTS}; the database must exist. Its primary key is
 * {@code (switchover_id, seq_no)}, so a sequence is written at most once: {@link #append} checks
 * that the sequence is the next one, and the key refuses a second writer of the same sequence.
 * Times are kept as epoch seconds and nanoseconds (exact, and free of time zones); the detail as
 * {@code MEDIUMTEXT}, at most {@value #MAX_DETAIL_BYTES} bytes of UTF-8.
 */
public final class JdbcSwitchoverJournal implements SwitchoverJournal {
  /** The largest detail accepted, in bytes of UTF-8. */
  public static final int MAX_DETAIL_BYTES = 1 << 20;
  /** The longest switchover id, source id and step accepted. */
  public static final int MAX_ID_LENGTH = 128;

  private static final Logger LOG = LoggerFactory.getLogger(JdbcSwitchoverJournal.class);
  private static final String COLUMNS =
      "`switchover_id`, `seq_no`, `source_id`, `step`, `phase`, `written_at_second`, `written_at_nano`, `detail`";

  private final ConnectionSource source;
  private final String database;
  private final String table;
  private final String qualified;
  private final int queryTimeoutSeconds;
  private volatile boolean tableReady;

  private JdbcSwitchoverJournal(Builder b) {
    this.source = b.source;
    this.database = b.database;
    this.table = b.table;
    this.qualified = Tables.qualified(database, table);
    this.queryTimeoutSeconds = b.queryTimeoutSeconds;
  }

  /** Returns a new builder; a connection source and the database must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the statement that creates the journal table, for creating it ahead of time. */
  public String createTableStatement() {
    return "CREATE TABLE IF NOT EXISTS " + qualified + " ("
        + "`switchover_id` VARCHAR(" + MAX_ID_LENGTH + ") NOT NULL, "
        + "`seq_no` BIGINT NOT NULL, "
        + "`source_id` VARCHAR(" + MAX_ID_LENGTH + ") NOT NULL, "
        + "`step` VARCHAR(" + MAX_ID_LENGTH + ") NOT NULL, "
        + "`phase` VARCHAR(32) NOT NULL, "
        + "`written_at_second` BIGINT NOT NULL, "
        + "`written_at_nano` INT NOT NULL, "
        + "`detail` MEDIUMTEXT NOT NULL, "
        + "PRIMARY KEY (`switchover_id`, `seq_no`), "
        + "KEY `" + table + "_by_source` (`source_id`, `seq_no`, `written_at_second`, `written_at_nano`)"
        + ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
  }

  /**
   * Creates the table if it does not exist (the first append or read does the same).
   *
   * @throws JournalException if it cannot
   */
  public void createTableIfMissing() {
    try (Connection c = connect()) {
      ensureTable(c);
    } catch (SQLException e) {
      throw new JournalException(Tables.describe("creating " + qualified, e, source), SqlErrors.safeCause(e, source));
    }
  }

  /**
   * Appends a record, durably (autocommit) when this returns.
   *
   * @throws JournalException if the sequence is not the next one of its switchover (1 for a new
   *     one), was written meanwhile by someone else, or the table cannot be written
   * @throws IllegalArgumentException if an id or the step is longer than {@value #MAX_ID_LENGTH}
   *     characters or the detail longer than {@value #MAX_DETAIL_BYTES} bytes
   */
  @Override
  public void append(JournalEntry entry) {
    Objects.requireNonNull(entry, "entry");
    checkLength("switchoverId", entry.switchoverId());
    checkLength("sourceId", entry.sourceId());
    checkLength("step", entry.step());
    int detailBytes = entry.detail().getBytes(StandardCharsets.UTF_8).length;
    if (detailBytes > MAX_DETAIL_BYTES) {
      throw new IllegalArgumentException("detail must be at most " + MAX_DETAIL_BYTES + " bytes of UTF-8, got "
          + detailBytes);
    }
    try (Connection c = connect()) {
      ensureTable(c);
      long last;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT COALESCE(MAX(`seq_no`), 0) FROM " + qualified + " WHERE `switchover_id` = ?")) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        ps.setString(1, entry.switchoverId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          last = rs.getLong(1);
        }
      }
      if (entry.sequence() != last + 1) {
        throw new JournalException(source.address() + ": sequence " + entry.sequence() + " of switchover "
            + entry.switchoverId() + " is not the next one: the last written is " + last, null);
      }
      // The sequences of a switchover are 1..last without gaps, so writing last + 1 either succeeds or
      // meets the primary key because someone else wrote it since: no gap can appear.
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + qualified + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        ps.setString(1, entry.switchoverId());
        ps.setLong(2, entry.sequence());
        ps.setString(3, entry.sourceId());
        ps.setString(4, entry.step());
        ps.setString(5, entry.phase().name());
        ps.setLong(6, entry.at().getEpochSecond());
        ps.setInt(7, entry.at().getNano());
        ps.setString(8, entry.detail());
        ps.executeUpdate();
      }
      LOG.debug("{}: journal {} #{} {} {}", source.address(), entry.switchoverId(), entry.sequence(), entry.step(),
          entry.phase());
    } catch (SQLException e) {
      if (e.getErrorCode() == SqlErrors.DUPLICATE_ENTRY) {
        throw new JournalException(source.address() + ": sequence " + entry.sequence() + " of switchover "
            + entry.switchoverId() + " was written by another writer meanwhile", SqlErrors.safeCause(e, source));
      }
      throw new JournalException(Tables.describe("appending to " + qualified, e, source), SqlErrors.safeCause(e, source));
    }
  }

  /**
   * Returns a switchover's records in sequence order; empty if there are none.
   *
   * @throws JournalException if the table cannot be read, or holds a phase this version does not know
   */
  @Override
  public List<JournalEntry> entries(String switchoverId) {
    Objects.requireNonNull(switchoverId, "switchoverId");
    try (Connection c = connect()) {
      ensureTable(c);
      List<JournalEntry> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT " + COLUMNS + " FROM " + qualified + " WHERE `switchover_id` = ? ORDER BY `seq_no`")) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        ps.setString(1, switchoverId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(entry(rs));
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new JournalException(Tables.describe("reading " + qualified, e, source), SqlErrors.safeCause(e, source));
    }
  }

  /**
   * Returns the switchover of {@code sourceId} whose first record is the most recent (ties broken
   * by the larger id); empty if the source has none.
   *
   * @throws JournalException if the table cannot be read
   */
  @Override
  public Optional<String> latestSwitchover(String sourceId) {
    Objects.requireNonNull(sourceId, "sourceId");
    try (Connection c = connect()) {
      ensureTable(c);
      try (PreparedStatement ps = c.prepareStatement("SELECT `switchover_id` FROM " + qualified
          + " WHERE `source_id` = ? AND `seq_no` = 1"
          + " ORDER BY `written_at_second` DESC, `written_at_nano` DESC, `switchover_id` DESC LIMIT 1")) {
        ps.setQueryTimeout(queryTimeoutSeconds);
        ps.setString(1, sourceId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw new JournalException(Tables.describe("reading " + qualified, e, source), SqlErrors.safeCause(e, source));
    }
  }

  private JournalEntry entry(ResultSet rs) throws SQLException {
    String phase = rs.getString("phase");
    JournalEntry.Phase p;
    try {
      p = JournalEntry.Phase.valueOf(phase);
    } catch (IllegalArgumentException e) {
      throw new JournalException(source.address() + ": " + qualified + " holds the phase '" + phase
          + "', which this version does not know", e);
    }
    return new JournalEntry(rs.getString("switchover_id"), rs.getString("source_id"), rs.getLong("seq_no"),
        rs.getString("step"), p, Instant.ofEpochSecond(rs.getLong("written_at_second"), rs.getInt("written_at_nano")),
        rs.getString("detail"));
  }

  private Connection connect() throws SQLException {
    Connection c = source.open();
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void ensureTable(Connection c) throws SQLException {
    if (!tableReady) {
      Tables.ensure(c, database, table, createTableStatement(), queryTimeoutSeconds);
      tableReady = true;
    }
  }

  private static void checkLength(String field, String value) {
    if (value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(field + " must be at most " + MAX_ID_LENGTH + " characters, got "
          + value.length());
    }
  }

  /** Returns {@code JdbcSwitchoverJournal[host:port `db`.`table`]}. */
  @Override
  public String toString() {
    return "JdbcSwitchoverJournal[" + source.address() + " " + qualified + "]";
  }

  /** Builds a {@link JdbcSwitchoverJournal}; not thread-safe. */
  public static final class Builder {
    private ConnectionSource source;
    private String database;
    private String table = "dm_switchover_journal";
    private int queryTimeoutSeconds = 30;

    private Builder() {}

    /** Connects through mysql-connector-j with these settings. */
    public Builder withEndpoint(DatabaseEndpoint endpoint) {
      this.source = ConnectionSource.of(endpoint);
      return this;
    }

    /**
     * Connects through the caller's DataSource, which the journal never closes.
     *
     * @param address the server's {@code host:port} for messages; credentials in it are dropped
     * @throws IllegalArgumentException if nothing of {@code address} is left
     */
    public Builder withDataSource(DataSource dataSource, String address) {
      this.source = ConnectionSource.of(dataSource, address);
      return this;
    }

    /**
     * Sets the database holding the table (it must exist).
     *
     * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code _} or {@code $}
     */
    public Builder withDatabase(String database) {
      this.database = Tables.checkName("database", database);
      return this;
    }

    /**
     * Sets the table name (default {@code dm_switchover_journal}).
     *
     * @throws IllegalArgumentException if it is not 1 to 64 letters, digits, {@code _} or {@code $}
     */
    public Builder withTable(String table) {
      this.table = Tables.checkName("table", table);
      return this;
    }

    /**
     * Sets how long one statement may run (default 30 s), rounded up to whole seconds.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder withQueryTimeout(Duration timeout) {
      this.queryTimeoutSeconds = Tables.timeoutSeconds(timeout, Integer.MAX_VALUE);
      return this;
    }

    /**
     * Builds the journal; it connects only when used.
     *
     * @throws IllegalStateException if no connection source or no database is set
     */
    public JdbcSwitchoverJournal build() {
      Tables.checkBuildable(source, database);
      return new JdbcSwitchoverJournal(this);
    }
  }
}
