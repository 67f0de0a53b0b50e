/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Views and materialized views with {@code pg_get_viewdef}, each after the views it selects from
 * (their rewrite rules' dependencies in {@code pg_depend}). A materialized view is created {@code
 * WITH NO DATA}, as pg_dump's schema does: what it holds is data.
 */
final class Views {
  private static final String VIEWS =
      "SELECT c.oid, 'CREATE ' || CASE c.relkind WHEN 'm' THEN 'MATERIALIZED ' ELSE '' END"
          + " || 'VIEW ' || pg_catalog.format('%I.%I', n.nspname, c.relname)"
          + " || coalesce(' WITH (' || pg_catalog.array_to_string(c.reloptions, ', ') || ')', '')"
          + " || ' AS' || chr(10) || pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';')"
          + " || CASE c.relkind WHEN 'm' THEN chr(10) || 'WITH NO DATA' ELSE '' END"
          + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('v', 'm') AND "
          + Catalog.userSchema("n")
          + " AND "
          + Catalog.notFromExtension("pg_class", "c.oid")
          + " ORDER BY n.nspname, c.relname";

  /** Which relation each view's rule reads. */
  private static final String READS =
      "SELECT DISTINCT r.ev_class, d.refobjid FROM pg_catalog.pg_depend d"
          + " JOIN pg_catalog.pg_rewrite r ON r.oid = d.objid"
          + " WHERE d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass"
          + " AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
          + " AND d.refobjid <> r.ev_class";

  private Views() {}

  /** Every view and materialized view, in dependency order. */
  static void write(Catalog catalog, Script script) throws SQLException {
    LinkedHashMap<Long, String> views = new LinkedHashMap<>();
    catalog.rows(VIEWS, rs -> views.put(rs.getLong(1), rs.getString(2)));
    List<DependencyOrder.Edge> reads =
        catalog.rows(READS, rs -> new DependencyOrder.Edge(rs.getLong(1), rs.getLong(2)));
    DependencyOrder.sort(views, reads).forEach(script::add);
  }
}
