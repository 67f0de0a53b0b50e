/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Tenants, with their blueprint, workspace and cluster. */
public final class TenantRepository {
  private static final String SELECT =
      "SELECT t.id, t.name, t.logical_name, t.blueprint_id, b.name AS blueprint,"
          + " w.name AS workspace, w.owner_id, t.cluster_id, c.name AS cluster, t.database_name,"
          + " t.runtime_role, t.password_sealed, t.status, t.deleted_at, t.epoch, t.created_at,"
          + " t.schema_version, b.deployed_version"
          + " FROM tenants t JOIN blueprints b ON b.id = t.blueprint_id"
          + " JOIN workspaces w ON w.id = b.workspace_id JOIN clusters c ON c.id = t.cluster_id";

  /** Stores a new active tenant (only the draft's stored columns are used) and returns its key. */
  public long insert(Connection c, TenantRow draft) throws SQLException {
    return Jdbc.queryLong(
        c,
        "INSERT INTO tenants (blueprint_id, name, logical_name, cluster_id, database_name,"
            + " runtime_role, password_sealed, status, epoch)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?) RETURNING id",
        draft.blueprintId(),
        draft.name(),
        draft.logicalName(),
        draft.clusterId(),
        draft.database(),
        draft.role(),
        draft.passwordSealed(),
        draft.epoch());
  }

  /** The tenant with logical name {@code logicalName}. */
  public Optional<TenantRow> find(Connection c, String logicalName) throws SQLException {
    return Jdbc.one(c, TenantRepository::map, SELECT + " WHERE t.logical_name = ?", logicalName);
  }

  /** The tenant, locked against other changes until the transaction ends. */
  public Optional<TenantRow> findForUpdate(Connection c, String logicalName) throws SQLException {
    return Jdbc.one(
        c,
        TenantRepository::map,
        SELECT + " WHERE t.logical_name = ? FOR UPDATE OF t",
        logicalName);
  }

  /** One page of an account's tenants, optionally of one blueprint, by logical name. */
  public Page<TenantRow> list(Connection c, long ownerId, String blueprint, PageRequest page)
      throws SQLException {
    return Page.of(
        Jdbc.list(
            c,
            TenantRepository::map,
            SELECT
                + " WHERE w.owner_id = ? AND (?::text IS NULL OR b.name = ?)"
                + " AND t.logical_name > ? ORDER BY t.logical_name LIMIT ?",
            ownerId,
            blueprint,
            blueprint,
            page.after() == null ? "" : page.after(),
            page.limit() + 1),
        page.limit(),
        TenantRow::logicalName);
  }

  /** Every tenant of an account. */
  public List<TenantRow> allOwnedBy(Connection c, long ownerId) throws SQLException {
    return Jdbc.list(
        c,
        TenantRepository::map,
        SELECT + " WHERE w.owner_id = ? ORDER BY t.logical_name",
        ownerId);
  }

  /**
   * Every tenant of a blueprint but those being dropped: settings changes, deployments and drift
   * checks work on what this returns, and a tenant whose hard delete has not finished may have no
   * database left to work on.
   */
  public List<TenantRow> ofBlueprint(Connection c, long blueprintId) throws SQLException {
    return Jdbc.list(
        c,
        TenantRepository::map,
        SELECT + " WHERE t.blueprint_id = ? AND t.dropping_since IS NULL ORDER BY t.logical_name",
        blueprintId);
  }

  /**
   * Records that a hard delete of the tenant started: it becomes deleted (refusing connections) and
   * stays so, left out of {@link #ofBlueprint}, until the delete finishes and removes the row.
   */
  public void markDropping(Connection c, long id, long epoch) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE tenants SET status = 'deleted', epoch = ?, deleted_at = coalesce(deleted_at, now()),"
            + " dropping_since = coalesce(dropping_since, now()) WHERE id = ?",
        epoch,
        id);
  }

  /** True when a hard delete of the tenant started and has not finished. */
  public boolean dropping(Connection c, long id) throws SQLException {
    return Jdbc.queryLong(
            c, "SELECT count(*) FROM tenants WHERE id = ? AND dropping_since IS NOT NULL", id)
        > 0;
  }

  /** How many tenants of a blueprint a cluster hosts. */
  public long countOnCluster(Connection c, long blueprintId, long clusterId) throws SQLException {
    return Jdbc.queryLong(
        c,
        "SELECT count(*) FROM tenants WHERE blueprint_id = ? AND cluster_id = ?",
        blueprintId,
        clusterId);
  }

  /** Stores a new status changed at {@code epoch}; {@code deleted_at} follows the status. */
  public void setStatus(Connection c, long id, RoutingEntry.Status status, long epoch)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE tenants SET status = ?, epoch = ?,"
            + " deleted_at = CASE WHEN ? = 'deleted' THEN coalesce(deleted_at, now()) END"
            + " WHERE id = ?",
        status.json(),
        epoch,
        status.json(),
        id);
  }

  /** Records that every tenant of a blueprint changed at {@code epoch} (their settings did). */
  public void touchBlueprint(Connection c, long blueprintId, long epoch) throws SQLException {
    Jdbc.update(c, "UPDATE tenants SET epoch = ? WHERE blueprint_id = ?", epoch, blueprintId);
  }

  /** Removes a tenant's row. */
  public void delete(Connection c, long id) throws SQLException {
    Jdbc.update(c, "DELETE FROM tenants WHERE id = ?", id);
  }

  private static TenantRow map(ResultSet rs) throws SQLException {
    return new TenantRow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("logical_name"),
        rs.getLong("blueprint_id"),
        rs.getString("blueprint"),
        rs.getString("workspace"),
        rs.getLong("owner_id"),
        rs.getLong("cluster_id"),
        rs.getString("cluster"),
        rs.getString("database_name"),
        rs.getString("runtime_role"),
        rs.getString("password_sealed"),
        RoutingEntry.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        Jdbc.instant(rs, "deleted_at"),
        rs.getLong("epoch"),
        Jdbc.instant(rs, "created_at"),
        rs.getInt("schema_version"),
        rs.getInt("deployed_version"));
  }
}
