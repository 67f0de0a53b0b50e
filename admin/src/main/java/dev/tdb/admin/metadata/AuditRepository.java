/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** The audit log of admin actions; written in the transaction of the action it records. */
public final class AuditRepository {

  /** Records an action; {@code accountId} is null for in-process actions (InProcessAdmin). */
  public void record(
      Connection c, Long accountId, String action, String target, Map<String, Object> details)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO audit_log (account_id, action, target, details) VALUES (?, ?, ?, ?::jsonb)",
        accountId,
        action,
        target,
        Jdbc.toJson(details));
  }

  /**
   * One page of the log, newest first: every account's actions when {@code accountId} is null, else
   * that account's.
   */
  public Page<AuditEvent> list(Connection c, Long accountId, long beforeId, int limit)
      throws SQLException {
    return Page.of(
        Jdbc.list(
            c,
            AuditRepository::map,
            "SELECT l.id, a.user_name, l.action, l.target, l.details::text AS details, l.at"
                + " FROM audit_log l LEFT JOIN accounts a ON a.id = l.account_id"
                + " WHERE (?::bigint IS NULL OR l.account_id = ?) AND l.id < ?"
                + " ORDER BY l.id DESC LIMIT ?",
            accountId,
            accountId,
            beforeId,
            limit + 1),
        limit,
        AuditEvent::id);
  }

  private static AuditEvent map(ResultSet rs) throws SQLException {
    return new AuditEvent(
        Long.toString(rs.getLong("id")),
        rs.getString("user_name"),
        rs.getString("action"),
        rs.getString("target"),
        Jdbc.fromJson(rs.getString("details")),
        Jdbc.instant(rs, "at"));
  }
}
