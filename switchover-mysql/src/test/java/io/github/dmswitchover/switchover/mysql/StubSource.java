package io.github.dmswitchover.switchover.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A connection source for tests that never connects; it has an address and, optionally, a secret. */
final class StubSource extends ConnectionSource {
  private final String address;
  private final List<String> secrets;

  StubSource(String address, String... secrets) {
    this.address = address;
    this.secrets = List.of(secrets);
  }

  @Override
  Connection open() throws SQLException {
    throw new SQLException("the stub source never connects", "08001");
  }

  @Override
  String address() {
    return address;
  }

  @Override
  List<String> secrets() {
    return secrets;
  }
}
