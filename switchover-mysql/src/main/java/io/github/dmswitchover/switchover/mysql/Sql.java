package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    return new JdbcSql(connection, address, queryTimeoutSeconds);
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
}
