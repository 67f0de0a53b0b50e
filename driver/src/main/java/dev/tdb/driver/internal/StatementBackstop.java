/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.LimitRejections;
import dev.tdb.core.policy.SqlState;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.postgresql.util.PSQLException;

/**
 * The driver's backstop to {@code query_timeout_ms}, the same as the proxy's: an execution still
 * running after the limit plus a grace of max(1 s, limit / 10) is cancelled through pgjdbc's {@link
 * Statement#cancel()}, and the application gets SQLSTATE 57014 naming {@code query_timeout_ms}. The
 * server's own {@code statement_timeout} (a tenant's runtime role carries the limit) answers first
 * whenever it is in force; the backstop is for a session where it was lifted. One per statement;
 * the timing is its connection's {@link BackstopTimer}.
 */
final class StatementBackstop {
  private final Statement statement;
  private final BackstopTimer timer;
  private final long timeoutMs;
  private final long allowedNanos;
  private final String workspace;

  /**
   * A backstop for the executions of one pgjdbc statement.
   *
   * @param statement pgjdbc's statement, whose {@code cancel} reaches only its own execution
   * @param timer the timer of the statement's connection
   * @param timeoutMs {@code query_timeout_ms}, 0 for none
   * @param workspace named in the error's hint
   */
  StatementBackstop(Statement statement, BackstopTimer timer, long timeoutMs, String workspace) {
    this.statement = statement;
    this.timer = timer;
    this.timeoutMs = timeoutMs;
    this.allowedNanos =
        TimeUnit.MILLISECONDS.toNanos(
            timeoutMs + LimitRejections.statementTimeoutGraceMs(timeoutMs));
    this.workspace = workspace;
  }

  /**
   * Runs one execution under the backstop.
   *
   * @param statements how many statements the server runs for it (a multi-statement text, a batch):
   *     the server gives each its own {@code statement_timeout}, so the backstop allows the limit
   *     plus the grace once for each
   * @throws SQLException the execution's own error, or 57014 naming {@code query_timeout_ms} when
   *     the backstop cancelled it
   */
  <T> T run(int statements, TdbStatement.Execution<T> execution) throws SQLException {
    if (timeoutMs == 0 || statements == 0) {
      return execution.run();
    }
    BackstopTimer.Watch watch =
        new BackstopTimer.Watch(statement, System.nanoTime() + statements * allowedNanos);
    timer.start(watch);
    try {
      return execution.run();
    } catch (SQLException e) {
      if (watch.end() && SqlState.QUERY_CANCELED.of(e)) {
        throw timedOut(e);
      }
      throw e;
    } finally {
      timer.end(watch);
    }
  }

  /** The application's error for an execution the backstop cancelled: a batch's stays one. */
  private SQLException timedOut(SQLException cancelled) {
    PSQLException timeout =
        Errors.rejected(
            LimitRejections.driverStatementTimeout(
                timeoutMs, LimitRejections.statementTimeoutGraceMs(timeoutMs), workspace));
    timeout.initCause(cancelled);
    if (!(cancelled instanceof BatchUpdateException batch)) {
      return timeout;
    }
    BatchUpdateException batchTimeout =
        new BatchUpdateException(
            timeout.getMessage(),
            timeout.getSQLState(),
            batch.getErrorCode(),
            batch.getLargeUpdateCounts(),
            timeout);
    batchTimeout.setNextException(timeout);
    return batchTimeout;
  }
}
