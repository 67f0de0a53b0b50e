/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tables, each after the tables it inherits from or is a partition of: columns with their types,
 * collations, defaults, generated expressions, identity (with its sequence's name and options) and
 * {@code NOT NULL}; {@code UNLOGGED}; {@code PARTITION BY}; a partition as {@code PARTITION OF} its
 * parent {@code FOR VALUES} its bound (its columns, {@code NOT NULL}s and inherited {@code CHECK}s
 * come from the parent); {@code INHERITS}; storage parameters. Constraints and indexes come later
 * ({@link Constraints}, {@link Indexes}).
 */
final class Tables {
  /** One table as read. */
  private record Table(
      long oid,
      String name,
      boolean unlogged,
      String partitionOf,
      String bound,
      String partitionKey,
      String inherits,
      String options) {}

  private static final String TABLES =
      "SELECT c.oid, pg_catalog.format('%I.%I', n.nspname, c.relname), c.relpersistence = 'u',"
          + " CASE WHEN c.relispartition THEN (SELECT pg_catalog.format('%I.%I', pn.nspname,"
          + " p.relname) FROM pg_catalog.pg_inherits h"
          + " JOIN pg_catalog.pg_class p ON p.oid = h.inhparent"
          + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
          + " WHERE h.inhrelid = c.oid) END,"
          + " CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END,"
          + " CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,"
          + " CASE WHEN NOT c.relispartition THEN (SELECT pg_catalog.string_agg("
          + "pg_catalog.format('%I.%I', pn.nspname, p.relname), ', ' ORDER BY h.inhseqno)"
          + " FROM pg_catalog.pg_inherits h JOIN pg_catalog.pg_class p ON p.oid = h.inhparent"
          + " JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
          + " WHERE h.inhrelid = c.oid) END,"
          + " pg_catalog.array_to_string(c.reloptions, ', ')"
          + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND "
          + Catalog.userSchema("n")
          + " AND "
          + Catalog.notFromExtension("pg_class", "c.oid")
          + " ORDER BY n.nspname, c.relname";

  private static final String IDENTITY =
      "CASE WHEN a.attidentity IN ('a', 'd') THEN ' GENERATED '"
          + " || CASE a.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END || ' AS IDENTITY'"
          + " || coalesce((SELECT ' (SEQUENCE NAME ' || pg_catalog.format('%I.%I', sn.nspname,"
          + " sc.relname) || ' ' || "
          + Sequences.OPTIONS
          + " || ')' FROM pg_catalog.pg_depend dp"
          + " JOIN pg_catalog.pg_class sc ON sc.oid = dp.objid AND sc.relkind = 'S'"
          + " JOIN pg_catalog.pg_namespace sn ON sn.oid = sc.relnamespace"
          + " JOIN pg_catalog.pg_sequence s ON s.seqrelid = sc.oid"
          + " WHERE dp.classid = 'pg_catalog.pg_class'::pg_catalog.regclass"
          + " AND dp.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass"
          + " AND dp.refobjid = a.attrelid AND dp.refobjsubid = a.attnum AND dp.deptype = 'i'),"
          + " '') ELSE '' END";

  /** The columns a table declares itself (not those it only inherits), in order. */
  private static final String COLUMNS =
      "SELECT a.attrelid, pg_catalog.format('%I %s', a.attname,"
          + " pg_catalog.format_type(a.atttypid, a.atttypmod)) || "
          + Catalog.collateClause("a.attcollation", "t.typcollation")
          + " || CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS ('"
          + " || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') STORED'"
          + " WHEN d.adbin IS NOT NULL THEN ' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin,"
          + " d.adrelid) ELSE '' END || "
          + IDENTITY
          + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
          + " FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
          + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
          + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0"
          + " AND NOT a.attisdropped AND a.attislocal AND "
          + Catalog.userSchema("n")
          + " ORDER BY a.attrelid, a.attnum";

  private Tables() {}

  /** {@code CREATE TABLE} for every user table, parents first. */
  static void write(Catalog catalog, Script script) throws SQLException {
    LinkedHashMap<Long, Table> tables = new LinkedHashMap<>();
    catalog.rows(
        TABLES,
        rs ->
            tables.put(
                rs.getLong(1),
                new Table(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getBoolean(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8))));
    Map<Long, List<String>> columns = new HashMap<>();
    catalog.rows(
        COLUMNS,
        rs -> columns.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)));
    List<DependencyOrder.Edge> parents =
        catalog.rows(
            "SELECT inhrelid, inhparent FROM pg_catalog.pg_inherits",
            rs -> new DependencyOrder.Edge(rs.getLong(1), rs.getLong(2)));
    for (Table table : DependencyOrder.sort(tables, parents)) {
      script.add(create(table, columns.getOrDefault(table.oid(), List.of())));
    }
  }

  private static String create(Table table, List<String> columns) {
    StringBuilder sql =
        new StringBuilder("CREATE ")
            .append(table.unlogged() ? "UNLOGGED " : "")
            .append("TABLE ")
            .append(table.name());
    if (table.partitionOf() != null) {
      sql.append(" PARTITION OF ").append(table.partitionOf()).append(' ').append(table.bound());
    } else {
      sql.append(" (\n    ").append(String.join(",\n    ", columns)).append("\n)");
      if (table.inherits() != null) {
        sql.append(" INHERITS (").append(table.inherits()).append(')');
      }
    }
    if (table.partitionKey() != null) {
      sql.append(" PARTITION BY ").append(table.partitionKey());
    }
    if (table.options() != null && !table.options().isEmpty()) {
      sql.append(" WITH (").append(table.options()).append(')');
    }
    return sql.toString();
  }
}
