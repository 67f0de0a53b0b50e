/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.DeploymentRepository;
import dev.tdb.admin.metadata.TenantRow;
import java.sql.Connection;
import java.sql.SQLException;

/** Brings a new tenant database to its blueprint's released version before anyone uses it. */
public final class NewTenants {
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final DeploymentRepository deployments = new DeploymentRepository();

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
          AdminException.Kind.REFUSED,
          "upgrade_failed",
          "tenant " + tenant.logicalName() + ": " + e.getMessage(),
          "fix the change in " + tenant.workspace() + ", or skip it",
          e);
    } catch (SQLException e) {
      throw admin.translate(e);
    }
  }
}
