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

/** The template databases of blueprints, one row per blueprint and cluster. */
public final class TemplateRepository {
  private static final String SELECT =
      "SELECT t.cluster_id, c.name AS cluster, t.version, t.deployment_id, t.error, t.sqlstate,"
          + " t.updated_at FROM blueprint_templates t JOIN clusters c ON c.id = t.cluster_id";

  /** The template of a blueprint on a cluster, when one was ever made. */
  public Optional<TemplateRow> find(Connection c, long blueprintId, long clusterId)
      throws SQLException {
    return Jdbc.one(
        c,
        TemplateRepository::map,
        SELECT + " WHERE t.blueprint_id = ? AND t.cluster_id = ?",
        blueprintId,
        clusterId);
  }

  /** The templates of a blueprint, by cluster name. */
  public List<TemplateRow> ofBlueprint(Connection c, long blueprintId) throws SQLException {
    return Jdbc.list(
        c,
        TemplateRepository::map,
        SELECT + " WHERE t.blueprint_id = ? ORDER BY c.name",
        blueprintId);
  }

  /**
   * Records the version a template reached and, when {@code error} is not null, why it stopped
   * there.
   */
  public void record(
      Connection c,
      long blueprintId,
      long clusterId,
      int version,
      Long deploymentId,
      String error,
      String sqlState)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO blueprint_templates (blueprint_id, cluster_id, version, deployment_id, error,"
            + " sqlstate) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (blueprint_id, cluster_id) DO UPDATE"
            + " SET version = excluded.version, deployment_id = excluded.deployment_id,"
            + " error = excluded.error, sqlstate = excluded.sqlstate, updated_at = now()",
        blueprintId,
        clusterId,
        version,
        deploymentId,
        error,
        sqlState);
  }

  /** Forgets a template that was dropped. */
  public void forget(Connection c, long blueprintId, long clusterId) throws SQLException {
    Jdbc.update(
        c,
        "DELETE FROM blueprint_templates WHERE blueprint_id = ? AND cluster_id = ?",
        blueprintId,
        clusterId);
  }

  private static TemplateRow map(ResultSet rs) throws SQLException {
    return new TemplateRow(
        rs.getLong("cluster_id"),
        rs.getString("cluster"),
        rs.getInt("version"),
        rs.getObject("deployment_id", Long.class),
        rs.getString("error"),
        rs.getString("sqlstate"),
        Jdbc.instant(rs, "updated_at"));
  }
}
