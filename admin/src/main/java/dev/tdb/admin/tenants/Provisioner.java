/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.Compensation;
import dev.tdb.admin.names.Names;
import dev.tdb.core.settings.WorkspaceSettings;
import java.util.Optional;

/**
 * The statements that make and remove the physical side of workspaces and tenants, in an order
 * where each created object registers its undo step the moment it exists.
 */
final class Provisioner {
  private Provisioner() {}

  /**
   * Creates a workspace's runtime role and the database it owns; for a tenant workspace also the
   * blueprint's owner role.
   */
  static void createWorkspace(
      ClusterAdmin admin,
      String name,
      String blueprint,
      String password,
      WorkspaceSettings settings,
      Compensation undo) {
    if (blueprint != null) {
      ensureOwnerRole(admin, Names.ownerRole(blueprint), undo);
    }
    String role = Names.runtimeRole(name);
    admin.createRuntimeRole(role, password, settings);
    undo.add("drop role " + role, () -> admin.dropRole(role));
    admin.createDatabase(name, role);
    undo.add("drop database " + name, () -> admin.dropDatabase(name));
    admin.closeToPublic(name);
    admin.applyLimits(role, name, settings);
  }

  /**
   * Creates a tenant's database (owned by the blueprint's owner role), as a copy of {@code
   * template} when there is one, and its runtime role with DML rights only.
   *
   * @return true when the database is a copy of the template
   */
  static boolean createTenant(
      ClusterAdmin admin,
      String logicalName,
      String blueprint,
      String password,
      WorkspaceSettings settings,
      Optional<String> template,
      Compensation undo) {
    String owner = Names.ownerRole(blueprint);
    ensureOwnerRole(admin, owner, undo);
    String role = Names.runtimeRole(logicalName);
    admin.createRuntimeRole(role, password, settings);
    undo.add("drop role " + role, () -> admin.dropRole(role));
    boolean copied =
        template.isPresent() && admin.createDatabaseFrom(logicalName, owner, template.get());
    if (!copied) {
      admin.createDatabase(logicalName, owner);
    }
    undo.add("drop database " + logicalName, () -> admin.dropDatabase(logicalName));
    // The database ACL is not part of the copy; the schema ACLs and default privileges are.
    admin.closeToPublic(logicalName);
    admin.grantTenantAccess(logicalName, owner, role, settings);
    admin.applyLimits(role, logicalName, settings);
    admin.applyGuards(logicalName, owner, role, settings);
    return copied;
  }

  /** Drops a database and then its runtime role; both steps may be repeated. */
  static void drop(ClusterAdmin admin, String database, String role) {
    admin.dropDatabase(database);
    admin.dropRole(role);
  }

  private static void ensureOwnerRole(ClusterAdmin admin, String owner, Compensation undo) {
    if (admin.createOwnerRole(owner)) {
      undo.add("drop role " + owner, () -> admin.dropRoleIfUnused(owner));
    }
  }
}
