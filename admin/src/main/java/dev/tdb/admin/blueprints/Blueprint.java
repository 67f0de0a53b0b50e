/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.admin.metadata.BlueprintRow;

/**
 * A blueprint as callers see it.
 *
 * @param name its name
 * @param workspace the workspace where it is designed
 * @param latestVersion the newest captured version (0 before any change)
 * @param deployedVersion the newest version a deployment released (new tenants start there)
 * @param readyToDeploy how many versions after {@code deployedVersion} are not skipped
 * @param tenantCount how many tenants it has
 * @param tenantsAtLatest how many tenants are at {@code latestVersion}
 */
public record Blueprint(
    @JsonPropertyDescription("the blueprint") String name,
    @JsonPropertyDescription("where it is designed") String workspace,
    @JsonPropertyDescription("newest captured version, 0 before any") int latestVersion,
    @JsonPropertyDescription("newest version a deployment released; new tenants start there")
        int deployedVersion,
    @JsonPropertyDescription("versions after deployed_version that are not skipped")
        long readyToDeploy,
    @JsonPropertyDescription("its tenants") long tenantCount,
    @JsonPropertyDescription("tenants at latest_version") long tenantsAtLatest) {

  static Blueprint of(BlueprintRow row, long readyToDeploy, long tenantsAtLatest) {
    return new Blueprint(
        row.name(),
        row.workspace(),
        row.latestVersion(),
        row.deployedVersion(),
        readyToDeploy,
        row.tenantCount(),
        tenantsAtLatest);
  }
}
