/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.clusters.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Copies one tenant's rows from the source into its database in the target's one transaction:
 * tables in foreign-key order, each streamed with {@code COPY ... TO STDOUT} on the source into
 * {@code COPY ... FROM STDIN} on the tenant one chunk at a time (binary when the column types
 * agree), then sequences advanced past the imported values and row counts verified against the
 * source before the commit. Any failure leaves the tenant database as it was.
 */
final class TenantCopy {
  private static final String TARGET_COLUMNS =
      "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
          + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped"
          + " AND attgenerated = '' ORDER BY attnum";
  private static final String SEQUENCE_COLUMNS =
      "SELECT s.oid::regclass::text, ad.adrelid::regclass::text, a.attname"
          + " FROM pg_class s JOIN pg_depend d ON d.refobjid = s.oid"
          + "   AND d.classid = 'pg_attrdef'::regclass"
          + " JOIN pg_attrdef ad ON ad.oid = d.objid"
          + " JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum"
          + " WHERE s.relkind = 'S'"
          + " UNION SELECT s.oid::regclass::text, d.refobjid::regclass::text, a.attname"
          + " FROM pg_class s JOIN pg_depend d ON d.objid = s.oid"
          + "   AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
          + "   AND d.deptype IN ('a', 'i')"
          + " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
          + " WHERE s.relkind = 'S' ORDER BY 1";

  /** Why a tenant's import stopped, in words for the import status. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /**
   * One table to copy for the tenant.
   *
   * @param table the source table
   * @param filter the routing value its rows are selected by, or null for all rows
   * @param expected the rows the source holds for the tenant in the import's snapshot
   */
  record Part(SourceTable table, String filter, long expected) {}

  private final String routingField;

  TenantCopy(String routingField) {
    this.routingField = routingField;
  }

  /**
   * Copies {@code parts} from {@code source} (in the import's snapshot) into {@code target} and
   * commits; returns the rows copied.
   *
   * @throws Failed when a table is missing or not empty, or the counts differ (rolled back)
   * @throws SQLException when either server refuses (rolled back)
   */
  long copy(Connection source, Connection target, List<Part> parts) throws SQLException, Failed {
    target.setAutoCommit(false);
    try {
      long rows = 0;
      for (Part part : parts) {
        rows += copyTable(source, target, part);
      }
      advanceSequences(target);
      verify(target, parts);
      target.commit();
      return rows;
    } catch (SQLException | Failed | RuntimeException e) {
      target.rollback();
      throw e;
    }
  }

  private long copyTable(Connection source, Connection target, Part part)
      throws SQLException, Failed {
    SourceTable table = part.table();
    Map<String, String> targetTypes = targetColumns(target, table);
    if (targetTypes.isEmpty()) {
      throw new Failed(
          "table "
              + table.qualified()
              + " does not exist in the tenant database;"
              + " deploy the blueprint version that has it first");
    }
    if (hasRows(target, table)) {
      throw new Failed("table " + table.qualified() + " already holds rows in the tenant database");
    }
    List<String> columns = new ArrayList<>();
    boolean binary = true;
    for (int i = 0; i < table.columns().size(); i++) {
      String column = table.columns().get(i);
      String type = targetTypes.get(column);
      if (type != null) {
        columns.add(Sql.identifier(column));
        binary &= type.equals(table.types().get(i));
      }
    }
    String list = String.join(", ", columns);
    String format = binary ? " (FORMAT binary)" : "";
    String select = "SELECT " + list + " FROM " + table.sql();
    if (part.filter() != null) {
      select += " WHERE " + Sql.identifier(routingField) + " = " + Sql.literal(part.filter());
    }
    return pump(
        source,
        "COPY (" + select + ") TO STDOUT" + format,
        target,
        "COPY " + table.sql() + " (" + list + ") FROM STDIN" + format);
  }

  /** Streams one COPY into the other, one chunk in memory at a time. */
  private static long pump(Connection source, String out, Connection target, String in)
      throws SQLException {
    CopyOut reader = source.unwrap(PGConnection.class).getCopyAPI().copyOut(out);
    CopyIn writer = null;
    try {
      writer = target.unwrap(PGConnection.class).getCopyAPI().copyIn(in);
      byte[] chunk;
      while ((chunk = reader.readFromCopy()) != null) {
        writer.writeToCopy(chunk, 0, chunk.length);
      }
      return writer.endCopy();
    } finally {
      if (writer != null && writer.isActive()) {
        writer.cancelCopy();
      }
      if (reader.isActive()) {
        reader.cancelCopy();
      }
    }
  }

  private static Map<String, String> targetColumns(Connection target, SourceTable table)
      throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (PreparedStatement statement = target.prepareStatement(TARGET_COLUMNS)) {
      statement.setString(1, table.sql());
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  private static boolean hasRows(Connection target, SourceTable table) throws SQLException {
    try (Statement statement = target.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table.sql() + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * Sets every sequence a column default or identity draws from past the largest value of those
   * columns, so the application's next insert gets a fresh value.
   */
  private static void advanceSequences(Connection target) throws SQLException {
    Map<String, List<String>> uses = new LinkedHashMap<>();
    try (Statement statement = target.createStatement();
        ResultSet rs = statement.executeQuery(SEQUENCE_COLUMNS)) {
      while (rs.next()) {
        uses.computeIfAbsent(rs.getString(1), s -> new ArrayList<>())
            .add(
                "SELECT max("
                    + Sql.identifier(rs.getString(3))
                    + ")::bigint AS v FROM "
                    + rs.getString(2));
      }
    }
    for (Map.Entry<String, List<String>> use : uses.entrySet()) {
      String highest = "SELECT max(v) FROM (" + String.join(" UNION ALL ", use.getValue()) + ") m";
      try (Statement statement = target.createStatement()) {
        statement.execute(
            "SELECT setval("
                + Sql.literal(use.getKey())
                + ", h, true) FROM ("
                + highest
                + ") x(h) WHERE h IS NOT NULL");
      }
    }
  }

  private static void verify(Connection target, List<Part> parts) throws SQLException, Failed {
    for (Part part : parts) {
      try (Statement statement = target.createStatement();
          ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + part.table().sql())) {
        rs.next();
        long found = rs.getLong(1);
        if (found != part.expected()) {
          throw new Failed(
              "table "
                  + part.table().qualified()
                  + " holds "
                  + found
                  + " rows in the tenant database after the copy, the source "
                  + part.expected());
        }
      }
    }
  }
}
