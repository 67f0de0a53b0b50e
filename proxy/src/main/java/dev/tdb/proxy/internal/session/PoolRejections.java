/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.proxy.internal.pool.ServerPool;

/** The errors of a client that waited for a server connection until the queue timeout. */
final class PoolRejections {
  private PoolRejections() {}

  /** Every server connection the logical database's {@code max_connections} allows was in use. */
  static Decision.Reject tenantFull(RoutingEntry entry, ServerPool.Shortage shortage) {
    return new Decision.Reject(
        SqlState.TOO_MANY_CONNECTIONS,
        "too many connections for database \""
            + entry.logicalName()
            + "\": all "
            + shortage.limit()
            + " server connections of its max_connections stayed in use for "
            + millis(shortage)
            + " (the proxy's pool.queue_timeout)",
        "close idle sessions, or raise max_connections in the settings of "
            + entry.workspace()
            + " (tdb workspaces settings "
            + entry.workspace()
            + " --set max_connections=N)");
  }

  /** Every server connection the proxy may open to the cluster was in use. */
  static Decision.Reject clusterFull(RoutingEntry entry, ServerPool.Shortage shortage) {
    return new Decision.Reject(
        SqlState.TOO_MANY_CONNECTIONS,
        "too many connections for the cluster of database \""
            + entry.logicalName()
            + "\": all "
            + shortage.limit()
            + " server connections of the proxy's pool.cluster_max_server_connections stayed in"
            + " use for "
            + millis(shortage)
            + " (pool.queue_timeout)",
        "an admin raises pool.cluster_max_server_connections in the proxy's configuration (below"
            + " the cluster's max_connections less its reserve), or moves tenants to another"
            + " cluster");
  }

  private static String millis(ServerPool.Shortage shortage) {
    return shortage.waited().toMillis() + " ms";
  }
}
