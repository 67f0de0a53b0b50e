/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;
import java.util.List;

/**
 * {@code COMMENT ON} every commented object the script makes: schemas (but {@code public}, which
 * the script does not make), tables, columns, views, materialized views, sequences, indexes, types,
 * domains, functions, procedures, constraints, triggers and policies.
 */
final class Comments {
  private static final String DESCRIBED =
      " JOIN pg_catalog.pg_description d ON d.objoid = %s AND d.classoid ="
          + " 'pg_catalog.%s'::pg_catalog.regclass";
  private static final String RELATION = "pg_catalog.format('%I.%I', n.nspname, c.relname)";
  private static final String CLASS =
      " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace";

  private static final List<String> TARGETS =
      List.of(
          "SELECT CASE c.relkind WHEN 'v' THEN 'VIEW ' WHEN 'm' THEN 'MATERIALIZED VIEW '"
              + " WHEN 'S' THEN 'SEQUENCE ' WHEN 'i' THEN 'INDEX ' WHEN 'I' THEN 'INDEX '"
              + " ELSE 'TABLE ' END || "
              + RELATION
              + ", d.description"
              + CLASS
              + described("c.oid", "pg_class")
              + " AND d.objsubid = 0 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'i', 'I') AND "
              + user("pg_class", "c.oid"),
          "SELECT 'COLUMN ' || "
              + RELATION
              + " || '.' || pg_catalog.quote_ident(a.attname), d.description"
              + CLASS
              + described("c.oid", "pg_class")
              + " JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid"
              + " WHERE d.objsubid > 0 AND c.relkind IN ('r', 'p', 'v', 'm', 'c') AND "
              + user("pg_class", "c.oid"),
          "SELECT 'SCHEMA ' || pg_catalog.quote_ident(n.nspname), d.description"
              + " FROM pg_catalog.pg_namespace n"
              + described("n.oid", "pg_namespace")
              + " WHERE n.nspname <> 'public' AND "
              + user("pg_namespace", "n.oid"),
          "SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN ' ELSE 'TYPE ' END"
              + " || pg_catalog.format('%I.%I', n.nspname, t.typname), d.description"
              + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
              + described("t.oid", "pg_type")
              + " WHERE t.typtype IN ('e', 'd', 'r', 'c') AND (t.typtype <> 'c' OR EXISTS (SELECT 1"
              + " FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')) AND "
              + user("pg_type", "t.oid"),
          "SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END"
              + " || pg_catalog.format('%I.%I(%s)', n.nspname, p.proname,"
              + " pg_catalog.pg_get_function_identity_arguments(p.oid)), d.description"
              + " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
              + described("p.oid", "pg_proc")
              + " WHERE p.prokind IN ('f', 'p') AND "
              + user("pg_proc", "p.oid"),
          "SELECT 'CONSTRAINT ' || pg_catalog.quote_ident(con.conname) || ' ON ' || CASE WHEN"
              + " con.contypid <> 0 THEN 'DOMAIN ' || pg_catalog.format('%I.%I', n.nspname,"
              + " t.typname) ELSE "
              + RELATION
              + " END, d.description FROM pg_catalog.pg_constraint con"
              + " LEFT JOIN pg_catalog.pg_class c ON c.oid = con.conrelid"
              + " LEFT JOIN pg_catalog.pg_type t ON t.oid = con.contypid"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace"
              + described("con.oid", "pg_constraint")
              + " WHERE con.conparentid = 0 AND "
              + user("pg_constraint", "con.oid"),
          "SELECT 'TRIGGER ' || pg_catalog.quote_ident(tg.tgname) || ' ON ' || "
              + RELATION
              + ", d.description FROM pg_catalog.pg_trigger tg"
              + " JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
              + described("tg.oid", "pg_trigger")
              + " WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND "
              + user("pg_class", "c.oid"),
          "SELECT 'POLICY ' || pg_catalog.quote_ident(pol.polname) || ' ON ' || "
              + RELATION
              + ", d.description FROM pg_catalog.pg_policy pol"
              + " JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid"
              + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
              + described("pol.oid", "pg_policy")
              + " WHERE "
              + user("pg_class", "c.oid"));

  private Comments() {}

  /** The comments on every object the script makes. */
  static void write(Catalog catalog, Script script) throws SQLException {
    catalog
        .rows(
            "SELECT 'COMMENT ON ' || target || ' IS ' || pg_catalog.quote_literal(description)"
                + " FROM ("
                + String.join(" UNION ALL ", TARGETS)
                + ") comments (target, description) ORDER BY target COLLATE \"C\"",
            rs -> rs.getString(1))
        .forEach(script::add);
  }

  private static String described(String oid, String catalog) {
    return String.format(DESCRIBED, oid, catalog);
  }

  private static String user(String catalog, String oid) {
    return Catalog.userSchema("n") + " AND " + Catalog.notFromExtension(catalog, oid);
  }
}
