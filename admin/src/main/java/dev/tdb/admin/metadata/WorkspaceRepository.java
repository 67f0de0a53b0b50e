/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Workspaces and the blueprints of tenant workspaces. */
public final class WorkspaceRepository {
  private static final String SELECT =
      "SELECT w.id, w.name, w.mode, w.owner_id, w.cluster_id, c.name AS cluster,"
          + " w.database_name, w.runtime_role, w.password_sealed, w.settings::text AS settings,"
          + " w.epoch, w.created_at, b.id AS blueprint_id, b.name AS blueprint"
          + " FROM workspaces w JOIN clusters c ON c.id = w.cluster_id"
          + " LEFT JOIN blueprints b ON b.workspace_id = w.id";

  /** Stores a new workspace (the key, cluster name and blueprint of {@code draft} are ignored). */
  public long insert(Connection c, WorkspaceRow draft) throws SQLException {
    return Jdbc.queryLong(
        c,
        "INSERT INTO workspaces (name, mode, owner_id, cluster_id, database_name, runtime_role,"
            + " password_sealed, settings, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
            + " RETURNING id",
        draft.name(),
        draft.mode().name().toLowerCase(Locale.ROOT),
        draft.ownerId(),
        draft.clusterId(),
        draft.database(),
        draft.role(),
        draft.passwordSealed(),
        Jdbc.toJson(draft.settings().toMap()),
        draft.epoch());
  }

  /** Stores the blueprint designed in a tenant workspace. */
  public void insertBlueprint(Connection c, String name, long workspaceId) throws SQLException {
    Jdbc.update(c, "INSERT INTO blueprints (name, workspace_id) VALUES (?, ?)", name, workspaceId);
  }

  /** The workspace named {@code name}. */
  public Optional<WorkspaceRow> find(Connection c, String name) throws SQLException {
    return Jdbc.one(c, WorkspaceRepository::map, SELECT + " WHERE w.name = ?", name);
  }

  /** The workspace where blueprint {@code blueprint} is designed. */
  public Optional<WorkspaceRow> findByBlueprint(Connection c, String blueprint)
      throws SQLException {
    return Jdbc.one(c, WorkspaceRepository::map, SELECT + " WHERE b.name = ?", blueprint);
  }

  /** One page of an account's workspaces, by name. */
  public Page<WorkspaceRow> list(Connection c, long ownerId, PageRequest page) throws SQLException {
    return Page.of(
        Jdbc.list(
            c,
            WorkspaceRepository::map,
            SELECT + " WHERE w.owner_id = ? AND w.name > ? ORDER BY w.name LIMIT ?",
            ownerId,
            page.after() == null ? "" : page.after(),
            page.limit() + 1),
        page.limit(),
        WorkspaceRow::name);
  }

  /** Every workspace of an account. */
  public List<WorkspaceRow> allOwnedBy(Connection c, long ownerId) throws SQLException {
    return Jdbc.list(
        c, WorkspaceRepository::map, SELECT + " WHERE w.owner_id = ? ORDER BY w.name", ownerId);
  }

  /** Locks the workspace against settings changes and removal until the transaction ends. */
  public void lockShared(Connection c, long id) throws SQLException {
    Jdbc.list(c, rs -> rs.getLong(1), "SELECT id FROM workspaces WHERE id = ? FOR SHARE", id);
  }

  /** Locks the workspace against new tenants and other changes until the transaction ends. */
  public void lockExclusive(Connection c, long id) throws SQLException {
    Jdbc.list(c, rs -> rs.getLong(1), "SELECT id FROM workspaces WHERE id = ? FOR UPDATE", id);
  }

  /** Stores new settings changed at {@code epoch}. */
  public void updateSettings(Connection c, long id, WorkspaceSettings settings, long epoch)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE workspaces SET settings = ?::jsonb, epoch = ? WHERE id = ?",
        Jdbc.toJson(settings.toMap()),
        epoch,
        id);
  }

  /** True when tenants (in any state) of the workspace's blueprint exist. */
  public boolean hasTenants(Connection c, long id) throws SQLException {
    return Jdbc.queryLong(
            c,
            "SELECT count(*) FROM tenants t JOIN blueprints b ON b.id = t.blueprint_id"
                + " WHERE b.workspace_id = ?",
            id)
        > 0;
  }

  /** Removes a workspace and its blueprint. */
  public void delete(Connection c, long id) throws SQLException {
    Jdbc.update(c, "DELETE FROM blueprints WHERE workspace_id = ?", id);
    Jdbc.update(c, "DELETE FROM workspaces WHERE id = ?", id);
  }

  private static WorkspaceRow map(ResultSet rs) throws SQLException {
    return new WorkspaceRow(
        rs.getLong("id"),
        rs.getString("name"),
        ConnectionMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
        rs.getLong("owner_id"),
        rs.getLong("cluster_id"),
        rs.getString("cluster"),
        rs.getString("database_name"),
        rs.getString("runtime_role"),
        rs.getString("password_sealed"),
        WorkspaceSettings.fromMap(Jdbc.fromJson(rs.getString("settings"))),
        rs.getLong("epoch"),
        Jdbc.instant(rs, "created_at"),
        rs.getObject("blueprint_id", Long.class),
        rs.getString("blueprint"));
  }
}
