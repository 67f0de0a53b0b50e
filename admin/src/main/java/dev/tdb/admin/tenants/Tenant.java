/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.admin.metadata.RoleCheckRow;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.core.routing.RoutingEntry;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 * @param roleCheck what the checks of its runtime role saw (only in a single tenant's answer; null
 *     in lists and before the first check)
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
    @Nullable String deletedAt,
    @JsonPropertyDescription("the blueprint version its database is at") int schemaVersion,
    @JsonPropertyDescription("the newest version of its blueprint a deployment released")
        int releasedVersion,
    @JsonPropertyDescription(
            "what the checks of its runtime role saw (GET of one tenant only; "
                + "null in lists and before the first check)")
        @Nullable RoleCheck roleCheck) {

  /**
   * What the role checks saw of a tenant's runtime role.
   *
   * @param checkedAt when it was last checked (ISO-8601)
   * @param driftFoundAt when a check last found drift and repaired it (ISO-8601), or null
   * @param drift what that check found (empty when never)
   */
  public record RoleCheck(String checkedAt, @Nullable String driftFoundAt, List<String> drift) {
    static RoleCheck of(RoleCheckRow row) {
      return new RoleCheck(row.checkedAt(), row.driftFoundAt(), row.drift());
    }
  }

  /** The view of a stored tenant, with what the role checks saw of it. */
  static Tenant of(TenantRow row, Optional<RoleCheckRow> check) {
    Tenant tenant = of(row);
    return new Tenant(
        tenant.logicalName,
        tenant.blueprint,
        tenant.name,
        tenant.workspace,
        tenant.cluster,
        tenant.database,
        tenant.role,
        tenant.status,
        tenant.epoch,
        tenant.createdAt,
        tenant.deletedAt,
        tenant.schemaVersion,
        tenant.releasedVersion,
        check.map(RoleCheck::of).orElse(null));
  }

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
        row.releasedVersion(),
        null);
  }
}
