/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.admin.metadata.DeploymentRow;
import dev.tdb.admin.metadata.DeploymentTenantRow;
import dev.tdb.admin.metadata.RunStatus;
import dev.tdb.admin.metadata.TemplateRow;
import dev.tdb.admin.metadata.TenantRunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
 * @param summary what it did, in words, once it ended ({@code nothing to deploy: 3 tenants already
 *     at version 2}), or null while it runs
 */
public record Deployment(
    @JsonPropertyDescription("its number") long id,
    @JsonPropertyDescription("the blueprint") String blueprint,
    @JsonPropertyDescription("the target version") int version,
    @JsonPropertyDescription("fan-out") int parallel,
    @JsonPropertyDescription("stops at the first failure") boolean stopOnFailure,
    RunStatus status,
    @JsonPropertyDescription("ISO-8601") String createdAt,
    @Nullable String finishedAt,
    @JsonPropertyDescription("tenants per status") Map<String, Long> counts,
    @JsonPropertyDescription("how many tenants went first") @Nullable Integer canary,
    @Nullable List<DeploymentTenantRow> tenants,
    @JsonPropertyDescription("the blueprint's template databases, upgraded before the tenants")
        @Nullable List<TemplateRow> templates,
    @JsonPropertyDescription(
            "what it did once it ended: 'succeeded: N tenants upgraded to "
                + "version V', 'nothing to deploy: N tenants already at version V', "
                + "'failed: F of N tenants failed'; null while running")
        @Nullable String summary) {

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
        shown(row.counts()),
        row.canary(),
        tenants,
        templates,
        summary(row));
  }

  /**
   * What a finished deployment did. A tenant already at the target is skipped, so a deployment
   * whose tenants were all there did nothing and says so rather than only "succeeded".
   */
  private static String summary(DeploymentRow row) {
    long upgraded = row.counts().getOrDefault(TenantRunStatus.SUCCEEDED, 0L);
    long failed = row.counts().getOrDefault(TenantRunStatus.FAILED, 0L);
    long skipped = row.counts().getOrDefault(TenantRunStatus.SKIPPED, 0L);
    long total = row.counts().values().stream().mapToLong(Long::longValue).sum();
    int version = row.targetVersion();
    return switch (row.status()) {
      case RUNNING -> null;
      case FAILED -> "failed: " + failed + " of " + total + " tenants failed";
      case SUCCEEDED ->
          upgraded > 0
              ? "succeeded: "
                  + upgraded
                  + (upgraded == 1 ? " tenant" : " tenants")
                  + " upgraded to version "
                  + version
                  + (skipped > 0 ? ", " + skipped + " already there" : "")
              : total == 0
                  ? "nothing to deploy: no tenants targeted"
                  : "nothing to deploy: "
                      + total
                      + (total == 1 ? " tenant" : " tenants")
                      + " already at version "
                      + version;
    };
  }

  /** The counts as the REST API shows them: keyed by the status as written, in status order. */
  private static Map<String, Long> shown(Map<TenantRunStatus, Long> counts) {
    Map<String, Long> shown = new LinkedHashMap<>();
    counts.forEach((status, count) -> shown.put(status.sql(), count));
    return shown;
  }
}
