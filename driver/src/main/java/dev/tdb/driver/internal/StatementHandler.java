/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.StatementKind;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps a pgjdbc {@link Statement}, {@code PreparedStatement} or {@code CallableStatement}: SQL
 * passed to {@code execute*} and {@code addBatch} is checked by the policy before pgjdbc sees it,
 * {@code setMaxRows} and {@code setQueryTimeout} go through the workspace limits, result sets and
 * {@code getConnection} return tdb wrappers, and with the query log on every execution is logged.
 */
final class StatementHandler extends JdbcHandler {
  /**
   * The SQL a prepared or callable statement was made from.
   *
   * @param sql the text as the application gave it
   * @param classification how the text pgjdbc sends was classified
   */
  record Prepared(String sql, Classification classification) {}

  private final Statement delegate;
  private final ConnectionHandler connection;
  private final Connection connectionProxy;
  private final StatementLimits limits;
  private final Prepared prepared;
  private final QueryLog queryLog;
  private final List<String> batchSql = new ArrayList<>();
  private StatementKind batchKind = StatementKind.EMPTY;
  private QueryLog.Pending reading;
  private ConnectionHandler.Escapes escapes = ConnectionHandler.Escapes.PROCESSED;

  private StatementHandler(
      Statement delegate,
      ConnectionHandler connection,
      Connection connectionProxy,
      StatementLimits limits,
      Prepared prepared) {
    super(delegate);
    this.delegate = delegate;
    this.connection = connection;
    this.connectionProxy = connectionProxy;
    this.limits = limits;
    this.prepared = prepared;
    this.queryLog = connection.queryLog();
  }

  /**
   * Wraps a new pgjdbc statement of {@code type} and applies the workspace limits to it.
   *
   * @param prepared the SQL of a prepared or callable statement, {@code null} for a plain one
   */
  static <T extends Statement> T wrapPrepared(
      Class<T> type,
      T delegate,
      ConnectionHandler connection,
      Connection connectionProxy,
      Prepared prepared)
      throws SQLException {
    LogicalDatabase.Route route = connection.route();
    StatementLimits limits =
        StatementLimits.apply(
            delegate,
            route.entry().settings(),
            route.entry().workspace(),
            connection.serverTimeoutMs());
    return proxy(
        type, new StatementHandler(delegate, connection, connectionProxy, limits, prepared));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "execute":
      case "executeQuery":
      case "executeUpdate":
      case "executeLargeUpdate":
        {
          Classification checked =
              args != null && args[0] instanceof String sql ? connection.check(sql, escapes) : null;
          return queryLog == null
              ? wrapResult(proxy, forward(method, args), null)
              : logged(proxy, method, args, checked);
        }
      case "addBatch":
        if (args != null && args[0] instanceof String sql) {
          Classification checked = connection.check(sql, escapes);
          if (queryLog != null && checked != null) {
            batchSql.add(sql);
            batchKind = QueryEvent.weightier(batchKind, QueryEvent.kindOf(checked));
          }
        }
        break;
      case "clearBatch":
        batchSql.clear();
        batchKind = StatementKind.EMPTY;
        break;
      case "executeBatch":
      case "executeLargeBatch":
        return queryLog == null ? forward(method, args) : loggedBatch(method, args);
      case "getResultSet":
        return wrapResult(proxy, forward(method, args), reading);
      case "close":
        finishReading();
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
    return wrapResult(proxy, forward(method, args), null);
  }

  /** Runs one {@code execute*} call and writes its event, now or when its rows are read. */
  private Object logged(Object proxy, Method method, Object[] args, Classification checked)
      throws Throwable {
    finishReading();
    Classification classification = checked != null ? checked : preparedClassification();
    String sql = checked != null ? (String) args[0] : prepared == null ? "" : prepared.sql();
    QueryLog.Pending pending =
        queryLog.start(
            classification == null ? StatementKind.UNKNOWN : QueryEvent.kindOf(classification),
            sql);
    Object result;
    try {
      result = forward(method, args);
    } catch (SQLException e) {
      pending.finish(null, e.getSQLState());
      throw e;
    }
    pending.answered();
    if (result instanceof ResultSet || Boolean.TRUE.equals(result)) {
      reading = pending;
    } else if (result instanceof Number count) {
      pending.finish(count.longValue(), null);
    } else {
      long count = delegate.getLargeUpdateCount();
      pending.finish(count < 0 ? null : count, null);
    }
    return wrapResult(proxy, result, pending);
  }

  /** Runs a batch and writes one event for it, with the rows all its statements changed. */
  private Object loggedBatch(Method method, Object[] args) throws Throwable {
    finishReading();
    QueryLog.Pending pending =
        prepared == null
            ? queryLog.start(batchKind, String.join(";\n", batchSql))
            : queryLog.start(QueryEvent.kindOf(prepared.classification()), prepared.sql());
    batchSql.clear();
    batchKind = StatementKind.EMPTY;
    Object result;
    try {
      result = forward(method, args);
    } catch (SQLException e) {
      pending.finish(null, e.getSQLState());
      throw e;
    }
    long rows = 0;
    if (result instanceof int[] counts) {
      for (int count : counts) {
        rows += Math.max(count, 0);
      }
    } else if (result instanceof long[] counts) {
      for (long count : counts) {
        rows += Math.max(count, 0);
      }
    }
    pending.finish(rows, null);
    return result;
  }

  private Classification preparedClassification() {
    return prepared == null ? null : prepared.classification();
  }

  private Object wrapResult(Object proxy, Object result, QueryLog.Pending pending) {
    return result instanceof ResultSet rs
        ? ResultSetHandler.wrap(rs, (Statement) proxy, limits.rowCheck(), pending)
        : result;
  }

  /** Writes the event of the statement whose rows were being read, with the rows read so far. */
  private void finishReading() {
    if (reading != null) {
      reading.finishReading();
      reading = null;
    }
  }
}
