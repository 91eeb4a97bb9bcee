package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the JDBC classes of this package get their connections: a caller's {@link DataSource}
 * (never closed here) or a {@link DatabaseEndpoint} through {@link DriverManager}. Thread-safe.
 */
abstract class ConnectionSource {

  /** Opens a new connection (or borrows one from the caller's pool); the caller closes it. */
  abstract Connection open() throws SQLException;

  /** Returns {@code host:port}; never credentials. */
  abstract String address();

  /** Returns what must never appear in text (passwords). */
  abstract List<String> secrets();

  /** Replaces this source's secrets in {@code text}. */
  final String mask(String text) {
    return Masking.mask(text, secrets());
  }

  static ConnectionSource of(DatabaseEndpoint endpoint) {
    return new EndpointSource(Objects.requireNonNull(endpoint, "endpoint"));
  }

  static ConnectionSource of(DataSource dataSource, String address) {
    return new DataSourceSource(Objects.requireNonNull(dataSource, "dataSource"), checkAddress(address));
  }

  /**
   * Checks an address given with a DataSource and returns it as {@code host:port}.
   *
   * @throws IllegalArgumentException if nothing is left once credentials, scheme and path are dropped
   */
  static String checkAddress(String address) {
    Objects.requireNonNull(address, "address");
    String a = Masking.address(address);
    if (a.isBlank()) {
      throw new IllegalArgumentException("address must be host:port, got nothing usable");
    }
    return a;
  }

  private static final class EndpointSource extends ConnectionSource {
    private final DatabaseEndpoint endpoint;

    EndpointSource(DatabaseEndpoint endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    Connection open() throws SQLException {
      return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.connectionProperties());
    }

    @Override
    String address() {
      return endpoint.address();
    }

    @Override
    List<String> secrets() {
      return endpoint.secrets();
    }

    @Override
    public String toString() {
      return endpoint.toString();
    }
  }

  private static final class DataSourceSource extends ConnectionSource {
    private final DataSource dataSource;
    private final String address;

    DataSourceSource(DataSource dataSource, String address) {
      this.dataSource = dataSource;
      this.address = address;
    }

    @Override
    Connection open() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    String address() {
      return address;
    }

    @Override
    List<String> secrets() {
      return List.of();
    }

    @Override
    public String toString() {
      return "DataSource[" + address + "]";
    }
  }
}
