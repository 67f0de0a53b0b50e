/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.errors.AdminException;
import java.util.List;

/**
 * What a caller asks to deploy.
 *
 * @param blueprint the blueprint
 * @param version the target version, or null for the newest
 * @param tenants tenant names (or logical names) to deploy to, or null with {@code all}
 * @param all true to deploy to every tenant of the blueprint
 * @param parallel how many tenants to upgrade at once (1 to 64)
 * @param stopOnFailure true to stop at the first failing tenant
 * @param canary how many tenants, first in logical-name order, must all succeed before the others
 *     start, or null to start them all at once
 */
public record DeploymentRequest(
    String blueprint,
    Integer version,
    List<String> tenants,
    boolean all,
    int parallel,
    boolean stopOnFailure,
    Integer canary) {
  /** The default fan-out. */
  public static final int DEFAULT_PARALLEL = 4;

  /** Checks that exactly one of {@code tenants} and {@code all} is given and the bounds. */
  public DeploymentRequest {
    if (blueprint == null) {
      throw AdminException.invalid("blueprint", "is required");
    }
    if (all == (tenants != null)) {
      throw AdminException.invalid("tenants", "or all must be given, not both");
    }
    if (tenants != null && tenants.isEmpty()) {
      throw AdminException.invalid("tenants", "must name at least one tenant");
    }
    if (parallel < 1 || parallel > 64) {
      throw AdminException.invalid("parallel", "must be from 1 to 64, got " + parallel);
    }
    if (canary != null && canary < 1) {
      throw AdminException.invalid("canary", "must be at least 1, got " + canary);
    }
    tenants = tenants == null ? null : List.copyOf(tenants);
  }
}
