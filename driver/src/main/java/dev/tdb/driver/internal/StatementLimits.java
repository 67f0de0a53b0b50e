/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.jdbc.PgStatement;

/**
 * The workspace limits on one statement. {@code max_rows_per_query} caps {@code setMaxRows}: a
 * request for more rows than the cap (or for all rows) makes pgjdbc fetch one row beyond the cap,
 * and reaching that row raises SQLSTATE 54000 instead of truncating silently; a request for fewer
 * rows is the application's own limit and truncates as JDBC says. {@code query_timeout_ms} is the
 * default and the ceiling of the statement's timeout.
 */
final class StatementLimits {
  private final long rowCap;
  private final long timeoutCeilingMs;
  private final String workspace;
  private final long serverTimeoutMs;
  private int requestedMaxRows;
  private long timeoutMs;

  private StatementLimits(WorkspaceSettings settings, String workspace, long serverTimeoutMs) {
    this.rowCap = settings.maxRowsPerQuery();
    this.timeoutCeilingMs = settings.queryTimeoutMs();
    this.workspace = workspace;
    this.serverTimeoutMs = serverTimeoutMs;
  }

  /**
   * The limits of {@code settings}, applied to a new pgjdbc statement.
   *
   * @param serverTimeoutMs the {@code statement_timeout} the server enforces in the session by
   *     itself, or a negative number when it is not known
   */
  static StatementLimits apply(
      Statement statement, WorkspaceSettings settings, String workspace, long serverTimeoutMs)
      throws SQLException {
    StatementLimits limits = new StatementLimits(settings, workspace, serverTimeoutMs);
    limits.setMaxRows(statement, statement.getMaxRows());
    limits.setQueryTimeoutMs(statement, statement.unwrap(PgStatement.class).getQueryTimeoutMs());
    return limits;
  }

  /** Applies the application's {@code setMaxRows}, capped. */
  void setMaxRows(Statement statement, int requested) throws SQLException {
    if (requested < 0) {
      statement.setMaxRows(requested); // pgjdbc's own error for a negative value
      return;
    }
    requestedMaxRows = requested;
    statement.setMaxRows(capped() ? (int) rowCap + 1 : requested);
  }

  /** What {@code getMaxRows} answers: the application's limit, or the cap when that is lower. */
  int maxRows() {
    return capped() ? (int) rowCap : requestedMaxRows;
  }

  /** Applies the application's {@code setQueryTimeout}, at most the ceiling. */
  void setQueryTimeout(Statement statement, int seconds) throws SQLException {
    if (seconds < 0) {
      statement.setQueryTimeout(seconds); // pgjdbc's own error for a negative value
      return;
    }
    setQueryTimeoutMs(statement, seconds * 1000L);
  }

  private void setQueryTimeoutMs(Statement statement, long requestedMs) throws SQLException {
    boolean overCeiling = requestedMs == 0 || requestedMs > timeoutCeilingMs;
    timeoutMs = timeoutCeilingMs > 0 && overCeiling ? timeoutCeilingMs : requestedMs;
    // pgjdbc's timeout is a timer task scheduled and cancelled around every execution; when the
    // server already stops the statement at that same limit, the timer adds cost and nothing else.
    boolean serverEnforces = timeoutMs == serverTimeoutMs;
    statement.unwrap(PgStatement.class).setQueryTimeoutMs(serverEnforces ? 0 : timeoutMs);
  }

  /** What {@code getQueryTimeout} answers: the timeout in force, in whole seconds rounded up. */
  int queryTimeoutSeconds() {
    return (int) ((timeoutMs + 999) / 1000);
  }

  /** The check for result sets of this statement, or {@code null} when nothing is capped. */
  RowCheck rowCheck() {
    return capped() ? new RowCheck(rowCap, workspace) : null;
  }

  private boolean capped() {
    return rowCap > 0 && (requestedMaxRows == 0 || requestedMaxRows > rowCap);
  }

  /**
   * Raises SQLSTATE 54000 when a result set reaches the row after the cap.
   *
   * @param rowCap {@code max_rows_per_query}
   * @param workspace named in the hint
   */
  record RowCheck(long rowCap, String workspace) {}
}
