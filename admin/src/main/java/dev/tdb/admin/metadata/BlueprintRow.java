/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

/**
 * A blueprint with its version counters.
 *
 * @param id the blueprint's key
 * @param name its name
 * @param workspace the workspace where it is designed
 * @param ownerId the owning account's key
 * @param importedThrough the highest capture catalog row imported
 * @param latestVersion the newest version (0 before any change)
 * @param deployedVersion the newest version released by a deployment (new tenants start there)
 * @param tenantCount how many tenants it has
 */
public record BlueprintRow(
    long id,
    String name,
    String workspace,
    long ownerId,
    long importedThrough,
    int latestVersion,
    int deployedVersion,
    long tenantCount) {}
