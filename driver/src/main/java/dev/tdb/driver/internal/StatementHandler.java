/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Wraps a pgjdbc {@link Statement}, {@code PreparedStatement} or {@code CallableStatement}: SQL
 * passed to {@code execute*} and {@code addBatch} is checked by the policy before pgjdbc sees it,
 * {@code setMaxRows} and {@code setQueryTimeout} go through the workspace limits, and result sets
 * and {@code getConnection} return tdb wrappers.
 */
final class StatementHandler extends JdbcHandler {
  private final Statement delegate;
  private final ConnectionHandler connection;
  private final Connection connectionProxy;
  private final StatementLimits limits;
  private ConnectionHandler.Escapes escapes = ConnectionHandler.Escapes.PROCESSED;

  private StatementHandler(
      Statement delegate,
      ConnectionHandler connection,
      Connection connectionProxy,
      StatementLimits limits) {
    super(delegate);
    this.delegate = delegate;
    this.connection = connection;
    this.connectionProxy = connectionProxy;
    this.limits = limits;
  }

  /** Wraps a new pgjdbc statement of {@code type} and applies the workspace limits to it. */
  static <T extends Statement> T wrap(
      Class<T> type, T delegate, ConnectionHandler connection, Connection connectionProxy)
      throws SQLException {
    LogicalDatabase.Route route = connection.route();
    StatementLimits limits =
        StatementLimits.apply(delegate, route.entry().settings(), route.entry().workspace());
    return proxy(type, new StatementHandler(delegate, connection, connectionProxy, limits));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "execute":
      case "executeQuery":
      case "executeUpdate":
      case "executeLargeUpdate":
      case "addBatch":
        if (args != null && args[0] instanceof String sql) {
          connection.check(sql, escapes);
        }
        break;
      case "setMaxRows":
        limits.setMaxRows(delegate, (Integer) args[0]);
        return null;
      case "getMaxRows":
        return limits.maxRows();
      case "setQueryTimeout":
        limits.setQueryTimeout(delegate, (Integer) args[0]);
        return null;
      case "getQueryTimeout":
        return limits.queryTimeoutSeconds();
      case "setEscapeProcessing":
        escapes =
            Boolean.TRUE.equals(args[0])
                ? ConnectionHandler.Escapes.PROCESSED
                : ConnectionHandler.Escapes.SENT_AS_IS;
        break;
      case "getConnection":
        return connectionProxy;
      default:
        break;
    }
    Object result = forward(method, args);
    return result instanceof ResultSet rs
        ? ResultSetHandler.wrap(rs, (Statement) proxy, limits.rowCheck())
        : result;
  }
}
