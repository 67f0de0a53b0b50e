/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.SqlState;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns what a cluster answered into the error the caller sees. */
final class ClusterFailures {
  private ClusterFailures() {}

  static AdminException translate(String cluster, String address, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (unreachable(e, state)) {
      return new AdminException(
          AdminError.CLUSTER_UNAVAILABLE,
          "cluster " + cluster + " (" + address + ") cannot be reached: " + rootMessage(e),
          "check that the server runs and that its registered superuser can log in",
          e);
    }
    if (SqlState.DUPLICATE_DATABASE.is(state) || SqlState.DUPLICATE_OBJECT.is(state)) {
      return new AdminException(
          AdminError.EXISTS_ON_CLUSTER,
          "cluster " + cluster + " refused: " + e.getMessage(),
          "a database or role of this name exists on the server outside tdb;"
              + " drop it or choose another name",
          e);
    }
    return new AdminException(
        AdminError.CLUSTER_REFUSED,
        "cluster " + cluster + " refused: " + e.getMessage() + " (SQLSTATE " + state + ")",
        null,
        e);
  }

  private static boolean unreachable(SQLException e, String state) {
    return e instanceof SQLTransientConnectionException
        || state.startsWith("08")
        || state.startsWith("28")
        || state.startsWith("57P")
        || SqlState.TOO_MANY_CONNECTIONS.is(state);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
