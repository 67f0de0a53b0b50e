/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Polls {@code pg_stat_activity} of the tenant's database, as a superuser, for tests of the proxy.
 */
final class PgActivity {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  /** Leaves out the sessions idle in the proxy's pool. */
  private static final String IN_USE = " AND NOT (state = 'idle' AND query = 'DISCARD ALL')";

  private PgActivity() {}

  /**
   * Waits until a session of the tenant runs (or no longer runs) SQL containing {@code fragment}.
   */
  static void await(ProxyService service, String fragment, boolean present) throws Exception {
    Awaitility.await("a session running \"" + fragment + "\" " + (present ? "there" : "gone"))
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> count(service, fragment) > 0 == present);
  }

  /**
   * Ends the server sessions idle in the proxy's pool on {@code logicalName}'s database, as an
   * admin does after changing the runtime role's defaults behind tdb's back ({@code ALTER ROLE ...
   * SET}): a pooled session keeps the defaults it started with. Waits until they are gone.
   */
  static void endPooled(ProxyService service, String logicalName) throws Exception {
    try (Connection connection = service.superuser(logicalName);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND usename <> current_user"
                    + " AND state = 'idle' AND query = 'DISCARD ALL'")) {
      Awaitility.await("the pooled sessions ended")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> terminated(statement) == 0);
    }
  }

  private static int terminated(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Waits until no session of the tenant runs SQL containing {@code fragment}. */
  static void awaitGone(ProxyService service, String fragment) throws Exception {
    await(service, fragment, false);
  }

  /** The sessions of the tenant's runtime role, whatever they run, idle in the pool included. */
  static int sessions(ProxyService service) throws SQLException {
    return select(service, "", "count(*)::int", "");
  }

  /** The pid of a tenant session running SQL containing {@code fragment}, or 0. */
  static int pidRunning(ProxyService service, String fragment) throws SQLException {
    return select(service, fragment, "coalesce(min(pid), 0)", IN_USE);
  }

  /**
   * The sessions running SQL containing {@code fragment}; a session idle in the proxy's pool (its
   * last statement the pool's reset) runs nothing.
   */
  private static int count(ProxyService service, String fragment) throws SQLException {
    return select(service, fragment, "count(*)::int", IN_USE);
  }

  private static int select(ProxyService service, String fragment, String what, String condition)
      throws SQLException {
    try (Connection connection = service.superuser(service.tenant());
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT "
                    + what
                    + " FROM pg_stat_activity WHERE datname = ? AND usename <> current_user"
                    + " AND pid <> pg_backend_pid() AND strpos(query, ?) > 0"
                    + condition)) {
      statement.setString(1, service.tenant());
      statement.setString(2, fragment);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
