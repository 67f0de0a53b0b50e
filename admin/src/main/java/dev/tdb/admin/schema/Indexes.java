/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * Indexes that no constraint made, with {@code pg_get_indexdef} (partial, expression, {@code
 * INCLUDE}, operator classes, storage parameters). An index on a partitioned table is created on
 * the whole table, so each partition gets its own; those copies are not written.
 */
final class Indexes {
  /** Which tables a pass writes the indexes of. */
  enum Pass {
    /** Tables and partitioned tables. */
    TABLES("'r', 'p'"),
    /** Materialized views, once they exist. */
    MATERIALIZED_VIEWS("'m'");

    private final String relkinds;

    Pass(String relkinds) {
      this.relkinds = relkinds;
    }
  }

  private Indexes() {}

  /** The indexes of {@code pass}. */
  static void write(Catalog catalog, Script script, Pass pass) throws SQLException {
    catalog
        .rows(
            "SELECT pg_catalog.pg_get_indexdef(i.indexrelid),"
                + " CASE WHEN ic.relkind = 'I' THEN 'INDEX ' || pg_catalog.quote_ident(ic.relname)"
                + " || ' ON ONLY ' END, 'INDEX ' || pg_catalog.quote_ident(ic.relname) || ' ON '"
                + " FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ("
                + pass.relkinds
                + ") AND "
                + Catalog.userSchema("n")
                + " AND "
                + Catalog.notFromExtension("pg_class", "c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con"
                + " WHERE con.conindid = i.indexrelid AND con.conrelid = c.oid"
                + " AND con.contype IN ('p', 'u', 'x'))"
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h"
                + " WHERE h.inhrelid = i.indexrelid)"
                + " ORDER BY n.nspname, c.relname, ic.relname",
            rs -> whole(rs.getString(1), rs.getString(2), rs.getString(3)))
        .forEach(script::add);
  }

  /**
   * {@code definition} of an index on a partitioned table made for all its partitions: PostgreSQL
   * prints it {@code ON ONLY} the parent, as pg_dump attaches each partition's index by hand.
   */
  private static String whole(String definition, String onOnly, String on) {
    if (onOnly == null) {
      return definition;
    }
    int at = definition.indexOf(onOnly);
    return at < 0
        ? definition
        : definition.substring(0, at) + on + definition.substring(at + onOnly.length());
  }
}
