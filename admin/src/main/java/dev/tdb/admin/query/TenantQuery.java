/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.core.policy.LimitRejections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs a fan-out's statement on one tenant: as the tenant's own runtime role, so the server's
 * grants and limits back every check; in a transaction of its own, {@code READ ONLY} unless the
 * caller asked to write; with the tenant's statement timeout; and with no more rows than its
 * workspace's {@code max_rows_per_query}, ending with the limit's error rather than cutting the
 * result short.
 */
final class TenantQuery {
  /** Rows fetched per round trip: pgjdbc reads a result through a cursor, not whole. */
  private static final int FETCH_SIZE = 500;

  /** Opens a connection to a tenant as its runtime role. */
  @FunctionalInterface
  interface Opener {
    Connection open(FanOutPlan.Target target) throws SQLException;
  }

  /** Takes each line of the answer; blocks while the client is slower than the tenants. */
  @FunctionalInterface
  interface Sink {
    void accept(byte[] line) throws InterruptedException;
  }

  private final FanOutPlan.Target target;
  private final String tenant;
  private final Sink sink;

  TenantQuery(FanOutPlan.Target target, Sink sink) {
    this.target = target;
    this.tenant = target.tenant().logicalName();
    this.sink = sink;
  }

  /** Runs {@code sql}; the outcome's line is left to the caller, which sends it last. */
  Outcome run(Opener opener, String sql, FanOutRequest.Access access) throws InterruptedException {
    long started = System.nanoTime();
    try (Connection connection = opener.open(target)) {
      connection.setAutoCommit(false);
      begin(connection, access);
      long rows = execute(connection, sql);
      if (rows < 0) {
        connection.rollback();
        return Outcome.rejected(
            LimitRejections.tooManyRows(target.maxRows(), target.workspace()), elapsed(started));
      }
      if (access == FanOutRequest.Access.READ_WRITE) {
        connection.commit();
      } else {
        connection.rollback();
      }
      return Outcome.ok(rows, elapsed(started));
    } catch (SQLException e) {
      return Outcome.failed(e, elapsed(started));
    }
  }

  /**
   * Sets the transaction's access mode and timeout. {@code set_config} is a query, so the
   * transaction has its snapshot before the caller's statement runs and can no longer be made
   * {@code READ WRITE} by it.
   */
  private void begin(Connection connection, FanOutRequest.Access access) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          access == FanOutRequest.Access.READ_WRITE
              ? "SET TRANSACTION READ WRITE"
              : "SET TRANSACTION READ ONLY");
    }
    try (PreparedStatement timeout =
        connection.prepareStatement("SELECT set_config('statement_timeout', ?, true)")) {
      timeout.setString(1, target.timeoutMs() + "ms");
      timeout.execute();
    }
  }

  /** Rows returned or affected, or -1 when the result went beyond {@code max_rows_per_query}. */
  private long execute(Connection connection, String sql)
      throws SQLException, InterruptedException {
    try (Statement statement = connection.createStatement()) {
      statement.setFetchSize(FETCH_SIZE);
      // The server cancels at the timeout; this is the client's guard should it not answer.
      long guardMs =
          target.timeoutMs() + LimitRejections.statementTimeoutGraceMs(target.timeoutMs());
      statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, (guardMs + 999) / 1000));
      if (!statement.execute(sql)) {
        return Math.max(0, statement.getLargeUpdateCount());
      }
      try (ResultSet rs = statement.getResultSet()) {
        return stream(rs);
      }
    }
  }

  private long stream(ResultSet rs) throws SQLException, InterruptedException {
    sink.accept(Lines.columns(tenant, rs.getMetaData()));
    long rows = 0;
    while (rs.next()) {
      if (target.maxRows() > 0 && rows == target.maxRows()) {
        return -1;
      }
      sink.accept(Lines.row(tenant, rs));
      rows++;
    }
    return rows;
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
