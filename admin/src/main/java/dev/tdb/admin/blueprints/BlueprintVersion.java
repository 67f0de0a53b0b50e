/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.admin.metadata.ChangeRow;
import org.jspecify.annotations.Nullable;

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
    @JsonPropertyDescription("the version the change makes") int version,
    @JsonPropertyDescription("the statement") String sql,
    @JsonPropertyDescription("e.g. CREATE TABLE") String commandTag,
    @JsonPropertyDescription("the object, e.g. public.items") @Nullable String objectIdentity,
    @JsonPropertyDescription("who ran it in the workspace") String role,
    @JsonPropertyDescription("when (ISO-8601)") String capturedAt,
    @JsonPropertyDescription(
            "deployed outside the per-tenant transaction (CREATE INDEX CONCURRENTLY, ...)")
        boolean nonTransactional,
    @JsonPropertyDescription("dropped from the deploy queue") boolean skipped,
    @JsonPropertyDescription("released by a deployment") boolean deployed,
    @JsonPropertyDescription("tenants at this version or later") long deployedTenants) {

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
