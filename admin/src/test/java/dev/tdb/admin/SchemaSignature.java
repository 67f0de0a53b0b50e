/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The user schema of a database as catalog rows, as a schema import sees it (columns with types,
 * defaults and identity, constraints, indexes, views, functions, enums, sequences), so two
 * databases can be compared. tdb's own {@code tdb_catalog} is left out.
 */
final class SchemaSignature {
  private static final String USER_SCHEMAS =
      "n.nspname NOT IN ('pg_catalog', 'information_schema', 'tdb_catalog')"
          + " AND n.nspname NOT LIKE 'pg\\_%'";
  private static final List<String> QUERIES =
      List.of(
          "SELECT 'column', n.nspname, c.relname, c.relkind::text, a.attname,"
              + " format_type(a.atttypid, a.atttypmod), a.attnotnull::text, a.attidentity::text,"
              + " coalesce(pg_get_expr(d.adbin, d.adrelid), '')"
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0"
              + " AND NOT a.attisdropped"
              + " LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum"
              + " WHERE c.relkind IN ('r', 'v', 'm', 'p') AND "
              + USER_SCHEMAS
              + " ORDER BY 2, 3, 5",
          "SELECT 'constraint', n.nspname, c.conrelid::regclass::text, c.conname,"
              + " pg_get_constraintdef(c.oid)"
              + " FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
              + " WHERE "
              + USER_SCHEMAS
              + " ORDER BY 2, 3, 4",
          "SELECT 'index', schemaname, tablename, indexname, indexdef FROM pg_indexes n"
              + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema', 'tdb_catalog')"
              + " ORDER BY 2, 3, 4",
          "SELECT 'view', n.nspname, c.relname, c.relkind::text, pg_get_viewdef(c.oid)"
              + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE c.relkind IN ('v', 'm') AND "
              + USER_SCHEMAS
              + " ORDER BY 2, 3",
          "SELECT 'function', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),"
              + " pg_get_function_result(p.oid), p.prosrc"
              + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
              + " WHERE "
              + USER_SCHEMAS
              + " ORDER BY 2, 3, 4",
          "SELECT 'enum', n.nspname, t.typname,"
              + " string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)"
              + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
              + " JOIN pg_enum e ON e.enumtypid = t.oid WHERE "
              + USER_SCHEMAS
              + " GROUP BY 2, 3 ORDER BY 2, 3",
          "SELECT 'sequence', n.nspname, c.relname, format_type(s.seqtypid, NULL),"
              + " s.seqstart::text, s.seqincrement::text"
              + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
              + USER_SCHEMAS
              + " ORDER BY 2, 3",
          "SELECT 'schema', n.nspname FROM pg_namespace n WHERE " + USER_SCHEMAS + " ORDER BY 2");

  private SchemaSignature() {}

  /** One line per catalog row, in a stable order. */
  static List<String> of(Connection connection) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (String query : QUERIES) {
        try (ResultSet rs = statement.executeQuery(query)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder line = new StringBuilder(rs.getString(1));
            for (int i = 2; i <= columns; i++) {
              line.append(" | ").append(rs.getString(i));
            }
            lines.add(line.toString());
          }
        }
      }
    }
    return lines;
  }

  /** The lines of one kind ({@code column}, {@code index}, ...). */
  static List<String> kind(List<String> lines, String kind) {
    return lines.stream().filter(line -> line.startsWith(kind + " | ")).toList();
  }
}
