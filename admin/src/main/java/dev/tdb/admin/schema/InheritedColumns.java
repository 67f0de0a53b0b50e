/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * What a partition or an inheriting table changed on a column it inherits: a {@code NOT NULL} its
 * parent does not have, or a default of its own. {@code PARTITION OF} and {@code INHERITS} give it
 * the parent's column as it is, so these come as {@code ALTER TABLE ... ALTER COLUMN} after it.
 */
final class InheritedColumns {
  private static final String FROM =
      " FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_catalog.pg_inherits h ON h.inhrelid = c.oid AND h.inhseqno = 1"
          + " JOIN pg_catalog.pg_attribute pa ON pa.attrelid = h.inhparent"
          + " AND pa.attname = a.attname"
          + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " LEFT JOIN pg_catalog.pg_attrdef pd"
          + " ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum"
          + " WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped"
          + " AND NOT a.attislocal AND a.attgenerated = '' AND a.attidentity = '' AND ";

  private static final String OWN_DEFAULT =
      "pg_catalog.pg_get_expr(d.adbin, d.adrelid)"
          + " IS DISTINCT FROM pg_catalog.pg_get_expr(pd.adbin, pd.adrelid)";

  private InheritedColumns() {}

  /** The {@code ALTER TABLE ... ALTER COLUMN} each such column needs. */
  static void write(Catalog catalog, Script script) throws SQLException {
    String user = Catalog.userSchema("n") + " AND " + Catalog.notFromExtension("pg_class", "c.oid");
    catalog
        .rows(
            "SELECT pg_catalog.format('ALTER TABLE %I.%I ALTER COLUMN %I ', n.nspname, c.relname,"
                + " a.attname) || CASE WHEN d.adbin IS NULL THEN 'DROP DEFAULT'"
                + " ELSE 'SET DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, 1 AS step,"
                + " n.nspname, c.relname, a.attnum"
                + FROM
                + OWN_DEFAULT
                + " AND "
                + user
                + " UNION ALL SELECT pg_catalog.format('ALTER TABLE %I.%I ALTER COLUMN %I SET NOT"
                + " NULL', n.nspname, c.relname, a.attname), 2, n.nspname, c.relname, a.attnum"
                + FROM
                + "a.attnotnull AND NOT pa.attnotnull AND "
                + user
                + " ORDER BY 3, 4, 5, 2",
            rs -> rs.getString(1))
        .forEach(script::add);
  }
}
