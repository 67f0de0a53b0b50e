/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.metadata.ChangeRow;

/**
 * One version of a blueprint as callers see it.
 *
 * @param version the version the change makes
 * @param sql the statement
 * @param commandTag the command tag ({@code CREATE TABLE})
 * @param objectIdentity the object, or null
 * @param role who ran it in the workspace
 * @param capturedAt when (ISO-8601)
 * @param nonTransactional true when it is deployed outside the per-tenant transaction
 * @param skipped true when it was dropped from the deploy queue
 * @param deployed true when a deployment has released it
 * @param deployedTenants how many tenants are at this version or later
 */
public record BlueprintVersion(
    int version,
    String sql,
    String commandTag,
    String objectIdentity,
    String role,
    String capturedAt,
    boolean nonTransactional,
    boolean skipped,
    boolean deployed,
    long deployedTenants) {

  static BlueprintVersion of(ChangeRow row, int deployedVersion, long deployedTenants) {
    return new BlueprintVersion(
        row.version(),
        row.sql(),
        row.commandTag(),
        row.objectIdentity(),
        row.role(),
        row.capturedAt(),
        row.nonTransactional(),
        row.skipped(),
        row.version() <= deployedVersion,
        deployedTenants);
  }
}
