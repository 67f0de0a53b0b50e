/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.clusters;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema-level rights of a tenant's runtime role: {@code USAGE} on the user schemas and DML on
 * their tables and sequences, now and through default privileges for what the owner creates later;
 * {@code CREATE} on every user schema revoked from PUBLIC.
 */
final class TenantGrants {
  private static final String DML = "SELECT, INSERT, UPDATE, DELETE";
  private static final String SEQUENCE_RIGHTS = "USAGE, SELECT, UPDATE";

  private TenantGrants() {}

  static List<String> schemaGrants(Connection connection, String owner, String role)
      throws SQLException {
    String grantee = Sql.identifier(role);
    String creator = Sql.identifier(owner);
    List<String> statements = new ArrayList<>();
    for (String schema : userSchemas(connection)) {
      String quoted = Sql.identifier(schema);
      statements.add("REVOKE CREATE ON SCHEMA " + quoted + " FROM PUBLIC");
      statements.add("GRANT USAGE ON SCHEMA " + quoted + " TO " + grantee);
      statements.add("GRANT " + DML + " ON ALL TABLES IN SCHEMA " + quoted + " TO " + grantee);
      statements.add(
          "GRANT " + SEQUENCE_RIGHTS + " ON ALL SEQUENCES IN SCHEMA " + quoted + " TO " + grantee);
    }
    String defaults = "ALTER DEFAULT PRIVILEGES FOR ROLE " + creator + " GRANT ";
    statements.add(defaults + DML + " ON TABLES TO " + grantee);
    statements.add(defaults + SEQUENCE_RIGHTS + " ON SEQUENCES TO " + grantee);
    statements.add(defaults + "USAGE ON SCHEMAS TO " + grantee);
    return statements;
  }

  static List<String> userSchemas(Connection connection) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_'"
                    + " AND nspname NOT IN ('information_schema', 'tdb_catalog') ORDER BY nspname")) {
      while (rs.next()) {
        schemas.add(rs.getString(1));
      }
    }
    return schemas;
  }
}
