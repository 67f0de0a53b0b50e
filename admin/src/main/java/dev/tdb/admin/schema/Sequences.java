/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * Sequences: created before the tables whose defaults call them, and given to the column that owns
 * them ({@code serial}) once that exists. An identity column's sequence belongs to its column and
 * is written with it (see {@link Tables}). Sequence positions are data, not schema: a created
 * sequence starts at its {@code START}.
 */
final class Sequences {
  /** {@code START WITH ... [NO] CYCLE} of pg_sequence row {@code s}, as an SQL expression. */
  static final String OPTIONS =
      "'START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement"
          + " || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache"
          + " || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END";

  private static final String FROM =
      " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE ";

  private Sequences() {}

  /** {@code CREATE SEQUENCE} for every sequence that is not an identity column's. */
  static void create(Catalog catalog, Script script) throws SQLException {
    catalog
        .rows(
            "SELECT 'CREATE ' || CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END"
                + " || 'SEQUENCE ' || pg_catalog.format('%I.%I', n.nspname, c.relname)"
                + " || ' AS ' || pg_catalog.format_type(s.seqtypid, NULL) || ' ' || "
                + OPTIONS
                + FROM
                + Catalog.userSchema("n")
                + " AND "
                + Catalog.notFromExtension("pg_class", "c.oid")
                + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d"
                + " WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.objid = c.oid AND d.deptype = 'i')"
                + " ORDER BY n.nspname, c.relname",
            rs -> rs.getString(1))
        .forEach(script::add);
  }

  /** {@code ALTER SEQUENCE ... OWNED BY} the column each owned sequence belongs to. */
  static void owners(Catalog catalog, Script script) throws SQLException {
    catalog
        .rows(
            "SELECT 'ALTER SEQUENCE ' || pg_catalog.format('%I.%I', n.nspname, c.relname)"
                + " || ' OWNED BY ' || pg_catalog.format('%I.%I.%I', tn.nspname, t.relname,"
                + " a.attname)"
                + " FROM pg_catalog.pg_sequence s JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_depend d"
                + " ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " AND d.objid = c.oid AND d.deptype = 'a'"
                + " AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
                + " JOIN pg_catalog.pg_class t ON t.oid = d.refobjid"
                + " JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace"
                + " JOIN pg_catalog.pg_attribute a"
                + " ON a.attrelid = t.oid AND a.attnum = d.refobjsubid WHERE "
                + Catalog.userSchema("n")
                + " AND "
                + Catalog.notFromExtension("pg_class", "c.oid")
                + " ORDER BY n.nspname, c.relname",
            rs -> rs.getString(1))
        .forEach(script::add);
  }
}
