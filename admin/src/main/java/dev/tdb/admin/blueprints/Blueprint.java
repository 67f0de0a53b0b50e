/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

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
    String name,
    String workspace,
    int latestVersion,
    int deployedVersion,
    long readyToDeploy,
    long tenantCount,
    long tenantsAtLatest) {

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
