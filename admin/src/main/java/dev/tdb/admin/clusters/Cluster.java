/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.tdb.admin.metadata.ClusterRow;

/**
 * A registered cluster as callers see it: never its password.
 *
 * @param name the cluster's name
 * @param host the server's host
 * @param port the server's port
 * @param superuser the superuser the admin service connects as
 * @param sslMode pgjdbc's {@code sslmode}
 * @param capacity how many databases it may host
 * @param tenantCount how many tenant databases it hosts
 * @param freeCapacity capacity minus every database it hosts (workspaces and tenants)
 * @param createdAt when it was registered (ISO-8601)
 */
public record Cluster(
    String name,
    String host,
    int port,
    String superuser,
    String sslMode,
    int capacity,
    int tenantCount,
    @JsonPropertyDescription("capacity minus hosted databases (workspaces and tenants)")
        int freeCapacity,
    String createdAt) {

  /** The view of a stored cluster. */
  public static Cluster of(ClusterRow row) {
    return new Cluster(
        row.name(),
        row.host(),
        row.port(),
        row.superuser(),
        row.sslMode(),
        row.capacity(),
        row.tenants(),
        row.freeCapacity(),
        row.createdAt());
  }
}
