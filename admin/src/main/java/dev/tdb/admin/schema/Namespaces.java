/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Schemas and extensions. {@code public} exists in every new database and {@code plpgsql} in every
 * one since PostgreSQL 9.0, so neither is created.
 */
final class Namespaces {
  private Namespaces() {}

  /** {@code CREATE SCHEMA} for each user schema but {@code public}. */
  static void schemas(Catalog catalog, Script script) throws SQLException {
    for (String name :
        catalog.rows(
            "SELECT pg_catalog.quote_ident(n.nspname) FROM pg_catalog.pg_namespace n WHERE "
                + Catalog.userSchema("n")
                + " AND n.nspname <> 'public' AND "
                + Catalog.notFromExtension("pg_namespace", "n.oid")
                + " ORDER BY n.nspname",
            rs -> rs.getString(1))) {
      script.add("CREATE SCHEMA " + name);
    }
  }

  /**
   * {@code CREATE EXTENSION IF NOT EXISTS} in its schema for each extension, after the extensions
   * it requires; the version is left to the target server's default, as pg_dump does.
   */
  static void extensions(Catalog catalog, Script script) throws SQLException {
    LinkedHashMap<Long, String> extensions = new LinkedHashMap<>();
    catalog.rows(
        "SELECT x.oid, 'CREATE EXTENSION IF NOT EXISTS ' || pg_catalog.quote_ident(x.extname)"
            + " || ' WITH SCHEMA ' || pg_catalog.quote_ident(n.nspname)"
            + " FROM pg_catalog.pg_extension x"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace"
            + " WHERE x.extname <> 'plpgsql' ORDER BY x.extname",
        rs -> extensions.put(rs.getLong(1), rs.getString(2)));
    List<DependencyOrder.Edge> requires =
        catalog.rows(
            "SELECT d.objid, d.refobjid FROM pg_catalog.pg_depend d"
                + " WHERE d.classid = 'pg_catalog.pg_extension'::pg_catalog.regclass"
                + " AND d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass",
            rs -> new DependencyOrder.Edge(rs.getLong(1), rs.getLong(2)));
    DependencyOrder.sort(extensions, requires).forEach(script::add);
  }
}
