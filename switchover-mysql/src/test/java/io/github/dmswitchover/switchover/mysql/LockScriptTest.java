package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dmswitchover.switchover.spi.LockLease;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The lock's statements against scripted answers: what no server here can show. */
class LockScriptTest {

  static JdbcSwitchoverLock lock(ScriptedJdbc jdbc) {
    return JdbcSwitchoverLock.builder().withDataSource(jdbc.dataSource(), "tidb:4000").withDatabase("dm_meta").build();
  }

  @Test
  void tryAcquire_longWait_asksTheServerInSlicesOfAtMostTenSeconds() {
    List<Object> waits = new ArrayList<>();
    ScriptedJdbc jdbc = new ScriptedJdbc((sql, params) -> {
      if (sql.startsWith("SELECT COUNT(*) FROM information_schema.TABLES")) {
        return List.of(1L);
      }
      if (sql.equals("SELECT GET_LOCK(?, ?)")) {
        waits.add(params.get(1));
        return List.of(0L);
      }
      throw new SQLException("unexpected: " + sql);
    });
    assertThat(lock(jdbc).tryAcquire("src", "sw", Duration.ofMillis(24_100))).isEmpty();
    assertThat(waits).containsExactly(10L, 10L, 5L);
  }

  @Test
  void tryAcquire_zeroWait_asksOnceWithoutWaiting() {
    List<Object> waits = new ArrayList<>();
    ScriptedJdbc jdbc = new ScriptedJdbc((sql, params) -> {
      if (sql.equals("SELECT GET_LOCK(?, ?)")) {
        waits.add(params.get(1));
        return List.of(0L);
      }
      return List.of(1L);
    });
    assertThat(lock(jdbc).tryAcquire("src", "sw", Duration.ZERO)).isEmpty();
    assertThat(waits).containsExactly(0L);
  }

  @Test
  void lease_serverWithoutIsUsedLock_holdsWhileItsSessionLasts() {
    AtomicLong session = new AtomicLong(42);
    List<String> released = new ArrayList<>();
    ScriptedJdbc jdbc = new ScriptedJdbc((sql, params) -> {
      if (sql.startsWith("SELECT COUNT(*)")) {
        return List.of(1L);
      }
      if (sql.startsWith("SELECT GET_LOCK")) {
        return List.of(1L);
      }
      if (sql.startsWith("INSERT INTO `dm_meta`.`dm_switchover_lock`")) {
        assertThat(params).containsExactly(JdbcSwitchoverLock.lockName("src"), "src", "sw", params.get(3), "src", "sw",
            params.get(3));
        return List.of();
      }
      if (sql.startsWith("SELECT `token`")) {
        return List.of(7L);
      }
      if (sql.equals("SELECT CONNECTION_ID()")) {
        return List.of(session.get());
      }
      if (sql.startsWith("SELECT IS_USED_LOCK")) {
        throw new SQLException("FUNCTION is_used_lock does not exist", "42000", 1305);
      }
      if (sql.startsWith("SELECT RELEASE_LOCK")) {
        released.add(String.valueOf(params.get(0)));
        return List.of(1L);
      }
      throw new SQLException("unexpected: " + sql);
    });

    LockLease lease = lock(jdbc).tryAcquire("src", "sw", Duration.ZERO).orElseThrow();
    assertThat(lease.fencingToken()).isEqualTo(7);
    assertThat(lease.isValid()).isTrue();
    session.set(43);
    assertThat(lease.isValid()).as("the driver reconnected: another session, the lock is gone").isFalse();
    lease.close();
    assertThat(released).containsExactly(JdbcSwitchoverLock.lockName("src"));
    assertThat(lease.isValid()).isFalse();
  }

  @Test
  void tryAcquire_tokenCannotBeWritten_releasesTheLockAndSaysWhy() {
    List<String> released = new ArrayList<>();
    ScriptedJdbc jdbc = new ScriptedJdbc((sql, params) -> {
      if (sql.startsWith("INSERT")) {
        throw new SQLException("UPDATE command denied to user 'dmsw'@'10.0.0.5' for table 'dm_switchover_lock'",
            "42000", 1142);
      }
      if (sql.startsWith("SELECT RELEASE_LOCK")) {
        released.add(String.valueOf(params.get(0)));
      }
      return List.of(1L);
    });
    assertThatThrownBy(() -> lock(jdbc).tryAcquire("src", "sw", Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tidb:4000: taking the lock of src failed: error 1142")
        .hasMessageContaining("[missing privilege: UPDATE ON dm_switchover_lock]");
    assertThat(released).containsExactly(JdbcSwitchoverLock.lockName("src"));
  }

  @Test
  void tryAcquire_getLockReturnsNull_isAnError() {
    ScriptedJdbc jdbc = new ScriptedJdbc((sql, params) -> {
      List<Object> nullResult = new ArrayList<>();
      nullResult.add(null);
      return sql.startsWith("SELECT GET_LOCK") ? nullResult : List.of(1L);
    });
    assertThatThrownBy(() -> lock(jdbc).tryAcquire("src", "sw", Duration.ZERO))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned NULL");
  }
}
