package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Sql} over a JDBC connection, logging every statement at DEBUG. Not thread-safe. */
final class JdbcSql implements Sql {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSql.class);

  private final Connection connection;
  private final String address;
  private final int queryTimeoutSeconds;

  JdbcSql(Connection connection, String address, int queryTimeoutSeconds) {
    this.connection = connection;
    this.address = address;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  @Override
  public List<Row> query(String sql, String... params) throws SQLException {
    long started = System.nanoTime();
    try {
      List<Row> rows;
      if (params.length == 0) {
        try (Statement st = connection.createStatement()) {
          st.setQueryTimeout(queryTimeoutSeconds);
          try (ResultSet rs = st.executeQuery(sql)) {
            rows = Sql.rows(rs);
          }
        }
      } else {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
          ps.setQueryTimeout(queryTimeoutSeconds);
          for (int i = 0; i < params.length; i++) {
            ps.setString(i + 1, params[i]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            rows = Sql.rows(rs);
          }
        }
      }
      if (LOG.isDebugEnabled()) {
        LOG.debug("{}: {} -> {} row(s) in {} ms", address, sql, rows.size(), (System.nanoTime() - started) / 1_000_000);
      }
      return rows;
    } catch (SQLException e) {
      LOG.debug("{}: {} failed: error {} ({})", address, sql, e.getErrorCode(), e.getSQLState());
      throw e;
    }
  }
}
