/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.sql.Classification;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.core.sql.StringEscapes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A pgjdbc {@link Statement}: SQL passed to {@code execute*} and {@code addBatch} is checked by the
 * policy before pgjdbc sees it, {@code setMaxRows} and {@code setQueryTimeout} go through the
 * workspace limits, result sets and {@code getConnection} return tdb wrappers, and with the query
 * log on every execution is logged. The prepared and callable wrappers extend it.
 */
sealed class TdbStatement extends JdbcWrapper implements DelegatingStatement
    permits TdbPreparedStatement {
  /**
   * The SQL a prepared or callable statement was made from.
   *
   * @param sql the text as the application gave it
   * @param sent the text pgjdbc sends, before its JDBC escapes are rewritten
   * @param classification how the text pgjdbc sends was classified
   * @param strings how backslashes in plain strings were read when it was classified
   */
  record Prepared(String sql, String sent, Classification classification, StringEscapes strings) {}

  /** One call to pgjdbc that runs SQL, for the query log to time. */
  @FunctionalInterface
  interface Execution<T> {
    /** Runs the call. */
    T run() throws SQLException;
  }

  private final Statement delegate;
  private final TdbConnection connection;
  private final StatementLimits limits;
  private final StatementBackstop backstop;
  private Prepared prepared;
  private final QueryLog queryLog;
  private final List<String> batchSql = new ArrayList<>();
  private StatementKind batchKind = StatementKind.EMPTY;
  private int batchStatements;
  private QueryLog.Pending reading;
  private TdbConnection.Escapes escapes = TdbConnection.Escapes.PROCESSED;

  /**
   * Wraps a new pgjdbc statement and applies the workspace limits to it.
   *
   * @param prepared the SQL of a prepared or callable statement, {@code null} for a plain one
   */
  TdbStatement(Statement delegate, TdbConnection connection, Prepared prepared)
      throws SQLException {
    super(delegate);
    this.delegate = delegate;
    this.connection = connection;
    this.prepared = prepared;
    this.queryLog = connection.queryLog();
    LogicalDatabase.Route route = connection.route();
    this.limits =
        StatementLimits.apply(
            delegate,
            route.entry().settings(),
            route.entry().workspace(),
            connection.serverTimeoutMs());
    this.backstop =
        new StatementBackstop(
            delegate,
            connection.backstopTimer(),
            route.entry().settings().queryTimeoutMs(),
            route.entry().workspace());
  }

  /**
   * Judges a prepared statement's SQL again if the session reads strings differently than when it
   * was prepared; nothing for a plain statement.
   */
  final void recheckPrepared() throws SQLException {
    if (prepared != null) {
      prepared = connection.recheck(prepared);
    }
  }

  /** Runs one execution of a prepared statement under the {@code query_timeout_ms} backstop. */
  final <T> T timed(Execution<T> execution) throws SQLException {
    return backstop.run(statementsIn(prepared.classification()), execution);
  }

  /**
   * How many statements the server runs for {@code classification}: each may use the whole {@code
   * query_timeout_ms}, as each gets the whole {@code statement_timeout} on the server.
   */
  private static int statementsIn(Classification classification) {
    return classification == null ? 1 : Math.max(1, classification.statements().size());
  }

  /** Counts one parameter set added to a prepared statement's batch. */
  final void countBatchEntry() {
    batchStatements += statementsIn(prepared.classification());
  }

  /** The statements of the batch about to run, counted from zero again for the next batch. */
  private int takeBatchStatements() {
    int statements = batchStatements;
    batchStatements = 0;
    return statements;
  }

  /** Whether executions are written to the query log. */
  final boolean logging() {
    return queryLog != null;
  }

  /**
   * Runs one {@code execute*} call and writes its event, now or when its rows are read.
   *
   * @param checked the classification of {@code sql}, or {@code null} to log the prepared SQL
   */
  final <T> T logged(Classification checked, String sql, Execution<T> execution)
      throws SQLException {
    finishReading();
    Classification classification =
        checked != null ? checked : prepared == null ? null : prepared.classification();
    String text = checked != null ? sql : prepared == null ? "" : prepared.sql();
    QueryLog.Pending pending =
        queryLog.start(
            classification == null ? StatementKind.UNKNOWN : QueryEvent.kindOf(classification),
            text);
    T result;
    try {
      result = backstop.run(statementsIn(classification), execution);
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
    return result;
  }

  /** Runs one {@code executeQuery} call; its event is written once its rows are read. */
  final ResultSet loggedQuery(Classification checked, String sql, Execution<ResultSet> execution)
      throws SQLException {
    ResultSet result = logged(checked, sql, execution);
    return result(result, reading); // logged() made the query's event the one being read
  }

  /** Runs a batch and writes one event for it, with the rows all its statements changed. */
  final <T> T loggedBatch(int statements, Execution<T> execution) throws SQLException {
    finishReading();
    QueryLog.Pending pending =
        prepared == null
            ? queryLog.start(batchKind, String.join(";\n", batchSql))
            : queryLog.start(QueryEvent.kindOf(prepared.classification()), prepared.sql());
    batchSql.clear();
    batchKind = StatementKind.EMPTY;
    T result;
    try {
      result = backstop.run(statements, execution);
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

  /**
   * The tdb wrapper of a result set of this statement, or {@code null} for none.
   *
   * @param pending the event written once its rows are read, or {@code null}
   */
  final ResultSet result(ResultSet result, QueryLog.Pending pending) {
    return result == null ? null : new TdbResultSet(result, this, limits.rowCheck(), pending);
  }

  /** Writes the event of the statement whose rows were being read, with the rows read so far. */
  private void finishReading() {
    if (reading != null) {
      reading.finishReading();
      reading = null;
    }
  }

  @Override
  public Statement delegate() {
    return delegate;
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? result(backstop.run(statementsIn(checked), () -> delegate.executeQuery(sql)), null)
        : loggedQuery(checked, sql, () -> delegate.executeQuery(sql));
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeUpdate(sql))
        : logged(checked, sql, () -> delegate.executeUpdate(sql));
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeUpdate(sql, autoGeneratedKeys))
        : logged(checked, sql, () -> delegate.executeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeUpdate(sql, columnIndexes))
        : logged(checked, sql, () -> delegate.executeUpdate(sql, columnIndexes));
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeUpdate(sql, columnNames))
        : logged(checked, sql, () -> delegate.executeUpdate(sql, columnNames));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeLargeUpdate(sql))
        : logged(checked, sql, () -> delegate.executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(
            statementsIn(checked), () -> delegate.executeLargeUpdate(sql, autoGeneratedKeys))
        : logged(checked, sql, () -> delegate.executeLargeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeLargeUpdate(sql, columnIndexes))
        : logged(checked, sql, () -> delegate.executeLargeUpdate(sql, columnIndexes));
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.executeLargeUpdate(sql, columnNames))
        : logged(checked, sql, () -> delegate.executeLargeUpdate(sql, columnNames));
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.execute(sql))
        : logged(checked, sql, () -> delegate.execute(sql));
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.execute(sql, autoGeneratedKeys))
        : logged(checked, sql, () -> delegate.execute(sql, autoGeneratedKeys));
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.execute(sql, columnIndexes))
        : logged(checked, sql, () -> delegate.execute(sql, columnIndexes));
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    return queryLog == null
        ? backstop.run(statementsIn(checked), () -> delegate.execute(sql, columnNames))
        : logged(checked, sql, () -> delegate.execute(sql, columnNames));
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    Classification checked = connection.check(sql, escapes);
    batchStatements += statementsIn(checked);
    if (queryLog != null && checked != null) {
      batchSql.add(sql);
      batchKind = QueryEvent.weightier(batchKind, QueryEvent.kindOf(checked));
    }
    delegate.addBatch(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    batchSql.clear();
    batchKind = StatementKind.EMPTY;
    batchStatements = 0;
    delegate.clearBatch();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    recheckPrepared();
    int statements = takeBatchStatements();
    return queryLog == null
        ? backstop.run(statements, delegate::executeBatch)
        : loggedBatch(statements, delegate::executeBatch);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    recheckPrepared();
    int statements = takeBatchStatements();
    return queryLog == null
        ? backstop.run(statements, delegate::executeLargeBatch)
        : loggedBatch(statements, delegate::executeLargeBatch);
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return result(delegate.getResultSet(), reading);
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return result(delegate.getGeneratedKeys(), null);
  }

  @Override
  public void close() throws SQLException {
    finishReading();
    delegate.close();
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    limits.setMaxRows(delegate, max);
  }

  @Override
  public int getMaxRows() {
    return limits.maxRows();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    limits.setQueryTimeout(delegate, seconds);
  }

  @Override
  public int getQueryTimeout() {
    return limits.queryTimeoutSeconds();
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    escapes = enable ? TdbConnection.Escapes.PROCESSED : TdbConnection.Escapes.SENT_AS_IS;
    delegate.setEscapeProcessing(enable);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}
