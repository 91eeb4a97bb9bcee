package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queries on one connection and returns their rows as text; the seam that lets the dialect
 * tests feed recorded result sets without a server. Not thread-safe (one connection).
 */
interface Sql {

  /**
   * Runs one query; {@code params} bind the {@code ?} placeholders as strings.
   *
   * @throws SQLException as the driver reports it
   */
  List<Row> query(String sql, String... params) throws SQLException;

  /** Returns a {@link Sql} over a JDBC connection that logs every statement at DEBUG. */
  static Sql over(Connection connection, String address, int queryTimeoutSeconds) {
    return new Jdbc(connection, address, queryTimeoutSeconds);
  }

  /** Reads every row of a result set as text by column label. */
  static List<Row> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<Row> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 1; i <= n; i++) {
        m.put(md.getColumnLabel(i), rs.getString(i));
      }
      rows.add(Row.of(m));
    }
    return rows;
  }

  /** The JDBC implementation. */
  final class Jdbc implements Sql {
    private static final Logger LOG = LoggerFactory.getLogger(Sql.class);

    private final Connection connection;
    private final String address;
    private final int queryTimeoutSeconds;

    private Jdbc(Connection connection, String address, int queryTimeoutSeconds) {
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
              rows = rows(rs);
            }
          }
        } else {
          try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            for (int i = 0; i < params.length; i++) {
              ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              rows = rows(rs);
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
}
