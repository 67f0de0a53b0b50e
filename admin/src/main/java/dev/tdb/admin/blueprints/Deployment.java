/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.metadata.DeploymentRow;
import dev.tdb.admin.metadata.DeploymentTenantRow;
import dev.tdb.admin.metadata.TemplateRow;
import java.util.List;
import java.util.Map;

/**
 * A deployment as callers see it.
 *
 * @param id its number
 * @param blueprint the blueprint
 * @param version the version it takes tenants to
 * @param parallel how many tenants are upgraded at once
 * @param stopOnFailure true when the first failure stops it
 * @param status running, succeeded or failed
 * @param createdAt when it was created (ISO-8601)
 * @param finishedAt when it finished (ISO-8601), or null
 * @param counts tenants per status
 * @param canary how many tenants went first, or null
 * @param tenants each tenant's status, or null in lists
 * @param templates the blueprint's template databases, upgraded before the tenants, or null in
 *     lists
 */
public record Deployment(
    long id,
    String blueprint,
    int version,
    int parallel,
    boolean stopOnFailure,
    String status,
    String createdAt,
    String finishedAt,
    Map<String, Long> counts,
    Integer canary,
    List<DeploymentTenantRow> tenants,
    List<TemplateRow> templates) {

  static Deployment of(
      DeploymentRow row, List<DeploymentTenantRow> tenants, List<TemplateRow> templates) {
    return new Deployment(
        row.id(),
        row.blueprint(),
        row.targetVersion(),
        row.parallel(),
        row.stopOnFailure(),
        row.status(),
        row.createdAt(),
        row.finishedAt(),
        row.counts(),
        row.canary(),
        tenants,
        templates);
  }
}
