/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Privileges inside a tenant database (or a blueprint's template, whose catalog new tenants copy)
 * that back the policy on the server: nobody but a superuser may {@code UPDATE pg_settings} (which
 * is {@code set_config} in disguise), and the advisory-lock functions that take a lock run only for
 * the blueprint owner (deployments serialize upgrades of a database with one) and for the tenant's
 * runtime role only while its workspace allows advisory locks, so one statement cannot fill the
 * cluster's shared lock table.
 */
final class DatabaseGuards {
  /**
   * Every function of {@code pg_catalog} that acquires an advisory lock, in all its signatures
   * ({@code pg_advisory_lock}, {@code pg_try_advisory_xact_lock_shared}, …); the unlock functions
   * stay open, as they only release what the session holds.
   */
  private static final String LOCK_FUNCTIONS =
      "SELECT p.oid::regprocedure::text FROM pg_proc p"
          + " WHERE p.pronamespace = 'pg_catalog'::regnamespace"
          + " AND p.proname ~ '^pg_(try_)?advisory_(xact_)?lock(_shared)?$' ORDER BY 1";

  private DatabaseGuards() {}

  /**
   * The statements for the database {@code connection} is on, owned by {@code owner}; {@code
   * runtimeRole} and {@code settings} are null for a template, which grants nothing to any runtime
   * role.
   */
  static List<String> statements(
      Connection connection, String owner, String runtimeRole, WorkspaceSettings settings)
      throws SQLException {
    List<String> statements = new ArrayList<>();
    statements.add("REVOKE UPDATE ON pg_catalog.pg_settings FROM PUBLIC");
    for (String function : lockFunctions(connection)) {
      String on = " EXECUTE ON FUNCTION " + function;
      statements.add("REVOKE" + on + " FROM PUBLIC");
      statements.add("GRANT" + on + " TO " + Sql.identifier(owner));
      if (runtimeRole != null) {
        String role = Sql.identifier(runtimeRole);
        statements.add(
            settings.allowAdvisoryLocks()
                ? "GRANT" + on + " TO " + role
                : "REVOKE" + on + " FROM " + role);
      }
    }
    return statements;
  }

  private static List<String> lockFunctions(Connection connection) throws SQLException {
    List<String> functions = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(LOCK_FUNCTIONS)) {
      while (rs.next()) {
        functions.add("pg_catalog." + rs.getString(1));
      }
    }
    return functions;
  }
}
