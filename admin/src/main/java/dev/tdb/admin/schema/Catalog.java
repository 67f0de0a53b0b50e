/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The system catalogs of the source database, read over one connection whose {@code search_path} is
 * empty, so that every name PostgreSQL prints ({@code format_type}, {@code pg_get_*def}, {@code
 * regclass}) is schema-qualified, as a script applied elsewhere needs.
 */
final class Catalog {
  /** One result row turned into a value. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final int serverVersion;

  Catalog(Connection connection, int serverVersion) {
    this.connection = connection;
    this.serverVersion = serverVersion;
  }

  /** {@code server_version_num}, e.g. 170002. */
  int serverVersion() {
    return serverVersion;
  }

  /** Every row of {@code sql}, mapped. */
  <T> List<T> rows(String sql, Row<T> row) throws SQLException {
    List<T> values = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        values.add(row.map(rs));
      }
    }
    return values;
  }

  /**
   * A condition true for a user schema {@code n}: not PostgreSQL's own ({@code pg_*}, {@code
   * information_schema}) and not tdb's {@code tdb_catalog}, which every workspace has already.
   */
  static String userSchema(String namespace) {
    return "("
        + namespace
        + ".nspname !~ '^pg_' AND "
        + namespace
        + ".nspname NOT IN ('information_schema', 'tdb_catalog'))";
  }

  /** The schema-qualified, quoted name of the collation {@code oid}, as an SQL expression. */
  static String collation(String oid) {
    return "(SELECT pg_catalog.format('%I.%I', cn.nspname, co.collname)"
        + " FROM pg_catalog.pg_collation co"
        + " JOIN pg_catalog.pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = "
        + oid
        + ")";
  }

  /**
   * {@code ' COLLATE x'} when {@code collation} is set and differs from {@code typeCollation} (the
   * type's default), else {@code ''}, as an SQL expression.
   */
  static String collateClause(String collation, String typeCollation) {
    return "CASE WHEN "
        + collation
        + " <> 0 AND "
        + collation
        + " <> "
        + typeCollation
        + " THEN ' COLLATE ' || "
        + collation(collation)
        + " ELSE '' END";
  }

  /**
   * A condition true when the object {@code oid} of system catalog {@code catalog} is not a member
   * of an extension: {@code CREATE EXTENSION} makes those.
   */
  static String notFromExtension(String catalog, String oid) {
    return "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog."
        + catalog
        + "'::pg_catalog.regclass AND e.objid = "
        + oid
        + " AND e.deptype = 'e')";
  }
}
