/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.metadata.RunStatus;
import dev.tdb.admin.metadata.TenantRunStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code imports} and {@code import_tenants} tables of the metadata database. */
final class ImportRepository {
  /** Inserts a running import and returns its number. */
  long insert(
      Connection c, long ownerId, String workspace, String kind, String source, String field)
      throws SQLException {
    try (PreparedStatement statement =
        c.prepareStatement(
            "INSERT INTO imports (owner_id, workspace, kind, source, routing_field, status, phase)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'checks') RETURNING id")) {
      statement.setLong(1, ownerId);
      statement.setString(2, workspace);
      statement.setString(3, kind);
      statement.setString(4, source);
      statement.setString(5, field);
      statement.setString(6, RunStatus.RUNNING.sql());
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * What import {@code id} was asked to do.
   *
   * @param options the request as {@link StoredRequest} wrote it, or null for an import from before
   *     options were kept
   * @param passwordSealed the source's password sealed, or null
   * @param sharedCopied whether its shared tables were copied into the control workspace
   */
  record Stored(String options, String passwordSealed, boolean sharedCopied) {}

  /** Keeps what import {@code id} was asked to do. */
  void options(Connection c, long id, String options, String passwordSealed) throws SQLException {
    try (PreparedStatement statement =
        c.prepareStatement(
            "UPDATE imports SET options = ?::jsonb, password_sealed = ? WHERE id = ?")) {
      statement.setString(1, options);
      statement.setString(2, passwordSealed);
      statement.setLong(3, id);
      statement.executeUpdate();
    }
  }

  /** What the caller's import {@code id} was asked to do. */
  Optional<Stored> stored(Connection c, long ownerId, long id) throws SQLException {
    try (PreparedStatement statement =
        c.prepareStatement(
            "SELECT options::text, password_sealed, shared_copied FROM imports"
                + " WHERE id = ? AND owner_id = ?")) {
      statement.setLong(1, id);
      statement.setLong(2, ownerId);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next()
            ? Optional.of(new Stored(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
            : Optional.empty();
      }
    }
  }

  void sharedCopied(Connection c, long id) throws SQLException {
    update(c, "UPDATE imports SET shared_copied = true WHERE id = ?", id);
  }

  void addTenant(Connection c, long id, String tenant, String value, long rows)
      throws SQLException {
    update(
        c,
        "INSERT INTO import_tenants (import_id, tenant, routing_value, status, rows_expected)"
            + " VALUES (?, ?, ?, ?, ?)",
        id,
        tenant,
        value,
        TenantRunStatus.PENDING.sql(),
        rows);
  }

  void phase(Connection c, long id, String phase) throws SQLException {
    update(c, "UPDATE imports SET phase = ? WHERE id = ?", phase, id);
  }

  void finish(Connection c, long id, String error) throws SQLException {
    update(
        c,
        "UPDATE imports SET status = ?, phase = 'done', error = ?, finished_at = now() WHERE id = ?",
        (error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED).sql(),
        error,
        id);
  }

  void tenantRunning(Connection c, long id, String tenant) throws SQLException {
    update(
        c,
        "UPDATE import_tenants SET status = ? WHERE import_id = ? AND tenant = ?",
        TenantRunStatus.RUNNING.sql(),
        id,
        tenant);
  }

  void tenantDone(Connection c, long id, String tenant, long rows, String error)
      throws SQLException {
    update(
        c,
        "UPDATE import_tenants SET status = ?, rows_copied = ?, error = ?, finished_at = now()"
            + " WHERE import_id = ? AND tenant = ?",
        (error == null ? TenantRunStatus.SUCCEEDED : TenantRunStatus.FAILED).sql(),
        rows,
        error,
        id,
        tenant);
  }

  /** The caller's import {@code id} with its tenants. */
  Optional<ImportStatus> find(Connection c, long ownerId, long id) throws SQLException {
    List<ImportStatus.TenantStatus> tenants = new ArrayList<>();
    try (PreparedStatement statement =
        c.prepareStatement(
            "SELECT tenant, routing_value, status, rows_expected, rows_copied, error"
                + " FROM import_tenants WHERE import_id = ? ORDER BY tenant")) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          tenants.add(
              new ImportStatus.TenantStatus(
                  rs.getString(1),
                  rs.getString(2),
                  TenantRunStatus.of(rs.getString(3)),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getString(6)));
        }
      }
    }
    try (PreparedStatement statement =
        c.prepareStatement(
            "SELECT id, workspace, kind, source, routing_field, status, phase, error"
                + " FROM imports WHERE id = ? AND owner_id = ?")) {
      statement.setLong(1, id);
      statement.setLong(2, ownerId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        int done = (int) tenants.stream().filter(t -> t.status().finished()).count();
        return Optional.of(
            new ImportStatus(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                RunStatus.of(rs.getString(6)),
                rs.getString(7),
                rs.getString(8),
                tenants.size(),
                done,
                tenants.stream().mapToLong(ImportStatus.TenantStatus::rowsExpected).sum(),
                tenants.stream().mapToLong(ImportStatus.TenantStatus::rowsCopied).sum(),
                tenants));
      }
    }
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.executeUpdate();
    }
  }
}
