/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.querylog;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.HourlyQueries;
import dev.tdb.admin.metadata.LoggedQuery;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.QueryEventRepository;
import dev.tdb.admin.metadata.QueryEventRepository.Filter;
import dev.tdb.admin.tenants.TenantService;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query log the proxy sends: stored per statement, read by the owner of the logical database as
 * recent statements or hourly figures, and pruned of events older than the retention.
 */
public final class QueryLogService implements AutoCloseable {
  /** How long events are kept unless configured otherwise. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** Statements slower than this are {@code slow} unless the request says otherwise. */
  public static final double DEFAULT_SLOW_MS = 1000;

  /** The most events one request may send or read. */
  public static final int MAX_EVENTS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(QueryLogService.class);
  private static final Pattern SINCE = Pattern.compile("([1-9][0-9]{0,5})([smhd])");

  private final MetadataStore store;
  private final TenantService tenants;
  private final Duration retention;
  private final QueryEventRepository events = new QueryEventRepository();
  private final StatementStatsService statements;
  private final ScheduledExecutorService pruner =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "tdb-query-log-retention");
            thread.setDaemon(true);
            return thread;
          });

  /** A query log in {@code store} keeping events for {@code retention}. */
  public QueryLogService(MetadataStore store, TenantService tenants, Duration retention) {
    this.store = store;
    this.tenants = tenants;
    this.retention = retention;
    this.statements = new StatementStatsService(store, tenants);
  }

  /** The statement statistics, kept as long as the query log. */
  public StatementStatsService statements() {
    return statements;
  }

  /** Deletes expired events now and then every hour, until {@link #close}. */
  public void startRetention() {
    pruner.scheduleWithFixedDelay(this::prune, 0, 1, TimeUnit.HOURS);
  }

  /** Deletes the events and statistics older than the retention; returns how many events. */
  public int prune() {
    try {
      Instant cutoff = Instant.now().minus(retention);
      int deleted = store.inTransaction(c -> events.deleteBefore(c, cutoff));
      int buckets = statements.prune(cutoff);
      LOG.debug(
          "query log: {} events and {} statement rows past the retention of {} deleted",
          deleted,
          buckets,
          retention);
      return deleted;
    } catch (RuntimeException e) {
      LOG.warn("query log: deleting expired events failed: {}", e.getMessage());
      return 0;
    }
  }

  /**
   * Stores events sent by a proxy.
   *
   * @throws AdminException when the caller is not an admin or an event misses a field
   */
  public void record(Caller caller, List<LoggedQuery> batch) {
    caller.requireAdmin("send query-log events");
    if (batch.size() > MAX_EVENTS) {
      throw AdminException.invalid("body", "holds more than " + MAX_EVENTS + " events");
    }
    for (LoggedQuery event : batch) {
      check(event);
    }
    store.inTransaction(
        c -> {
          events.insert(c, batch);
          return null;
        });
  }

  /**
   * The newest statements of a logical database the caller owns.
   *
   * @param since how far back, like {@code 1h}, {@code 30m}, {@code 7d}
   * @param type null for every statement, {@code error} or {@code slow}
   * @param slowMs the threshold of {@code slow}, or null for {@link #DEFAULT_SLOW_MS}
   * @throws AdminException when the database is not the caller's or a parameter is invalid
   */
  public List<LoggedQuery> logs(
      Caller caller, String logicalName, String since, String type, Double slowMs, int limit) {
    Filter filter = filter(type);
    Instant from = since(since, "1h");
    if (limit < 1 || limit > MAX_EVENTS) {
      throw AdminException.invalid("limit", "must be from 1 to " + MAX_EVENTS);
    }
    tenants.get(caller, logicalName);
    double threshold = slowMs == null ? DEFAULT_SLOW_MS : slowMs;
    return store.inTransaction(c -> events.list(c, logicalName, from, filter, threshold, limit));
  }

  /**
   * Per hour: statements, average and longest duration, errors of a logical database the caller
   * owns, from the statement statistics (which count every statement, logged or not).
   *
   * @throws AdminException when the database is not the caller's or {@code since} is invalid
   */
  public List<HourlyQueries> metrics(Caller caller, String logicalName, String since) {
    Instant from = since(since, "24h");
    tenants.get(caller, logicalName);
    return statements.hourly(logicalName, from);
  }

  private static void check(LoggedQuery event) {
    if (event.time() == null
        || event.database() == null
        || event.kind() == null
        || event.sql() == null) {
      throw AdminException.invalid("body", "every event needs time, database, kind and sql");
    }
    try {
      Instant.parse(event.time());
    } catch (DateTimeParseException e) {
      throw AdminException.invalid(
          "time", "must be an ISO-8601 instant, got '" + event.time() + "'");
    }
  }

  private static Filter filter(String type) {
    if (type == null) {
      return Filter.ALL;
    }
    return switch (type) {
      case "error" -> Filter.ERROR;
      case "slow" -> Filter.SLOW;
      default -> throw AdminException.invalid("type", "must be error or slow, got '" + type + "'");
    };
  }

  /** The instant {@code since} (like {@code 1h}) before now. */
  static Instant since(String since, String fallback) {
    String text = since == null ? fallback : since.toLowerCase(Locale.ROOT);
    Matcher m = SINCE.matcher(text);
    if (!m.matches()) {
      throw AdminException.invalid(
          "since", "must be a number and s, m, h or d (like 1h or 7d), got '" + since + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration back =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
    return Instant.now().minus(back);
  }

  /** Stops the hourly retention. */
  @Override
  public void close() {
    pruner.shutdownNow();
  }
}
