/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.querylog;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.HourlyQueries;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.StatementStatsRepository;
import dev.tdb.admin.metadata.StatementStatsRepository.Order;
import dev.tdb.admin.tenants.TenantService;
import dev.tdb.core.stats.StatementStatsReport;
import dev.tdb.core.stats.StatementStatsReport.StatementStats;
import dev.tdb.core.stats.StatementSummary;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The statement statistics the proxies send: added to five-minute buckets per logical database and
 * statement, read by the owner of the database as its top statements or hourly figures.
 */
public final class StatementStatsService {
  /** The width of a time bucket. */
  public static final Duration BUCKET = Duration.ofMinutes(5);

  /** The most statements one report may hold. */
  public static final int MAX_STATEMENTS = 100_000;

  /** The most characters of normalized text one statement may carry. */
  public static final int MAX_QUERY_LENGTH = 100_000;

  /** The most statements a read returns. */
  public static final int MAX_TOP = 1000;

  private final MetadataStore store;
  private final TenantService tenants;
  private final StatementStatsRepository rows = new StatementStatsRepository();

  /** Statistics in {@code store}, read by the owners {@code tenants} knows. */
  StatementStatsService(MetadataStore store, TenantService tenants) {
    this.store = store;
    this.tenants = tenants;
  }

  /**
   * Adds a proxy's report to the bucket its window started in.
   *
   * @throws AdminException when the caller is not an admin or the report is malformed
   */
  public void record(Caller caller, StatementStatsReport report) {
    caller.requireAdmin("send statement statistics");
    if (report.statements().size() > MAX_STATEMENTS) {
      throw AdminException.invalid("statements", "holds more than " + MAX_STATEMENTS);
    }
    for (StatementStats statement : report.statements()) {
      check(statement);
    }
    Instant bucket = bucket(instant(report.windowStart(), "window_start"));
    instant(report.windowEnd(), "window_end");
    store.inTransaction(
        c -> {
          rows.add(c, bucket, report.statements());
          return null;
        });
  }

  /**
   * The top statements of a logical database the caller owns over the last {@code since}.
   *
   * @param by {@code total} (default), {@code calls}, {@code mean} or {@code errors}
   * @param since like {@code 1h}, {@code 30m}, {@code 7d}; default {@code 1h}
   * @throws AdminException when the database is not the caller's or a parameter is invalid
   */
  public List<StatementSummary> top(
      Caller caller, String logicalName, String by, String since, int limit) {
    Order order = order(by);
    Instant from = bucket(QueryLogService.since(since, "1h"));
    if (limit < 1 || limit > MAX_TOP) {
      throw AdminException.invalid("limit", "must be from 1 to " + MAX_TOP);
    }
    tenants.get(caller, logicalName);
    Instant to = Instant.now().plus(BUCKET);
    return store.inTransaction(c -> rows.top(c, logicalName, from, to, order, limit));
  }

  /** Per hour since {@code from}: calls, mean and longest duration, errors. */
  List<HourlyQueries> hourly(String logicalName, Instant from) {
    return store.inTransaction(c -> rows.hourly(c, logicalName, bucket(from)));
  }

  /** Deletes the buckets older than {@code cutoff}; returns how many statement rows. */
  int prune(Instant cutoff) {
    return store.inTransaction(c -> rows.deleteBefore(c, cutoff));
  }

  private static void check(StatementStats statement) {
    if (statement.calls() < 0
        || statement.rows() < 0
        || statement.totalMs() < 0
        || statement.maxMs() < 0
        || statement.errors().values().stream().anyMatch(count -> count == null || count < 0)) {
      throw AdminException.invalid("statements", "counts and times must not be negative");
    }
    if (statement.query().length() > MAX_QUERY_LENGTH) {
      throw AdminException.invalid("query", "is longer than " + MAX_QUERY_LENGTH + " characters");
    }
  }

  private static Order order(String by) {
    if (by == null) {
      return Order.TOTAL;
    }
    try {
      return Order.valueOf(by.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw AdminException.invalid("by", "must be total, calls, mean or errors, got '" + by + "'");
    }
  }

  private static Instant instant(String text, String field) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw AdminException.invalid(field, "must be an ISO-8601 instant, got '" + text + "'");
    }
  }

  /** The start of the bucket {@code instant} falls in. */
  static Instant bucket(Instant instant) {
    long width = BUCKET.toSeconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), width) * width);
  }
}
