package io.github.dmswitchover.switchover.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dmswitchover.switchover.spi.ProbeException;
import io.github.dmswitchover.switchover.spi.ProbeException.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each server error means, with the texts MySQL 9.7 and MariaDB 10.11 print (seen on this machine). */
class SqlErrorsTest {

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(delimiter = '|', value = {
      // MySQL 9.7
      "1227 | 42000 | Access denied; you need (at least one of) the SUPER, REPLICATION CLIENT privilege(s) for this operation | REPLICATION CLIENT",
      "1227 | 42000 | Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s) for this operation | REPLICATION SLAVE",
      "1227 | 42000 | Access denied; you need (at least one of) the PROCESS privilege(s) for this operation | PROCESS",
      "1227 | 42000 | Access denied; you need (at least one of) the SUPER privilege(s) for this operation | SUPER",
      "1142 | 42000 | SELECT command denied to user 'np'@'127.0.0.1' for table 'threads' | SELECT ON threads",
      "1142 | 42000 | CREATE command denied to user 'np'@'127.0.0.1' for table 'dm_switchover_journal' | CREATE ON dm_switchover_journal",
      "1143 | 42000 | SELECT command denied to user 'u'@'h' for column 'c' in table 't' | SELECT ON t",
      "1044 | 42000 | Access denied for user 'np'@'%' to database 'dm_meta' | access to database 'dm_meta'",
      // MariaDB 10.11
      "1227 | 42000 | Access denied; you need (at least one of) the SUPER, SLAVE MONITOR privilege(s) for this operation | SLAVE MONITOR",
      "1227 | 42000 | Access denied; you need (at least one of) the REPLICATION MASTER ADMIN privilege(s) for this operation | REPLICATION MASTER ADMIN",
      "1227 | 42000 | Access denied; you need (at least one of) the SUPER, BINLOG MONITOR privilege(s) for this operation | BINLOG MONITOR",
      "1142 | 42000 | SELECT command denied to user 'np'@'127.0.0.1' for table `mysql`.`user` | SELECT ON mysql.user",
      "1142 | 42000 | LOCK TABLES command denied to user 'u'@'h' for table `db`.`t` | LOCK TABLES ON db.t",
  })
  void missingPrivilege_readsTheServersText(int code, String state, String message, String privilege) {
    SQLException e = new SQLException(message, state, code);
    assertThat(SqlErrors.kind(e)).isEqualTo(Kind.ACCESS_DENIED);
    if (privilege.isEmpty()) {
      assertThat(SqlErrors.missingPrivilege(e)).isEmpty();
    } else {
      assertThat(SqlErrors.missingPrivilege(e)).contains(privilege);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1045 | 28000 | Access denied for user 'probe'@'127.0.0.1' (using password: YES)",
      "1130 | HY000 | Host '10.0.0.9' is not allowed to connect to this MySQL server",
      "3118 | HY000 | Access denied for user 'probe'@'%'. Account is locked.",
      "1698 | 28000 | Access denied for user 'root'@'localhost'",
      "1862 | HY000 | Your password has expired. To log in you must change it using a client that supports expired passwords.",
  })
  void kind_refusedLogins_areAccessDeniedWithoutAPrivilege(int code, String state, String message) {
    SQLException e = new SQLException(message, state, code);
    assertThat(SqlErrors.kind(e)).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(SqlErrors.missingPrivilege(e)).isEmpty();
  }

  @Test
  void kind_connectionRefused_isUnreachable() {
    SQLException e = new SQLNonTransientConnectionException("Communications link failure", "08S01",
        new ConnectException("Connection refused"));
    assertThat(SqlErrors.kind(e)).isEqualTo(Kind.UNREACHABLE);
    assertThat(SqlErrors.isConnectionLevel(e)).isTrue();
  }

  @Test
  void kind_unknownHost_isUnreachable() {
    SQLException e = new SQLException("Communications link failure", "08S01", 0, new UnknownHostException("db9"));
    assertThat(SqlErrors.kind(e)).isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  void kind_droppedConnection_isUnreachable() {
    assertThat(SqlErrors.kind(new SQLException("Communications link failure", "08S01", 0))).isEqualTo(Kind.UNREACHABLE);
  }

  @Test
  void kind_connectionKilledByTheServer_isUnreachable() {
    SQLException killed = new SQLException("Connection was killed", "70100", 1927);
    assertThat(SqlErrors.kind(killed)).isEqualTo(Kind.UNREACHABLE);
    assertThat(SqlErrors.isConnectionLevel(killed)).isTrue();
  }

  @Test
  void kind_timeouts_areTimeout() {
    assertThat(SqlErrors.kind(new SQLTimeoutException("Statement cancelled due to timeout"))).isEqualTo(Kind.TIMEOUT);
    assertThat(SqlErrors.kind(new SQLException("Communications link failure", "08S01", 0,
        new SocketTimeoutException("Read timed out")))).isEqualTo(Kind.TIMEOUT);
    assertThat(SqlErrors.kind(new SQLException("Query execution was interrupted, maximum statement execution time exceeded",
        "HY000", 3024))).isEqualTo(Kind.TIMEOUT);
    assertThat(SqlErrors.kind(new SQLException("Query execution was interrupted (max_statement_time exceeded)",
        "70100", 1969))).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void kind_otherServerErrors_areQueryFailed_andLeaveTheConnectionUsable() {
    SQLException syntax = new SQLException("You have an error in your SQL syntax", "42000", 1064);
    SQLException unknownVariable = new SQLException("Unknown system variable 'gtid_mode'", "HY000", 1193);
    SQLException tooMany = new SQLException("Too many connections", "08004", 1040);
    assertThat(SqlErrors.kind(syntax)).isEqualTo(Kind.QUERY_FAILED);
    assertThat(SqlErrors.kind(unknownVariable)).isEqualTo(Kind.QUERY_FAILED);
    assertThat(SqlErrors.kind(tooMany)).isEqualTo(Kind.QUERY_FAILED);
    assertThat(SqlErrors.isConnectionLevel(tooMany)).as("the server answered").isFalse();
  }

  @Test
  void probeException_namesAddressStatementErrorAndPrivilege_masksSecrets() {
    StubSource source = new StubSource("db7:3306", "Tr0ub4dor&3");
    SQLException e = new SQLException("Access denied; you need (at least one of) the PROCESS privilege(s) for this "
        + "operation (password Tr0ub4dor&3 was never printed by a server, but a message may quote one)", "42000", 1227);
    ProbeException pe = SqlErrors.probeException(source, "SHOW PROCESSLIST", e);
    assertThat(pe.kind()).isEqualTo(Kind.ACCESS_DENIED);
    assertThat(pe.address()).isEqualTo("db7:3306");
    assertThat(pe.missingPrivilege()).contains("PROCESS");
    assertThat(pe.getMessage()).startsWith("db7:3306: SHOW PROCESSLIST failed: error 1227 (42000): Access denied")
        .endsWith("[missing privilege: PROCESS]").doesNotContain("Tr0ub4dor&3").contains("password ****");
    assertThat(pe.getCause()).as("a masked copy").isNotSameAs(e).hasMessageNotContaining("Tr0ub4dor&3");
    assertThat(((SQLException) pe.getCause()).getErrorCode()).isEqualTo(1227);
    SQLException clean = new SQLException("Access denied; you need (at least one of) the PROCESS privilege(s)", "42000", 1227);
    assertThat(SqlErrors.probeException(source, "SHOW PROCESSLIST", clean).getCause()).isSameAs(clean);
  }
}
