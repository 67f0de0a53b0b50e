/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.core.routing.RoutingEntry;

/**
 * A tenant as callers see it (its runtime role's password only in routing entries).
 *
 * @param logicalName {@code <blueprint>__<name>}
 * @param blueprint the blueprint
 * @param name the tenant's name within the blueprint
 * @param workspace the workspace where the blueprint is designed
 * @param cluster the hosting cluster
 * @param database the physical database
 * @param role the runtime role
 * @param status active, suspended or deleted
 * @param epoch the routing epoch of its last change
 * @param createdAt when it was created (ISO-8601)
 * @param deletedAt when it was soft-deleted (ISO-8601), or null
 * @param schemaVersion the blueprint version its database is at
 * @param releasedVersion the newest version of its blueprint a deployment released
 */
public record Tenant(
    String logicalName,
    String blueprint,
    String name,
    String workspace,
    String cluster,
    String database,
    String role,
    RoutingEntry.Status status,
    long epoch,
    String createdAt,
    String deletedAt,
    int schemaVersion,
    int releasedVersion) {

  /** The view of a stored tenant. */
  public static Tenant of(TenantRow row) {
    return new Tenant(
        row.logicalName(),
        row.blueprint(),
        row.name(),
        row.workspace(),
        row.cluster(),
        row.database(),
        row.role(),
        row.status(),
        row.epoch(),
        row.createdAt(),
        row.deletedAt(),
        row.schemaVersion(),
        row.releasedVersion());
  }
}
