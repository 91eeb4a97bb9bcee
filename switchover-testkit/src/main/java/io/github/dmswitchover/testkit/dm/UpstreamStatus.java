package io.github.dmswitchover.testkit.dm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * What DM reads from the upstream with plain SQL for {@code masterBinlog} and
 * {@code masterBinlogGtid}: a new connection each time, so through a virtual IP it reaches whichever
 * server the VIP leads to now.
 */
final class UpstreamStatus {
  private UpstreamStatus() {}

  /** The upstream's binlog position and executed GTIDs, or empty when it cannot be reached. */
  record Reading(String file, long position, DmGtidSet executed, String gtidMode) {
    String masterBinlog() {
      return "(" + file + ", " + position + ")";
    }
  }

  static Optional<Reading> read(SourceConfig cfg, boolean mariadb) {
    Properties p = new Properties();
    p.setProperty("user", cfg.user());
    p.setProperty("password", cfg.password());
    String url = "jdbc:mysql://" + cfg.host() + ":" + cfg.port()
        + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=2000&socketTimeout=5000";
    try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement()) {
      String file = "";
      long pos = 0;
      String status = mariadb ? "SHOW MASTER STATUS" : statusStatement(st);
      try (ResultSet rs = st.executeQuery(status)) {
        if (rs.next()) {
          file = rs.getString(1);
          pos = rs.getLong(2);
        }
      }
      String gtids;
      String mode = "ON";
      if (mariadb) {
        try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_binlog_pos")) {
          gtids = rs.next() ? rs.getString(1) : "";
        }
      } else {
        try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.gtid_executed, @@GLOBAL.gtid_mode")) {
          rs.next();
          gtids = rs.getString(1);
          mode = rs.getString(2);
        }
      }
      return Optional.of(new Reading(file == null ? "" : file, pos, DmGtidSet.parse(gtids, mariadb), mode));
    } catch (SQLException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** MySQL 8.2 added SHOW BINARY LOG STATUS and 8.4 removed SHOW MASTER STATUS. */
  private static String statusStatement(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      rs.next();
      String[] v = rs.getString(1).split("[.-]");
      int major = Integer.parseInt(v[0]);
      int minor = Integer.parseInt(v[1]);
      return major > 8 || (major == 8 && minor >= 2) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }
  }

  /** Whether the upstream is MariaDB (DM detects the flavor from the version when not configured). */
  static boolean isMariadb(SourceConfig cfg) {
    if (cfg.flavor().isPresent()) {
      return cfg.flavor().get().equals("mariadb");
    }
    Properties p = new Properties();
    p.setProperty("user", cfg.user());
    p.setProperty("password", cfg.password());
    String url = "jdbc:mysql://" + cfg.host() + ":" + cfg.port()
        + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=2000&socketTimeout=5000";
    try (Connection c = DriverManager.getConnection(url, p); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      return rs.next() && rs.getString(1).toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    } catch (SQLException e) {
      return false;
    }
  }
}
