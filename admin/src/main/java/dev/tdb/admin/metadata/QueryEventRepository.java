/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The query log's rows: inserted in batches, read per logical database, pruned by age. */
public final class QueryEventRepository {
  /** Which statements a log read returns. */
  public enum Filter {
    /** Every statement. */
    ALL,
    /** Statements that ended with a SQLSTATE. */
    ERROR,
    /** Statements that took at least the slow threshold. */
    SLOW
  }

  /** Inserts {@code events} in one batch. */
  public void insert(Connection c, List<LoggedQuery> events) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO query_events (at, account_user, logical_name, tenant, kind, duration_ms,"
                + " rows, sqlstate, client, sql) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (LoggedQuery event : events) {
        insert.setObject(1, utc(Instant.parse(event.time())));
        insert.setString(2, event.account());
        insert.setString(3, event.database());
        insert.setString(4, event.tenant());
        insert.setString(5, event.kind());
        insert.setDouble(6, event.durationMs());
        if (event.rows() == null) {
          insert.setNull(7, Types.BIGINT);
        } else {
          insert.setLong(7, event.rows());
        }
        insert.setString(8, event.sqlstate());
        insert.setString(9, event.client());
        insert.setString(10, event.sql());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The newest {@code limit} statements of {@code logicalName} since {@code since}, newest first;
   * {@code slowMs} is the threshold of {@link Filter#SLOW}.
   */
  public List<LoggedQuery> list(
      Connection c, String logicalName, Instant since, Filter filter, double slowMs, int limit)
      throws SQLException {
    return Jdbc.list(
        c,
        QueryEventRepository::map,
        "SELECT at, account_user, logical_name, tenant, kind, duration_ms, rows, sqlstate, client,"
            + " sql FROM query_events WHERE logical_name = ? AND at >= ?"
            + " AND (? <> 'ERROR' OR sqlstate IS NOT NULL)"
            + " AND (? <> 'SLOW' OR duration_ms >= ?)"
            + " ORDER BY at DESC, id DESC LIMIT ?",
        logicalName,
        utc(since),
        filter.name(),
        filter.name(),
        slowMs,
        limit);
  }

  /** Deletes the statements that started before {@code cutoff}; returns how many. */
  public int deleteBefore(Connection c, Instant cutoff) throws SQLException {
    return Jdbc.update(c, "DELETE FROM query_events WHERE at < ?", utc(cutoff));
  }

  private static LoggedQuery map(ResultSet rs) throws SQLException {
    long count = rs.getLong("rows");
    Long rows = rs.wasNull() ? null : count;
    return new LoggedQuery(
        rs.getObject("at", OffsetDateTime.class).toInstant().toString(),
        rs.getString("account_user"),
        rs.getString("logical_name"),
        rs.getString("tenant"),
        rs.getString("kind"),
        rs.getDouble("duration_ms"),
        rows,
        rs.getString("sqlstate"),
        rs.getString("client"),
        rs.getString("sql"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
