/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import dev.tdb.core.routing.RoutingEntry;

/**
 * A tenant as stored, with the names of its blueprint, workspace and cluster.
 *
 * @param id the tenant's key
 * @param name the tenant's name within its blueprint ({@code acme})
 * @param logicalName {@code <blueprint>__<name>}
 * @param blueprintId the blueprint's key
 * @param blueprint the blueprint's name
 * @param workspace the name of the workspace where the blueprint is designed
 * @param ownerId the owning account's key (the workspace's owner)
 * @param clusterId the hosting cluster's key
 * @param cluster the hosting cluster's name
 * @param database the physical database
 * @param role the runtime role
 * @param passwordSealed the runtime role's password, sealed by the secret box
 * @param status active, suspended or deleted
 * @param deletedAt when it was soft-deleted (ISO-8601), or null
 * @param epoch the routing epoch of the last change
 * @param createdAt when it was created (ISO-8601)
 * @param schemaVersion the blueprint version its database is at
 * @param releasedVersion the newest version of its blueprint a deployment released
 */
public record TenantRow(
    long id,
    String name,
    String logicalName,
    long blueprintId,
    String blueprint,
    String workspace,
    long ownerId,
    long clusterId,
    String cluster,
    String database,
    String role,
    String passwordSealed,
    RoutingEntry.Status status,
    String deletedAt,
    long epoch,
    String createdAt,
    int schemaVersion,
    int releasedVersion) {

  /** Everything but the sealed password. */
  @Override
  public String toString() {
    return "TenantRow[" + logicalName + " (" + status.json() + ") on " + cluster + "]";
  }
}
