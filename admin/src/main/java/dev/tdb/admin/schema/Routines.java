/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * Functions and procedures with {@code pg_get_functiondef}. Aggregates and window functions written
 * in C are not read. A routine's body may name tables made later; the script's applier puts off
 * what fails for that reason (see {@code SchemaScript}).
 */
final class Routines {
  private Routines() {}

  /** Every user function and procedure. */
  static void write(Catalog catalog, Script script) throws SQLException {
    catalog
        .rows(
            "SELECT pg_catalog.regexp_replace(pg_catalog.pg_get_functiondef(p.oid),"
                + " '^CREATE OR REPLACE ', 'CREATE ') FROM pg_catalog.pg_proc p"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE p.prokind IN ('f', 'p') AND "
                + Catalog.userSchema("n")
                + " AND "
                + Catalog.notFromExtension("pg_proc", "p.oid")
                // A range type's constructors come with the type.
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend i"
                + " WHERE i.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass"
                + " AND i.objid = p.oid AND i.deptype = 'i')"
                + " ORDER BY n.nspname, p.proname,"
                + " pg_catalog.pg_get_function_identity_arguments(p.oid)",
            rs -> rs.getString(1))
        .forEach(script::add);
  }
}
