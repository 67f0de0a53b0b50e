/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

/**
 * The errors for workspace limits that are enforced while a statement runs or a connection opens,
 * rather than decided from SQL text: one wording for the driver and the proxy.
 */
public final class LimitRejections {
  private LimitRejections() {}

  /** A result that goes beyond {@code max_rows_per_query} (SQLSTATE 54000). */
  public static Decision.Reject tooManyRows(long maxRows, String workspace) {
    return new Decision.Reject(
        SqlState.PROGRAM_LIMIT_EXCEEDED,
        "query returned more than max_rows_per_query (" + maxRows + ") rows",
        "add LIMIT or a narrower WHERE clause, page through the result, or raise"
            + " max_rows_per_query in the settings of "
            + workspace);
  }

  /**
   * A statement the proxy cancelled because it ran past {@code query_timeout_ms} plus {@code
   * graceMs} (SQLSTATE 57014, worded as PostgreSQL's own statement timeout).
   */
  public static Decision.Reject statementTimeout(
      long queryTimeoutMs, long graceMs, String workspace) {
    return statementTimeout("the tdb proxy", queryTimeoutMs, graceMs, workspace);
  }

  /**
   * A statement the {@code jdbc:tdb:} driver cancelled because it ran past {@code query_timeout_ms}
   * plus {@code graceMs} (SQLSTATE 57014, worded as the proxy's).
   */
  public static Decision.Reject driverStatementTimeout(
      long queryTimeoutMs, long graceMs, String workspace) {
    return statementTimeout("the jdbc:tdb: driver", queryTimeoutMs, graceMs, workspace);
  }

  /**
   * How long the proxy and the driver wait beyond {@code query_timeout_ms} before they cancel a
   * statement themselves: a tenth of it, at least one second, so that a server that enforces the
   * timeout itself always answers first.
   */
  public static long statementTimeoutGraceMs(long queryTimeoutMs) {
    return Math.max(1000, queryTimeoutMs / 10);
  }

  private static Decision.Reject statementTimeout(
      String canceller, long queryTimeoutMs, long graceMs, String workspace) {
    return new Decision.Reject(
        SqlState.QUERY_CANCELED,
        "canceling statement due to statement timeout",
        canceller
            + " cancelled the statement after query_timeout_ms ("
            + queryTimeoutMs
            + " ms) plus "
            + graceMs
            + " ms; make it faster, split it, or raise query_timeout_ms in the settings of "
            + workspace);
  }

  /** A connection beyond {@code max_connections} of one logical database (SQLSTATE 53300). */
  public static Decision.Reject tooManyConnections(
      String logicalName, int maxConnections, String workspace) {
    return new Decision.Reject(
        SqlState.TOO_MANY_CONNECTIONS,
        "too many connections for database \""
            + logicalName
            + "\" (max_connections "
            + maxConnections
            + ")",
        "close idle connections, keep pool sizes below the limit, or raise max_connections in the"
            + " settings of "
            + workspace);
  }
}
