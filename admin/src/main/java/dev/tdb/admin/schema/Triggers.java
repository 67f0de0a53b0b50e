/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * Triggers with {@code pg_get_triggerdef}, and whether each fires ({@code DISABLE}, {@code ENABLE
 * REPLICA|ALWAYS}). PostgreSQL's own triggers (foreign keys) and the copies a partitioned table's
 * trigger makes on its partitions are not written.
 */
final class Triggers {
  private Triggers() {}

  /** Every user trigger on a table or view. */
  static void write(Catalog catalog, Script script) throws SQLException {
    String from =
        " FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND "
            + Catalog.userSchema("n")
            + " AND "
            + Catalog.notFromExtension("pg_class", "c.oid");
    String order = " ORDER BY n.nspname, c.relname, tg.tgname";
    catalog
        .rows("SELECT pg_catalog.pg_get_triggerdef(tg.oid)" + from + order, rs -> rs.getString(1))
        .forEach(script::add);
    catalog
        .rows(
            "SELECT 'ALTER TABLE ' || pg_catalog.format('%I.%I', n.nspname, c.relname)"
                + " || CASE tg.tgenabled WHEN 'D' THEN ' DISABLE' WHEN 'R' THEN ' ENABLE REPLICA'"
                + " ELSE ' ENABLE ALWAYS' END || ' TRIGGER ' || pg_catalog.quote_ident(tg.tgname)"
                + from
                + " AND tg.tgenabled <> 'O'"
                + order,
            rs -> rs.getString(1))
        .forEach(script::add);
  }
}
