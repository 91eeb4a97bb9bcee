package io.github.dmswitchover.switchover.mysql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JDBC connection that answers from a script, for behaviour no server here shows (TiDB without
 * {@code IS_USED_LOCK}, long lock waits). Only what the journal and the lock call is supported:
 * prepared statements with string and number parameters, single-column results, updates.
 */
final class ScriptedJdbc {
  /** Answers one statement: the first column's values, or throws. */
  @FunctionalInterface
  interface Answer {
    List<Object> answer(String sql, List<Object> params) throws SQLException;
  }

  final List<String> executed = Collections.synchronizedList(new ArrayList<>());
  private final Answer answer;

  ScriptedJdbc(Answer answer) {
    this.answer = answer;
  }

  /** A DataSource whose every connection follows the script. */
  SimpleDataSourceLike dataSource() {
    return new SimpleDataSourceLike(this);
  }

  Connection connection() {
    return proxy(Connection.class, (p, m, args) -> switch (m.getName()) {
      case "prepareStatement" -> statement((String) args[0]);
      case "close", "setAutoCommit" -> null;
      case "isClosed" -> false;
      case "toString" -> "ScriptedConnection";
      default -> throw new UnsupportedOperationException(m.getName());
    });
  }

  private PreparedStatement statement(String sql) {
    Map<Integer, Object> params = new TreeMap<>();
    return proxy(PreparedStatement.class, (p, m, args) -> switch (m.getName()) {
      case "setString", "setLong", "setInt" -> {
        params.put((Integer) args[0], args[1]);
        yield null;
      }
      case "setQueryTimeout", "close" -> null;
      case "executeUpdate" -> {
        executed.add(sql);
        answer.answer(sql, new ArrayList<>(params.values()));
        yield 1;
      }
      case "executeQuery" -> {
        executed.add(sql);
        yield resultSet(answer.answer(sql, new ArrayList<>(params.values())));
      }
      default -> throw new UnsupportedOperationException(m.getName());
    });
  }

  private static ResultSet resultSet(List<Object> values) {
    int[] row = {-1};
    boolean[] wasNull = {false};
    return proxy(ResultSet.class, (p, m, args) -> switch (m.getName()) {
      case "next" -> ++row[0] < values.size();
      case "getLong" -> {
        Object v = values.get(row[0]);
        wasNull[0] = v == null;
        yield v == null ? 0L : ((Number) v).longValue();
      }
      case "getString" -> {
        Object v = values.get(row[0]);
        wasNull[0] = v == null;
        yield v == null ? null : String.valueOf(v);
      }
      case "wasNull" -> wasNull[0];
      case "close" -> null;
      default -> throw new UnsupportedOperationException(m.getName());
    });
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return (T) Proxy.newProxyInstance(ScriptedJdbc.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
      try {
        return handler.invoke(p, m, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  /** A DataSource handing out scripted connections. */
  static final class SimpleDataSourceLike extends TestDataSource {
    private final ScriptedJdbc script;

    SimpleDataSourceLike(ScriptedJdbc script) {
      this.script = script;
    }

    @Override
    public Connection getConnection() {
      return script.connection();
    }
  }
}
