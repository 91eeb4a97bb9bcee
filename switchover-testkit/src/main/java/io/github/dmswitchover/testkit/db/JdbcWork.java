package io.github.dmswitchover.testkit.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with a JDBC connection, e.g. the body of a transaction.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface JdbcWork<T> {
  /**
   * Does the work.
   *
   * @param connection an open connection, owned by the caller of this method
   * @return the result, may be {@code null}
   * @throws SQLException to fail the work (the transaction is rolled back)
   */
  T run(Connection connection) throws SQLException;
}
