package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.switchover.spi.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the journal and the lock check before they connect, and the SQL they would run. */
class JournalAndLockSettingsTest {
  static final DatabaseEndpoint TIDB = DatabaseEndpoint.builder().withHost("tidb").withPort(4000).withUser("dmsw").build();

  @Test
  void lockName_isPrefixedHashFittingSixtyFourCharacters() {
    String name = JdbcSwitchoverLock.lockName("mysql-replica-01");
    assertThat(name).startsWith("dmswitchover:").hasSize(61).matches("dmswitchover:[0-9a-f]{48}");
    assertThat(JdbcSwitchoverLock.lockName("mysql-replica-01")).isEqualTo(name);
    assertThat(JdbcSwitchoverLock.lockName("mysql-replica-02")).isNotEqualTo(name);
    assertThat(JdbcSwitchoverLock.lockName("x".repeat(128))).hasSize(61);
    // SHA-256("mysql-replica-01"), computed independently.
    assertThat(name).isEqualTo("dmswitchover:" + sha256Hex("mysql-replica-01").substring(0, 48));
  }

  @Test
  void createTableStatements_usePlainPortableTypes() {
    JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder().withEndpoint(TIDB).withDatabase("dm_meta").build();
    assertThat(journal.createTableStatement())
        .startsWith("CREATE TABLE IF NOT EXISTS `dm_meta`.`dm_switchover_journal` (")
        .contains("PRIMARY KEY (`switchover_id`, `seq_no`)", "`detail` MEDIUMTEXT NOT NULL")
        .endsWith(") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin")
        .doesNotContain("ENGINE", "AUTO_INCREMENT", "PARTITION", "GENERATED", "JSON", "DATETIME");
    JdbcSwitchoverLock lock = JdbcSwitchoverLock.builder().withEndpoint(TIDB).withDatabase("dm_meta").withTable("locks")
        .build();
    assertThat(lock.createTableStatement()).startsWith("CREATE TABLE IF NOT EXISTS `dm_meta`.`locks` (")
        .contains("PRIMARY KEY (`lock_name`)", "`token` BIGINT NOT NULL").doesNotContain("ENGINE", "AUTO_INCREMENT");
    assertThat(lock.toString()).isEqualTo("JdbcSwitchoverLock[tidb:4000 `dm_meta`.`locks`]");
  }

  @Test
  void builders_checkNamesAndRequiredSettings() {
    assertThatThrownBy(() -> JdbcSwitchoverJournal.builder().withDatabase("dm-meta"))
        .hasMessage("database must be 1 to 64 letters, digits, _ or $, got 'dm-meta'");
    assertThatThrownBy(() -> JdbcSwitchoverLock.builder().withTable("a`b")).hasMessageContaining("table must be");
    assertThatThrownBy(() -> JdbcSwitchoverJournal.builder().withDatabase("x").build())
        .hasMessageContaining("withEndpoint");
    assertThatThrownBy(() -> JdbcSwitchoverLock.builder().withEndpoint(TIDB).build()).hasMessageContaining("withDatabase");
    assertThatThrownBy(() -> JdbcSwitchoverJournal.builder().withQueryTimeout(Duration.ZERO))
        .hasMessageContaining("queryTimeout must be positive");
    assertThatThrownBy(() -> JdbcUpstreamProbe.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void append_tooLongValues_failBeforeConnecting() {
    JdbcSwitchoverJournal journal = JdbcSwitchoverJournal.builder().withEndpoint(TIDB).withDatabase("dm_meta").build();
    assertThatThrownBy(() -> journal.append(entry("s".repeat(129), "x")))
        .hasMessage("switchoverId must be at most 128 characters, got 129");
    assertThatThrownBy(() -> journal.append(entry("sw", "é".repeat(JdbcSwitchoverJournal.MAX_DETAIL_BYTES / 2 + 1))))
        .hasMessageContaining("detail must be at most 1048576 bytes of UTF-8");
  }

  @Test
  void tryAcquire_badArguments_failBeforeConnecting() {
    JdbcSwitchoverLock lock = JdbcSwitchoverLock.builder().withEndpoint(TIDB).withDatabase("dm_meta").build();
    assertThatThrownBy(() -> lock.tryAcquire("", "o", Duration.ZERO)).hasMessageContaining("sourceId must be 1 to 128");
    assertThatThrownBy(() -> lock.tryAcquire("s", "o", Duration.ofSeconds(-1))).hasMessageContaining("wait must not be negative");
    assertThatThrownBy(() -> lock.tryAcquire("s", "o".repeat(256), Duration.ZERO)).hasMessageContaining("owner must be at most 255");
  }

  @Test
  void probeBuilder_dataSourceAddress_dropsCredentials() {
    JdbcUpstreamProbe probe = JdbcUpstreamProbe.builder()
        .withDataSource(new NoDataSource(), "jdbc:mysql://probe:secret-pw@db3:3306/?sslMode=REQUIRED").build();
    assertThat(probe.address()).isEqualTo("db3:3306");
    assertThatThrownBy(() -> JdbcUpstreamProbe.builder().withDataSource(new NoDataSource(), "user:pw@"))
        .hasMessageContaining("address must be host:port");
  }

  static JournalEntry entry(String id, String detail) {
    return new JournalEntry(id, "src", 1, "plan", JournalEntry.Phase.PLANNED, Instant.EPOCH, detail);
  }

  static String sha256Hex(String s) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder();
      for (byte b : d) {
        sb.append(String.format("%02x", b));
      }
      return sb.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A DataSource that never connects. */
  static final class NoDataSource extends TestDataSource {
    @Override
    public java.sql.Connection getConnection() throws java.sql.SQLException {
      throw new java.sql.SQLException("no", "08001");
    }
  }
}
