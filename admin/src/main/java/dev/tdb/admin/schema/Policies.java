/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;

/**
 * Row-level security: {@code ENABLE}/{@code FORCE ROW LEVEL SECURITY} and each policy. A policy
 * names its roles as the source does; they must exist where the script runs.
 */
final class Policies {
  private static final String TABLE = "pg_catalog.format('%I.%I', n.nspname, c.relname)";
  private static final String FROM =
      " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace";

  private Policies() {}

  /** Row security switches and policies of every user table. */
  static void write(Catalog catalog, Script script) throws SQLException {
    String user = Catalog.userSchema("n") + " AND " + Catalog.notFromExtension("pg_class", "c.oid");
    catalog
        .rows(
            "SELECT 'ALTER TABLE ' || "
                + TABLE
                + " || ' ' || flag.word || ' ROW LEVEL SECURITY'"
                + FROM
                + " CROSS JOIN (VALUES (0, 'ENABLE'), (1, 'FORCE')) flag (step, word)"
                + " WHERE (flag.step = 0 AND c.relrowsecurity OR flag.step = 1"
                + " AND c.relforcerowsecurity) AND "
                + user
                + " ORDER BY n.nspname, c.relname, flag.step",
            rs -> rs.getString(1))
        .forEach(script::add);
    catalog
        .rows(
            "SELECT 'CREATE POLICY ' || pg_catalog.quote_ident(pol.polname) || ' ON ' || "
                + TABLE
                + " || CASE WHEN pol.polpermissive THEN ' AS PERMISSIVE' ELSE ' AS RESTRICTIVE'"
                + " END || ' FOR ' || CASE pol.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN"
                + " 'INSERT' WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' ELSE 'ALL' END"
                + " || ' TO ' || (SELECT pg_catalog.string_agg(role, ', ' ORDER BY role) FROM (SELECT"
                + " CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident("
                + "pg_catalog.pg_get_userbyid(r)) END FROM pg_catalog.unnest(pol.polroles) r)"
                + " roles (role))"
                + " || coalesce(' USING (' || pg_catalog.pg_get_expr(pol.polqual, pol.polrelid)"
                + " || ')', '') || coalesce(' WITH CHECK (' || pg_catalog.pg_get_expr("
                + "pol.polwithcheck, pol.polrelid) || ')', '')"
                + " FROM pg_catalog.pg_policy pol JOIN pg_catalog.pg_class c ON c.oid = pol.polrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE "
                + user
                + " ORDER BY n.nspname, c.relname, pol.polname",
            rs -> rs.getString(1))
        .forEach(script::add);
  }
}
