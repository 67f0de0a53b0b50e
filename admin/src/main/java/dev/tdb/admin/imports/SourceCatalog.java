/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.clusters.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import needs to know of a database's tables, read in the caller's transaction: tables,
 * their columns, foreign keys between them, and rows per routing value.
 */
final class SourceCatalog {
  private static final String TABLES =
      "SELECT c.oid, n.nspname, c.relname, pg_total_relation_size(c.oid),"
          + " EXISTS (SELECT 1 FROM pg_attribute r WHERE r.attrelid = c.oid AND r.attname = ?"
          + " AND r.attnum > 0 AND NOT r.attisdropped)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'tdb')"
          + " AND n.nspname NOT LIKE 'pg\\_%'"
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
          + " ORDER BY n.nspname, c.relname";
  private static final String COLUMNS =
      "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
          + " WHERE attrelid = ? AND attnum > 0 AND NOT attisdropped AND attgenerated = ''"
          + " ORDER BY attnum";
  private static final String FOREIGN_KEYS =
      "SELECT con.conname, con.conrelid, con.confrelid,"
          + " ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)"
          + "   JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),"
          + " ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)"
          + "   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)"
          + " FROM pg_constraint con WHERE con.contype = 'f'";

  /**
   * A foreign key between two tables of the source.
   *
   * @param name the constraint's name
   * @param child the referencing table
   * @param parent the referenced table
   * @param childColumns the referencing columns
   * @param parentColumns the referenced columns, same order
   */
  record ForeignKey(
      String name,
      SourceTable child,
      SourceTable parent,
      List<String> childColumns,
      List<String> parentColumns) {}

  private final List<SourceTable> tables;
  private final List<ForeignKey> foreignKeys;
  private final Map<String, String> extensions;

  private SourceCatalog(
      List<SourceTable> tables, List<ForeignKey> foreignKeys, Map<String, String> extensions) {
    this.tables = List.copyOf(tables);
    this.foreignKeys = List.copyOf(foreignKeys);
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /** Reads the catalog of the database {@code c} is connected to. */
  static SourceCatalog read(Connection c, String routingField) throws SQLException {
    Map<Long, SourceTable> byOid = new LinkedHashMap<>();
    try (PreparedStatement statement = c.prepareStatement(TABLES)) {
      statement.setString(1, routingField);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          long oid = rs.getLong(1);
          List<String> columns = new ArrayList<>();
          List<String> types = new ArrayList<>();
          readColumns(c, oid, columns, types);
          byOid.put(
              oid,
              new SourceTable(
                  rs.getString(2),
                  rs.getString(3),
                  columns,
                  types,
                  rs.getBoolean(5),
                  rs.getLong(4)));
        }
      }
    }
    List<ForeignKey> keys = new ArrayList<>();
    try (Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery(FOREIGN_KEYS)) {
      while (rs.next()) {
        SourceTable child = byOid.get(rs.getLong(2));
        SourceTable parent = byOid.get(rs.getLong(3));
        if (child != null && parent != null) {
          keys.add(
              new ForeignKey(
                  rs.getString(1), child, parent, texts(rs.getArray(4)), texts(rs.getArray(5))));
        }
      }
    }
    Map<String, String> extensions = new LinkedHashMap<>();
    try (Statement statement = c.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT extname, extversion FROM pg_extension ORDER BY 1")) {
      while (rs.next()) {
        extensions.put(rs.getString(1), rs.getString(2));
      }
    }
    return new SourceCatalog(new ArrayList<>(byOid.values()), keys, extensions);
  }

  /** Every extension's installed version, by name in order. */
  Map<String, String> extensions() {
    return extensions;
  }

  /** Every table, by schema and name. */
  List<SourceTable> tables() {
    return tables;
  }

  /** Every foreign key between two of {@link #tables()}. */
  List<ForeignKey> foreignKeys() {
    return foreignKeys;
  }

  /**
   * The tables in an order that loads every referenced table before the tables referencing it;
   * tables in a cycle of foreign keys keep their catalog order among themselves.
   */
  List<SourceTable> loadOrder() {
    List<SourceTable> ordered = new ArrayList<>();
    List<SourceTable> left = new ArrayList<>(tables);
    while (!left.isEmpty()) {
      SourceTable next =
          left.stream().filter(t -> parentsLoaded(t, left)).findFirst().orElse(left.get(0));
      ordered.add(next);
      left.remove(next);
    }
    return ordered;
  }

  private boolean parentsLoaded(SourceTable table, List<SourceTable> left) {
    return foreignKeys.stream()
        .noneMatch(
            k -> k.child().equals(table) && !k.parent().equals(table) && left.contains(k.parent()));
  }

  /**
   * Rows per routing value (as text) of a routed table; rows whose routing value is NULL are
   * counted under the key {@code null}.
   */
  static Map<String, Long> rowsPerValue(Connection c, SourceTable table, String routingField)
      throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    String column = Sql.identifier(routingField);
    try (Statement statement = c.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT " + column + "::text, count(*) FROM " + table.sql() + " GROUP BY 1")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  /** Rows of a table without routing column. */
  static long rows(Connection c, SourceTable table) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table.sql())) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Rows of the key's child whose parent row has another routing value. */
  static long crossTenantRows(Connection c, ForeignKey key, String routingField)
      throws SQLException {
    StringBuilder join = new StringBuilder();
    for (int i = 0; i < key.childColumns().size(); i++) {
      join.append(i == 0 ? "" : " AND ")
          .append("ch.")
          .append(Sql.identifier(key.childColumns().get(i)))
          .append(" = pa.")
          .append(Sql.identifier(key.parentColumns().get(i)));
    }
    String column = Sql.identifier(routingField);
    String sql =
        "SELECT count(*) FROM "
            + key.child().sql()
            + " ch JOIN "
            + key.parent().sql()
            + " pa ON "
            + join
            + " WHERE ch."
            + column
            + " IS DISTINCT FROM pa."
            + column;
    try (Statement statement = c.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void readColumns(Connection c, long oid, List<String> columns, List<String> types)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(COLUMNS)) {
      statement.setLong(1, oid);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
          types.add(rs.getString(2));
        }
      }
    }
  }

  private static List<String> texts(Array array) throws SQLException {
    List<String> values = new ArrayList<>();
    for (Object value : (Object[]) array.getArray()) {
      values.add((String) value);
    }
    return values;
  }
}
