package io.github.dmswitchover.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Plain JDBC helpers over mysql-connector-j, which serves MySQL and MariaDB alike. */
final class Jdbc {
  static final String USER = "root";
  static final String PASSWORD = "";

  private Jdbc() {}

  static String url(String host, int port) {
    return "jdbc:mysql://" + host + ":" + port + "/"
        + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout=5000&socketTimeout=300000"
        + "&useServerPrepStmts=false&characterEncoding=UTF-8";
  }

  static Connection connect(String host, int port) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("password", PASSWORD);
    return DriverManager.getConnection(url(host, port), props);
  }

  /** Runs a query and returns its rows as column label to text (SQL NULL as {@code null}). */
  static List<Map<String, String>> rows(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, String>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Runs a query and returns the first column of the first row, or {@code null}. */
  static String value(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** Quotes a string literal for MySQL and MariaDB (backslashes and quotes escaped). */
  static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
