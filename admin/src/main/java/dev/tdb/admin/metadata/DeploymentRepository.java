/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployments and the status of each of their tenants. */
public final class DeploymentRepository {
  private static final String SELECT =
      "SELECT d.id, d.blueprint_id, b.name AS blueprint, w.owner_id, d.target_version,"
          + " d.parallel, d.stop_on_failure, d.canary, d.status, d.created_at, d.finished_at,"
          + " (SELECT string_agg(s.status || '=' || s.n, ',') FROM (SELECT status, count(*) AS n"
          + " FROM deployment_tenants dt WHERE dt.deployment_id = d.id GROUP BY status) s)"
          + " AS counts"
          + " FROM deployments d JOIN blueprints b ON b.id = d.blueprint_id"
          + " JOIN workspaces w ON w.id = b.workspace_id";

  /** The settings of a new deployment. */
  public record Draft(
      long blueprintId,
      int targetVersion,
      int parallel,
      boolean stopOnFailure,
      Integer canary,
      long createdBy) {}

  /** Stores a running deployment and returns its number. */
  public long insert(Connection c, Draft draft) throws SQLException {
    return Jdbc.queryLong(
        c,
        "INSERT INTO deployments (blueprint_id, target_version, parallel, stop_on_failure, canary,"
            + " status, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        draft.blueprintId(),
        draft.targetVersion(),
        draft.parallel(),
        draft.stopOnFailure(),
        draft.canary(),
        RunStatus.RUNNING.sql(),
        draft.createdBy());
  }

  /** Adds a pending tenant to a deployment. */
  public void addTenant(Connection c, long deploymentId, long tenantId, String logicalName)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO deployment_tenants (deployment_id, tenant_id, logical_name, status)"
            + " VALUES (?, ?, ?, ?)",
        deploymentId,
        tenantId,
        logicalName,
        TenantRunStatus.PENDING.sql());
  }

  /** The deployment numbered {@code id}. */
  public Optional<DeploymentRow> find(Connection c, long id) throws SQLException {
    return Jdbc.one(c, DeploymentRepository::map, SELECT + " WHERE d.id = ?", id);
  }

  /** An account's deployments, optionally of one blueprint, newest first. */
  public List<DeploymentRow> list(Connection c, long ownerId, String blueprint, int limit)
      throws SQLException {
    return Jdbc.list(
        c,
        DeploymentRepository::map,
        SELECT
            + " WHERE w.owner_id = ? AND (?::text IS NULL OR b.name = ?)"
            + " ORDER BY d.id DESC LIMIT ?",
        ownerId,
        blueprint,
        blueprint,
        limit);
  }

  /** A deployment's tenants by logical name. */
  public List<DeploymentTenantRow> tenants(Connection c, long deploymentId) throws SQLException {
    return Jdbc.list(
        c,
        DeploymentRepository::mapTenant,
        "SELECT tenant_id, logical_name, status, from_version, to_version, error, sqlstate"
            + " FROM deployment_tenants WHERE deployment_id = ? ORDER BY logical_name",
        deploymentId);
  }

  /** Puts tenants left running by a stopped service back to pending. */
  public void requeueRunning(Connection c, long deploymentId) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE deployment_tenants SET status = ?, started_at = NULL"
            + " WHERE deployment_id = ? AND status = ?",
        TenantRunStatus.PENDING.sql(),
        deploymentId,
        TenantRunStatus.RUNNING.sql());
  }

  /** Marks a pending tenant running; false when another worker took it. */
  public boolean claim(Connection c, long deploymentId, long tenantId) throws SQLException {
    return Jdbc.update(
            c,
            "UPDATE deployment_tenants SET status = ?, started_at = now()"
                + " WHERE deployment_id = ? AND tenant_id = ? AND status = ?",
            TenantRunStatus.RUNNING.sql(),
            deploymentId,
            tenantId,
            TenantRunStatus.PENDING.sql())
        == 1;
  }

  /** Stores how a tenant's upgrade ended. */
  public void finishTenant(Connection c, long deploymentId, DeploymentTenantRow row)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE deployment_tenants SET status = ?, from_version = ?, to_version = ?, error = ?,"
            + " sqlstate = ?, finished_at = now() WHERE deployment_id = ? AND tenant_id = ?",
        row.status().sql(),
        row.fromVersion(),
        row.toVersion(),
        row.error(),
        row.sqlState(),
        deploymentId,
        row.tenantId());
  }

  /** Marks the tenants not started as skipped with {@code reason}. */
  public void skipPending(Connection c, long deploymentId, String reason) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE deployment_tenants SET status = ?, error = ?, finished_at = now()"
            + " WHERE deployment_id = ? AND status = ?",
        TenantRunStatus.SKIPPED.sql(),
        reason,
        deploymentId,
        TenantRunStatus.PENDING.sql());
  }

  /** Ends a deployment: failed when any tenant failed, succeeded otherwise. */
  public void finish(Connection c, long deploymentId) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE deployments SET finished_at = now(), status = CASE WHEN EXISTS (SELECT 1 FROM"
            + " deployment_tenants WHERE deployment_id = ? AND status = ?) THEN ? ELSE ? END"
            + " WHERE id = ? AND status = ?",
        deploymentId,
        TenantRunStatus.FAILED.sql(),
        RunStatus.FAILED.sql(),
        RunStatus.SUCCEEDED.sql(),
        deploymentId,
        RunStatus.RUNNING.sql());
  }

  /** Records the schema version a tenant reached (never lowers it). */
  public void recordTenantVersion(Connection c, long tenantId, int version) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE tenants SET schema_version = greatest(schema_version, ?) WHERE id = ?",
        version,
        tenantId);
  }

  private static DeploymentRow map(ResultSet rs) throws SQLException {
    Map<TenantRunStatus, Long> counts = new EnumMap<>(TenantRunStatus.class);
    for (TenantRunStatus status : TenantRunStatus.values()) {
      counts.put(status, 0L);
    }
    String text = rs.getString("counts");
    if (text != null) {
      for (String pair : text.split(",")) {
        String[] parts = pair.split("=");
        counts.put(TenantRunStatus.of(parts[0]), Long.parseLong(parts[1]));
      }
    }
    return new DeploymentRow(
        rs.getLong("id"),
        rs.getLong("blueprint_id"),
        rs.getString("blueprint"),
        rs.getLong("owner_id"),
        rs.getInt("target_version"),
        rs.getInt("parallel"),
        rs.getBoolean("stop_on_failure"),
        RunStatus.of(rs.getString("status")),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "finished_at"),
        counts,
        rs.getObject("canary", Integer.class));
  }

  private static DeploymentTenantRow mapTenant(ResultSet rs) throws SQLException {
    return new DeploymentTenantRow(
        rs.getLong("tenant_id"),
        rs.getString("logical_name"),
        TenantRunStatus.of(rs.getString("status")),
        rs.getObject("from_version", Integer.class),
        rs.getObject("to_version", Integer.class),
        rs.getString("error"),
        rs.getString("sqlstate"));
  }
}
