/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.core.stats.NormalizedStatement;
import dev.tdb.core.stats.StatementStatsReport.StatementStats;
import dev.tdb.core.stats.StatementSummary;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The statement statistics' rows: added to per database, fingerprint and time bucket (one row each,
 * merged on insert), summed per statement or per hour on read, pruned by age.
 */
public final class StatementStatsRepository {
  /** What a read of top statements sorts by, largest first. */
  public enum Order {
    /** The sum of the durations. */
    TOTAL("sum(total_ms)"),
    /** The number of calls. */
    CALLS("sum(calls)"),
    /** The mean duration. */
    MEAN("sum(total_ms) / greatest(sum(calls), 1)"),
    /** The number of errors. */
    ERRORS("sum(errors)");

    private final String expression;

    Order(String expression) {
      this.expression = expression;
    }
  }

  private static final String UPSERT =
      "INSERT INTO statement_stats AS s (logical_name, fingerprint, bucket, query, calls, rows,"
          + " total_ms, max_ms, errors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (logical_name, bucket, fingerprint) DO UPDATE SET"
          + " calls = s.calls + EXCLUDED.calls, rows = s.rows + EXCLUDED.rows,"
          + " total_ms = s.total_ms + EXCLUDED.total_ms,"
          + " max_ms = greatest(s.max_ms, EXCLUDED.max_ms), errors = s.errors + EXCLUDED.errors";

  private static final String UPSERT_ERRORS =
      "INSERT INTO statement_errors AS e (logical_name, fingerprint, bucket, sqlstate, errors)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (logical_name, bucket, fingerprint, sqlstate)"
          + " DO UPDATE SET errors = e.errors + EXCLUDED.errors";

  /**
   * Adds {@code statements} to the bucket starting at {@code bucket}, in the order of their keys so
   * that two proxies adding at once never wait for each other in a cycle.
   */
  public void add(Connection c, Instant bucket, List<StatementStats> statements)
      throws SQLException {
    List<StatementStats> sorted = new ArrayList<>(statements);
    sorted.sort(
        Comparator.comparing(StatementStats::database)
            .thenComparingLong(StatementStats::fingerprint));
    OffsetDateTime at = utc(bucket);
    try (PreparedStatement upsert = c.prepareStatement(UPSERT);
        PreparedStatement errors = c.prepareStatement(UPSERT_ERRORS)) {
      for (StatementStats s : sorted) {
        upsert.setString(1, s.database());
        upsert.setLong(2, s.fingerprint());
        upsert.setObject(3, at);
        upsert.setString(4, s.query());
        upsert.setLong(5, s.calls());
        upsert.setLong(6, s.rows());
        upsert.setDouble(7, s.totalMs());
        upsert.setDouble(8, s.maxMs());
        upsert.setLong(9, s.errors().values().stream().mapToLong(Long::longValue).sum());
        upsert.addBatch();
        for (Map.Entry<String, Long> error : new TreeMap<>(s.errors()).entrySet()) {
          errors.setString(1, s.database());
          errors.setLong(2, s.fingerprint());
          errors.setObject(3, at);
          errors.setString(4, error.getKey());
          errors.setLong(5, error.getValue());
          errors.addBatch();
        }
      }
      upsert.executeBatch();
      errors.executeBatch();
    }
  }

  /**
   * The {@code limit} statements of {@code logicalName} in the buckets of {@code [from, to)} with
   * most {@code order}.
   */
  public List<StatementSummary> top(
      Connection c, String logicalName, Instant from, Instant to, Order order, int limit)
      throws SQLException {
    List<StatementSummary> sums =
        Jdbc.list(
            c,
            StatementStatsRepository::summary,
            "SELECT fingerprint, min(query) AS query, sum(calls) AS calls, sum(rows) AS rows,"
                + " sum(total_ms) AS total_ms, max(max_ms) AS max_ms, sum(errors) AS errors"
                + " FROM statement_stats WHERE logical_name = ? AND bucket >= ? AND bucket < ?"
                + " GROUP BY fingerprint ORDER BY "
                + order.expression
                + " DESC, fingerprint LIMIT ?",
            logicalName,
            utc(from),
            utc(to),
            limit);
    List<Long> fingerprints =
        sums.stream().map(sum -> Long.parseUnsignedLong(sum.fingerprint(), 16)).toList();
    Map<Long, Map<String, Long>> errors = errors(c, logicalName, from, to, fingerprints);
    List<StatementSummary> top = new ArrayList<>(sums.size());
    for (int i = 0; i < sums.size(); i++) {
      StatementSummary sum = sums.get(i);
      top.add(
          new StatementSummary(
              sum.fingerprint(),
              sum.query(),
              sum.calls(),
              sum.rows(),
              sum.totalMs(),
              sum.meanMs(),
              sum.maxMs(),
              sum.errors(),
              errors.getOrDefault(fingerprints.get(i), Map.of())));
    }
    return top;
  }

  private static StatementSummary summary(ResultSet rs) throws SQLException {
    long calls = rs.getLong("calls");
    double total = rs.getDouble("total_ms");
    return new StatementSummary(
        NormalizedStatement.hex(rs.getLong("fingerprint")),
        rs.getString("query"),
        calls,
        rs.getLong("rows"),
        total,
        calls == 0 ? 0 : total / calls,
        rs.getDouble("max_ms"),
        rs.getLong("errors"),
        Map.of());
  }

  private static Map<Long, Map<String, Long>> errors(
      Connection c, String logicalName, Instant from, Instant to, List<Long> fingerprints)
      throws SQLException {
    Map<Long, Map<String, Long>> errors = new HashMap<>();
    if (fingerprints.isEmpty()) {
      return errors;
    }
    Array array = c.createArrayOf("bigint", fingerprints.toArray());
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT fingerprint, sqlstate, sum(errors) AS errors FROM statement_errors"
                + " WHERE logical_name = ? AND bucket >= ? AND bucket < ?"
                + " AND fingerprint = ANY (?) GROUP BY 1, 2")) {
      select.setString(1, logicalName);
      select.setObject(2, utc(from));
      select.setObject(3, utc(to));
      select.setArray(4, array);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          errors
              .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
              .put(rs.getString(2), rs.getLong(3));
        }
      }
    } finally {
      array.free();
    }
    return errors;
  }

  /** Per hour since {@code since}: calls, average and longest duration, errors; oldest first. */
  public List<HourlyQueries> hourly(Connection c, String logicalName, Instant since)
      throws SQLException {
    return Jdbc.list(
        c,
        rs ->
            new HourlyQueries(
                rs.getObject("hour", OffsetDateTime.class).toInstant().toString(),
                rs.getLong("queries"),
                rs.getDouble("avg_ms"),
                rs.getDouble("max_ms"),
                rs.getLong("errors")),
        "SELECT date_trunc('hour', bucket, 'UTC') AS hour, sum(calls) AS queries,"
            + " sum(total_ms) / greatest(sum(calls), 1) AS avg_ms, max(max_ms) AS max_ms,"
            + " sum(errors) AS errors FROM statement_stats WHERE logical_name = ? AND bucket >= ?"
            + " GROUP BY 1 ORDER BY 1",
        logicalName,
        utc(since));
  }

  /** Deletes the buckets that started before {@code cutoff}; returns how many statement rows. */
  public int deleteBefore(Connection c, Instant cutoff) throws SQLException {
    Jdbc.update(c, "DELETE FROM statement_errors WHERE bucket < ?", utc(cutoff));
    return Jdbc.update(c, "DELETE FROM statement_stats WHERE bucket < ?", utc(cutoff));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
