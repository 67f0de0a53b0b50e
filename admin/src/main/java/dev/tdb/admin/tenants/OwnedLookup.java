/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Looks up workspaces and tenants the caller owns. Another account's are reported as not found, so
 * names do not leak between accounts.
 */
final class OwnedLookup {
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final TenantRepository tenants = new TenantRepository();

  WorkspaceRow workspace(Connection c, Caller caller, String name) throws SQLException {
    return workspaces
        .find(c, name)
        .filter(row -> row.ownerId() == caller.ownerId())
        .orElseThrow(() -> AdminException.notFound("workspace", name, "tdb workspaces list"));
  }

  WorkspaceRow blueprintWorkspace(Connection c, Caller caller, String blueprint)
      throws SQLException {
    return workspaces
        .findByBlueprint(c, blueprint)
        .filter(row -> row.ownerId() == caller.ownerId())
        .orElseThrow(
            () ->
                AdminException.notFound(
                    "blueprint", blueprint, "tdb workspaces create " + blueprint + "_workspace"));
  }

  TenantRow tenantForUpdate(Connection c, Caller caller, String logicalName) throws SQLException {
    return tenants
        .findForUpdate(c, logicalName)
        .filter(row -> row.ownerId() == caller.ownerId())
        .orElseThrow(() -> tenantNotFound(logicalName));
  }

  TenantRow tenant(Connection c, Caller caller, String logicalName) throws SQLException {
    return tenants
        .find(c, logicalName)
        .filter(row -> row.ownerId() == caller.ownerId())
        .orElseThrow(() -> tenantNotFound(logicalName));
  }

  private static AdminException tenantNotFound(String logicalName) {
    int separator = logicalName.lastIndexOf("__");
    String hint =
        separator > 0
            ? "tdb tenants list --blueprint " + logicalName.substring(0, separator)
            : "tdb tenants list";
    return AdminException.notFound("tenant", logicalName, hint);
  }
}
