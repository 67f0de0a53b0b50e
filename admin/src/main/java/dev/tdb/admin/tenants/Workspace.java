/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.WorkspaceSettings;
import org.jspecify.annotations.Nullable;

/**
 * A workspace as callers see it (its runtime role's password only in routing entries).
 *
 * @param name the logical and physical database name
 * @param mode control or workspace
 * @param blueprint the blueprint designed here, or null for a control workspace
 * @param cluster the hosting cluster
 * @param database the physical database
 * @param role the runtime role
 * @param settings the settings applied to it and its tenants
 * @param epoch the routing epoch of its last change
 * @param createdAt when it was created (ISO-8601)
 */
public record Workspace(
    String name,
    RoutingEntry.Mode mode,
    @Nullable String blueprint,
    String cluster,
    String database,
    String role,
    WorkspaceSettings settings,
    long epoch,
    String createdAt) {

  /** The view of a stored workspace. */
  public static Workspace of(WorkspaceRow row) {
    return new Workspace(
        row.name(),
        RoutingEntry.Mode.of(row.mode()),
        row.blueprint(),
        row.cluster(),
        row.database(),
        row.role(),
        row.settings(),
        row.epoch(),
        row.createdAt());
  }
}
