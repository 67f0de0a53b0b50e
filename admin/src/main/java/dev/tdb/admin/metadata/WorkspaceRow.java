/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.settings.WorkspaceSettings;

/**
 * A workspace as stored, with its cluster's name and, for a tenant workspace, its blueprint.
 *
 * @param id the workspace's key
 * @param name the logical and physical database name
 * @param mode {@link ConnectionMode#CONTROL} or {@link ConnectionMode#WORKSPACE}
 * @param ownerId the owning account's key
 * @param clusterId the hosting cluster's key
 * @param cluster the hosting cluster's name
 * @param database the physical database
 * @param role the runtime role
 * @param passwordSealed the runtime role's password, sealed by the secret box
 * @param settings the settings applied to the workspace and its tenants
 * @param epoch the routing epoch of the last change
 * @param createdAt when it was created (ISO-8601)
 * @param blueprintId the blueprint's key, or null for a control workspace
 * @param blueprint the blueprint's name, or null for a control workspace
 */
public record WorkspaceRow(
    long id,
    String name,
    ConnectionMode mode,
    long ownerId,
    long clusterId,
    String cluster,
    String database,
    String role,
    String passwordSealed,
    WorkspaceSettings settings,
    long epoch,
    String createdAt,
    Long blueprintId,
    String blueprint) {

  /** Everything but the sealed password. */
  @Override
  public String toString() {
    return "WorkspaceRow[" + name + " (" + mode + ") on " + cluster + " as " + role + "]";
  }
}
