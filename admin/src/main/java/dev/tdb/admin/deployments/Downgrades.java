/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.TenantRow;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses a deployment that would take tenants back to an older version. Deployments only apply
 * changes forward; a tenant past the target would be passed over and the deployment reported as
 * succeeded with nothing done, so it is refused before anything runs, with what to do instead.
 */
final class Downgrades {
  /** How many of the tenants ahead of the target the message names. */
  private static final int NAMED = 10;

  private Downgrades() {}

  /**
   * Checks that no tenant in {@code tenants} is past {@code target}.
   *
   * @throws AdminException conflict {@code deployment_downgrade}, naming the tenants ahead and
   *     their versions
   */
  static void refuse(BlueprintRow blueprint, int target, List<TenantRow> tenants) {
    List<TenantRow> ahead = tenants.stream().filter(t -> t.schemaVersion() > target).toList();
    if (ahead.isEmpty()) {
      return;
    }
    String named =
        ahead.stream()
            .limit(NAMED)
            .map(t -> t.logicalName() + " (version " + t.schemaVersion() + ")")
            .collect(Collectors.joining(", "));
    String more = ahead.size() > NAMED ? " and " + (ahead.size() - NAMED) + " more" : "";
    throw new AdminException(
        AdminError.DEPLOYMENT_DOWNGRADE,
        "version "
            + target
            + " of "
            + blueprint.name()
            + " is older than "
            + ahead.size()
            + " of the tenants it targets: "
            + named
            + more
            + "; deployments only apply changes forward and do not take a tenant back",
        "to undo a deployed change, make its inverse in "
            + blueprint.workspace()
            + " (it becomes version "
            + (blueprint.latestVersion() + 1)
            + "; tdb workspaces diff-revert undoes only versions not deployed yet) and deploy"
            + " that: tdb deployments create --blueprint "
            + blueprint.name()
            + " --all; or restore the tenants from backups taken at version "
            + target);
  }
}
