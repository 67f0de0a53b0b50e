/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Blueprints and their versions (the changes captured in their workspaces). */
public final class BlueprintRepository {
  private static final String SELECT =
      "SELECT b.id, b.name, w.name AS workspace, w.owner_id, b.imported_through,"
          + " b.deployed_version,"
          + " (SELECT coalesce(max(version), 0) FROM blueprint_changes v"
          + " WHERE v.blueprint_id = b.id) AS latest_version,"
          + " (SELECT count(*) FROM tenants t WHERE t.blueprint_id = b.id) AS tenant_count"
          + " FROM blueprints b JOIN workspaces w ON w.id = b.workspace_id";
  private static final String CHANGES =
      "SELECT version, sql, command_tag, object_identity, role_name, captured_at,"
          + " non_transactional, skipped FROM blueprint_changes WHERE blueprint_id = ?";

  /** The blueprint named {@code name}. */
  public Optional<BlueprintRow> find(Connection c, String name) throws SQLException {
    return Jdbc.one(c, BlueprintRepository::map, SELECT + " WHERE b.name = ?", name);
  }

  /** Every blueprint of an account, by name. */
  public List<BlueprintRow> allOwnedBy(Connection c, long ownerId) throws SQLException {
    return Jdbc.list(
        c, BlueprintRepository::map, SELECT + " WHERE w.owner_id = ? ORDER BY b.name", ownerId);
  }

  /** Every blueprint of every account. */
  public List<BlueprintRow> all(Connection c) throws SQLException {
    return Jdbc.list(c, BlueprintRepository::map, SELECT + " ORDER BY b.id");
  }

  /** Locks the blueprint's versions against concurrent imports and releases. */
  public void lock(Connection c, long id) throws SQLException {
    Jdbc.list(c, rs -> rs.getLong(1), "SELECT id FROM blueprints WHERE id = ? FOR UPDATE", id);
  }

  /** Locks the blueprint against releases (not against other shared lockers). */
  public void lockShared(Connection c, long id) throws SQLException {
    Jdbc.list(c, rs -> rs.getLong(1), "SELECT id FROM blueprints WHERE id = ? FOR SHARE", id);
  }

  /** Stores a new version and moves the import mark to its catalog row. */
  public void addVersion(Connection c, long blueprintId, int version, long sourceId, ChangeRow row)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO blueprint_changes (blueprint_id, version, source_id, sql, command_tag,"
            + " object_identity, role_name, captured_at, non_transactional)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?)",
        blueprintId,
        version,
        sourceId,
        row.sql(),
        row.commandTag(),
        row.objectIdentity(),
        row.role(),
        row.capturedAt(),
        row.nonTransactional());
  }

  /** Records that catalog rows up to {@code sourceId} are imported. */
  public void markImported(Connection c, long blueprintId, long sourceId) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE blueprints SET imported_through = greatest(imported_through, ?) WHERE id = ?",
        sourceId,
        blueprintId);
  }

  /** Raises the released version (never lowers it). */
  public void release(Connection c, long blueprintId, int version) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE blueprints SET deployed_version = greatest(deployed_version, ?) WHERE id = ?",
        version,
        blueprintId);
  }

  /** The versions in {@code (after, upTo]}, in order. */
  public List<ChangeRow> changes(Connection c, long blueprintId, int after, int upTo)
      throws SQLException {
    return Jdbc.list(
        c,
        BlueprintRepository::mapChange,
        CHANGES + " AND version > ? AND version <= ? ORDER BY version",
        blueprintId,
        after,
        upTo);
  }

  /** Marks a version as dropped from the deploy queue; false when it does not exist. */
  public boolean skip(Connection c, long blueprintId, int version) throws SQLException {
    return Jdbc.update(
            c,
            "UPDATE blueprint_changes SET skipped = true WHERE blueprint_id = ? AND version = ?",
            blueprintId,
            version)
        == 1;
  }

  /** How many tenants of the blueprint are at {@code version} or later. */
  public long tenantsAtLeast(Connection c, long blueprintId, int version) throws SQLException {
    return Jdbc.queryLong(
        c,
        "SELECT count(*) FROM tenants WHERE blueprint_id = ? AND schema_version >= ?",
        blueprintId,
        version);
  }

  private static BlueprintRow map(ResultSet rs) throws SQLException {
    return new BlueprintRow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("workspace"),
        rs.getLong("owner_id"),
        rs.getLong("imported_through"),
        rs.getInt("latest_version"),
        rs.getInt("deployed_version"),
        rs.getLong("tenant_count"));
  }

  private static ChangeRow mapChange(ResultSet rs) throws SQLException {
    return new ChangeRow(
        rs.getInt("version"),
        rs.getString("sql"),
        rs.getString("command_tag"),
        rs.getString("object_identity"),
        rs.getString("role_name"),
        Jdbc.instant(rs, "captured_at"),
        rs.getBoolean("non_transactional"),
        rs.getBoolean("skipped"));
  }
}
