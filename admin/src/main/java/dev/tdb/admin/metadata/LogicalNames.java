/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metadata;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Logical names are unique across workspaces and tenants. Creating one takes a transaction-level
 * advisory lock on the name first, so two requests for the same name are serialized before either
 * touches a cluster, and the second one sees the first one's row.
 */
public final class LogicalNames {

  /** Waits for and takes the lock on {@code name} until the transaction ends. */
  public void lock(Connection c, String name) throws SQLException {
    Jdbc.list(
        c,
        rs -> rs.getString(1),
        "SELECT pg_advisory_xact_lock(hashtextextended('tdb.logical_name:' || ?, 0))::text",
        name);
  }

  /** True when a workspace or tenant already has {@code name}. */
  public boolean taken(Connection c, String name) throws SQLException {
    return Jdbc.queryLong(
            c,
            "SELECT (SELECT count(*) FROM workspaces WHERE name = ?)"
                + " + (SELECT count(*) FROM tenants WHERE logical_name = ?)",
            name,
            name)
        > 0;
  }
}
