/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import dev.tdb.core.stats.StatementStatsReport.StatementStats;
import java.util.HashMap;
import java.util.Map;

/**
 * The counters of one statement of one database over a window. Not thread-safe: a counter belongs
 * to one event loop's window, or to the shipper's thread once the window is handed over.
 */
final class StatementCounters {
  private final String query;
  private long calls;
  private long rows;
  private long totalNanos;
  private long maxNanos;
  private Map<String, Long> errors;

  /** Counters of the statement with normalized text {@code query}. */
  StatementCounters(String query) {
    this.query = query;
  }

  /**
   * One call that took {@code nanos}, returned or changed {@code rows}, ended with {@code sqlState}
   * (or null).
   */
  void record(long nanos, long rows, String sqlState) {
    calls++;
    this.rows += rows;
    totalNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
    if (sqlState != null) {
      addError(sqlState, 1);
    }
  }

  /** Adds what {@code other} counted. */
  void merge(StatementCounters other) {
    calls += other.calls;
    rows += other.rows;
    totalNanos += other.totalNanos;
    maxNanos = Math.max(maxNanos, other.maxNanos);
    if (other.errors != null) {
      other.errors.forEach(this::addError);
    }
  }

  private void addError(String sqlState, long count) {
    if (errors == null) {
      errors = new HashMap<>(4);
    }
    errors.merge(sqlState, count, Long::sum);
  }

  /** Calls counted. */
  long calls() {
    return calls;
  }

  /** These counters as the admin service receives them. */
  StatementStats report(String database, long fingerprint) {
    return new StatementStats(
        database,
        fingerprint,
        query,
        calls,
        rows,
        totalNanos / 1e6,
        maxNanos / 1e6,
        errors == null ? Map.of() : errors);
  }
}
