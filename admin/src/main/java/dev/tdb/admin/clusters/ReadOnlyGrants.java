/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The privileges of a tenant's read-only role: USAGE on its schemas and SELECT on its tables and
 * sequences, now and (through default privileges) for what the blueprint owner creates later. No
 * INSERT, UPDATE, DELETE, TRUNCATE, and no USAGE or UPDATE on sequences (so no {@code nextval}): a
 * session that turns {@code default_transaction_read_only} off still cannot write (42501).
 */
final class ReadOnlyGrants {
  private ReadOnlyGrants() {}

  static List<String> schemaGrants(Connection connection, String owner, String role)
      throws SQLException {
    String grantee = Sql.identifier(role);
    List<String> statements = new ArrayList<>();
    for (String schema : TenantGrants.userSchemas(connection)) {
      String quoted = Sql.identifier(schema);
      statements.add("GRANT USAGE ON SCHEMA " + quoted + " TO " + grantee);
      statements.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + quoted + " TO " + grantee);
      statements.add("GRANT SELECT ON ALL SEQUENCES IN SCHEMA " + quoted + " TO " + grantee);
    }
    String defaults = "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.identifier(owner) + " GRANT ";
    statements.add(defaults + "SELECT ON TABLES TO " + grantee);
    statements.add(defaults + "SELECT ON SEQUENCES TO " + grantee);
    statements.add(defaults + "USAGE ON SCHEMAS TO " + grantee);
    return statements;
  }
}
