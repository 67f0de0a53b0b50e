/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * User-defined types: enums, composite types, domains and ranges, each after the types it is built
 * from, and later the domains' check constraints. Base types (written in C) are not read.
 */
final class Types {
  private static final String NAME = "pg_catalog.format('%I.%I', n.nspname, t.typname)";
  private static final String FROM =
      " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace";

  private static final String ENUMS =
      "SELECT t.oid, 'CREATE TYPE ' || "
          + NAME
          + " || ' AS ENUM (' || coalesce((SELECT pg_catalog.string_agg("
          + "pg_catalog.quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)"
          + " FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '') || ')', n.nspname, t.typname"
          + FROM
          + " WHERE t.typtype = 'e' AND ";

  private static final String COMPOSITES =
      "SELECT t.oid, 'CREATE TYPE ' || "
          + NAME
          + " || ' AS (' || coalesce((SELECT pg_catalog.string_agg("
          + "pg_catalog.format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod))"
          + " || "
          + Catalog.collateClause("a.attcollation", "at.typcollation")
          + ", ', ' ORDER BY a.attnum) FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_type at ON at.oid = a.atttypid"
          + " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')',"
          + " n.nspname, t.typname"
          + FROM
          + " JOIN pg_catalog.pg_class c ON c.oid = t.typrelid WHERE t.typtype = 'c'"
          + " AND c.relkind = 'c' AND ";

  private static final String DOMAINS =
      "SELECT t.oid, 'CREATE DOMAIN ' || "
          + NAME
          + " || ' AS ' || pg_catalog.format_type(t.typbasetype, t.typtypmod) || "
          + Catalog.collateClause("t.typcollation", "bt.typcollation")
          + " || coalesce(' DEFAULT ' || CASE WHEN t.typdefaultbin IS NOT NULL"
          + " THEN pg_catalog.pg_get_expr(t.typdefaultbin, 0) ELSE t.typdefault END, '')"
          + " || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END, n.nspname, t.typname"
          + FROM
          + " JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype WHERE t.typtype = 'd' AND ";

  /**
   * Domain check constraints, added once routines exist (a check may call one); {@code NOT VALID}
   * ones keep their mark, which CREATE DOMAIN could not take.
   */
  private static final String CHECKS =
      "SELECT 'ALTER DOMAIN ' || "
          + NAME
          + " || ' ADD CONSTRAINT ' || pg_catalog.quote_ident(con.conname) || ' '"
          + " || pg_catalog.pg_get_constraintdef(con.oid)"
          + " FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_type t ON t.oid = con.contypid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
          + " WHERE con.contype = 'c' AND ";

  /** What each type is built from: a domain's base, a range's subtype, a composite's fields. */
  private static final String BUILT_FROM =
      "SELECT d.oid, CASE WHEN r.typcategory = 'A' THEN r.typelem ELSE r.oid END FROM ("
          + " SELECT t.oid, t.typbasetype AS ref FROM pg_catalog.pg_type t WHERE t.typtype = 'd'"
          + " UNION ALL SELECT rngtypid, rngsubtype FROM pg_catalog.pg_range"
          + " UNION ALL SELECT t.oid, a.atttypid FROM pg_catalog.pg_type t"
          + " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0"
          + " WHERE t.typtype = 'c') d JOIN pg_catalog.pg_type r ON r.oid = d.ref";

  private Types() {}

  /** Every user-defined type, each after those it is built from. */
  static void write(Catalog catalog, Script script) throws SQLException {
    String user = Catalog.userSchema("n") + " AND " + Catalog.notFromExtension("pg_type", "t.oid");
    String sql =
        "SELECT * FROM ("
            + String.join(
                " UNION ALL ",
                ENUMS + user,
                COMPOSITES + user,
                DOMAINS + user,
                ranges(catalog.serverVersion()) + user)
            + ") types ORDER BY 3, 4";
    LinkedHashMap<Long, String> types = new LinkedHashMap<>();
    catalog.rows(sql, rs -> types.put(rs.getLong(1), rs.getString(2)));
    List<DependencyOrder.Edge> edges =
        catalog.rows(BUILT_FROM, rs -> new DependencyOrder.Edge(rs.getLong(1), rs.getLong(2)));
    DependencyOrder.sort(types, edges).forEach(script::add);
  }

  /** The check constraints of every domain. */
  static void domainChecks(Catalog catalog, Script script) throws SQLException {
    catalog
        .rows(
            CHECKS
                + Catalog.userSchema("n")
                + " AND "
                + Catalog.notFromExtension("pg_type", "t.oid")
                + " ORDER BY n.nspname, t.typname, con.conname",
            rs -> rs.getString(1))
        .forEach(script::add);
  }

  private static String ranges(int serverVersion) {
    // Multiranges came with PostgreSQL 14; naming it keeps a non-default name.
    String multirange =
        serverVersion >= 140000
            ? " || ', MULTIRANGE_TYPE_NAME = ' || (SELECT pg_catalog.format('%I.%I', mn.nspname,"
                + " m.typname) FROM pg_catalog.pg_type m JOIN pg_catalog.pg_namespace mn"
                + " ON mn.oid = m.typnamespace WHERE m.oid = r.rngmultitypid)"
            : "";
    return "SELECT t.oid, 'CREATE TYPE ' || "
        + NAME
        + " || ' AS RANGE (SUBTYPE = ' || pg_catalog.format_type(r.rngsubtype, NULL)"
        + " || CASE WHEN NOT opc.opcdefault THEN ', SUBTYPE_OPCLASS = '"
        + " || pg_catalog.format('%I.%I', ocn.nspname, opc.opcname) ELSE '' END"
        + " || CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation"
        + " THEN ', COLLATION = ' || "
        + Catalog.collation("r.rngcollation")
        + " ELSE '' END"
        + " || CASE WHEN r.rngsubdiff <> 0 THEN ', SUBTYPE_DIFF = '"
        + " || r.rngsubdiff::pg_catalog.regproc::text ELSE '' END"
        + multirange
        + " || ')', n.nspname, t.typname"
        + FROM
        + " JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid"
        + " JOIN pg_catalog.pg_type st ON st.oid = r.rngsubtype"
        + " JOIN pg_catalog.pg_opclass opc ON opc.oid = r.rngsubopc"
        + " JOIN pg_catalog.pg_namespace ocn ON ocn.oid = opc.opcnamespace WHERE ";
  }
}
