/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.pool;

import dev.tdb.core.settings.WorkspaceSettings;
import java.util.Map;
import java.util.Objects;

/**
 * What makes two server connections interchangeable: the same logical database (whose {@code
 * max_connections} budget they count against), physical database and runtime role on the same
 * cluster, reached with the same {@code sslmode}, started with the same startup parameters. The
 * startup parameters are part of the key so that the ParameterStatus a client is shown, and what
 * {@code RESET ALL} returns to, are what a connection of its own would have had.
 *
 * @param logicalName the logical database, whose budget the connection counts against
 * @param host the cluster's host
 * @param port the cluster's port
 * @param database the physical database
 * @param role the runtime role
 * @param sslMode the ssl mode towards the cluster
 * @param settings the judged startup parameters the client asked for
 * @param workspaceSettings the workspace's settings the admin service applies to the role (such as
 *     {@code statement_timeout}) as routed: a change starts new server sessions, which read the
 *     role's new defaults, and the old ones idle out
 */
public record PoolKey(
    String logicalName,
    String host,
    int port,
    String database,
    String role,
    String sslMode,
    Map<String, String> settings,
    WorkspaceSettings workspaceSettings) {
  /** Validates and copies the values. */
  public PoolKey {
    Objects.requireNonNull(logicalName, "logicalName");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sslMode, "sslMode");
    settings = Map.copyOf(settings);
    Objects.requireNonNull(workspaceSettings, "workspaceSettings");
  }

  /** The cluster, for the cluster-wide cap. */
  String cluster() {
    return host + ":" + port;
  }
}
