/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a new database goes: the named cluster, or the one with the most free capacity (capacity
 * minus hosted databases). The chosen cluster stays locked against removal until the transaction
 * that creates the database ends.
 */
public final class Placement {
  private final ClusterRepository clusters = new ClusterRepository();

  /**
   * Chooses a cluster; {@code requested} may be null.
   *
   * @throws AdminException not found for an unknown cluster, conflict when it (or every cluster) is
   *     full
   */
  public ClusterRow choose(Connection c, String requested) throws SQLException {
    ClusterRow chosen = requested == null ? emptiest(c) : named(c, requested);
    clusters.lockShared(c, chosen.id());
    return chosen;
  }

  private ClusterRow named(Connection c, String name) throws SQLException {
    ClusterRow row =
        clusters
            .find(c, name)
            .orElseThrow(() -> AdminException.notFound("cluster", name, "tdb clusters list"));
    if (row.freeCapacity() <= 0) {
      throw new AdminException(
          AdminError.CLUSTER_FULL,
          "cluster " + name + " hosts " + row.hosted() + " databases, its capacity",
          "choose another cluster or register one with tdb clusters add");
    }
    return row;
  }

  private ClusterRow emptiest(Connection c) throws SQLException {
    return clusters
        .emptiest(c)
        .orElseThrow(
            () ->
                new AdminException(
                    AdminError.NO_CLUSTER_CAPACITY,
                    "no registered cluster has free capacity",
                    "register a PostgreSQL server with tdb clusters add"));
  }
}
