/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.admin.metadata.DeploymentRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.core.sql.ClassifiedStatement;
import dev.tdb.core.sql.SqlClassifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings a new tenant database to its blueprint's released version before anyone uses it: a copy of
 * the blueprint's template when the template is at that version, otherwise the changes are replayed
 * and the template is repaired for the tenants after it.
 */
public final class NewTenants {
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final DeploymentRepository deployments = new DeploymentRepository();
  private final Templates templates = new Templates();
  // The (blueprint id, cluster id) pairs whose template a creation of this service is repairing.
  private final Set<List<Long>> repairing = ConcurrentHashMap.newKeySet();

  /**
   * The template database to copy a new tenant of {@code blueprint} on {@code clusterId} from, when
   * it is at the released version; holds releases off until {@code c}'s transaction ends.
   */
  public Optional<String> template(Connection c, long blueprintId, String blueprint, long clusterId)
      throws SQLException {
    blueprints.lockShared(c, blueprintId);
    int released = blueprints.find(c, blueprint).orElseThrow().deployedVersion();
    return templates.copySource(c, blueprintId, blueprint, clusterId, released);
  }

  /**
   * Refuses to place a new tenant of {@code blueprint} on a cluster whose server does not have
   * every extension the blueprint's released versions create, before anything is made there:
   * PostgreSQL would otherwise refuse the version that creates it halfway through the tenant's
   * start.
   *
   * @throws AdminException conflict {@code extensions_unavailable} naming what is missing
   */
  public void checkExtensions(
      Connection c, ClusterAdmin admin, String cluster, long blueprintId, String blueprint)
      throws SQLException {
    int released = blueprints.find(c, blueprint).orElseThrow().deployedVersion();
    Set<String> missing = new TreeSet<>();
    for (ChangeRow change : blueprints.changes(c, blueprintId, 0, released)) {
      if (!change.skipped()) {
        for (ClassifiedStatement statement :
            SqlClassifier.classifyUncached(change.sql()).statements()) {
          if (statement.commandTag().equals("CREATE EXTENSION")) {
            missing.addAll(statement.extensions());
          }
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try (Connection server = admin.borrow();
        PreparedStatement statement =
            server.prepareStatement(
                "SELECT name FROM pg_available_extensions WHERE name = ANY (?)")) {
      statement.setArray(1, server.createArrayOf("text", missing.toArray()));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          missing.remove(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw admin.translate(e);
    }
    if (!missing.isEmpty()) {
      throw new AdminException(
          AdminError.EXTENSIONS_UNAVAILABLE,
          "cluster "
              + cluster
              + " does not have the extensions blueprint "
              + blueprint
              + " creates: "
              + String.join(", ", missing),
          "install them on that server (they come with PostgreSQL's contrib package, such as"
              + " postgresql-contrib on Debian), or place the tenant on another cluster with"
              + " --cluster");
    }
  }

  /**
   * Makes or upgrades the template of {@code tenant}'s blueprint on its cluster to the released
   * version, after a tenant had to be made without it; a failure is recorded, not thrown.
   */
  public void repairTemplate(MetadataStore store, ClusterPools pools, TenantRow tenant) {
    // Tenants created at once all miss the template; one of them brings it up. Each repair holds
    // sessions on the template, and PostgreSQL makes a copy wait up to 5 s for those to end, so
    // the others' repairs would stall the copies they make possible.
    List<Long> key = List.of(tenant.blueprintId(), tenant.clusterId());
    if (!repairing.add(key)) {
      return;
    }
    try {
      repair(store, pools, tenant);
    } finally {
      repairing.remove(key);
    }
  }

  private void repair(MetadataStore store, ClusterPools pools, TenantRow tenant) {
    BlueprintRow blueprint =
        store.inTransaction(c -> blueprints.find(c, tenant.blueprint()).orElseThrow());
    int target = blueprint.deployedVersion();
    List<ChangeRow> changes =
        store.inTransaction(c -> blueprints.changes(c, blueprint.id(), 0, target));
    templates.bringUp(
        store,
        pools,
        new Templates.Target(blueprint.id(), blueprint.name(), tenant.clusterId(), target),
        changes,
        null);
  }

  /**
   * Applies the released versions to a just-created tenant and records its version, inside the
   * metadata transaction {@code c} that creates it.
   *
   * @throws AdminException refused when a change fails on the new database, unavailable
   */
  public void startAtRelease(Connection c, ClusterAdmin admin, TenantRow tenant)
      throws SQLException {
    // A deployment created meanwhile would not see this tenant, so hold releases off.
    blueprints.lockShared(c, tenant.blueprintId());
    BlueprintRow blueprint = blueprints.find(c, tenant.blueprint()).orElseThrow();
    int target = blueprint.deployedVersion();
    try {
      TenantUpgrader.Outcome outcome =
          DeploymentRunner.upgrade(
              admin, tenant, blueprints.changes(c, blueprint.id(), 0, target), target);
      deployments.recordTenantVersion(c, tenant.id(), outcome.toVersion());
    } catch (UpgradeException e) {
      throw new AdminException(
          AdminError.UPGRADE_FAILED,
          "tenant " + tenant.logicalName() + ": " + e.getMessage(),
          "fix the change in " + tenant.workspace() + ", or skip it",
          e);
    } catch (SQLException e) {
      throw admin.translate(e);
    }
  }
}
