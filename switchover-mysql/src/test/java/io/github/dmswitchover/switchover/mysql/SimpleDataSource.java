package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A caller's DataSource in tests: a new connection per call, through DriverManager. */
final class SimpleDataSource extends TestDataSource {
  private final String url;
  private final String user;
  private final String password;

  SimpleDataSource(String host, int port, String user, String password) {
    this.url = "jdbc:mysql://" + host + ":" + port + "/";
    this.user = user;
    this.password = password;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
