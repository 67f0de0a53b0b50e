/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@code REPEATABLE READ READ ONLY} transaction on the source whose snapshot is exported, so that
 * every reader of an import sees the source as it was at one instant.
 */
final class Snapshot implements AutoCloseable {
  private final ImportSource source;
  private final Connection connection;
  private final String id;

  private Snapshot(ImportSource source, Connection connection, String id) {
    this.source = source;
    this.connection = connection;
    this.id = id;
  }

  /** Opens the transaction and exports its snapshot. */
  static Snapshot open(ImportSource source) throws SQLException {
    Connection connection = source.connect();
    try {
      begin(connection);
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT pg_export_snapshot()")) {
        rs.next();
        return new Snapshot(source, connection, rs.getString(1));
      }
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The connection holding the snapshot. */
  Connection connection() {
    return connection;
  }

  /** A new connection whose transaction sees the same snapshot; the caller closes it. */
  Connection reader() throws SQLException {
    Connection reader = source.connect();
    try {
      begin(reader);
      try (Statement statement = reader.createStatement()) {
        statement.execute("SET TRANSACTION SNAPSHOT '" + id.replace("'", "''") + "'");
      }
      return reader;
    } catch (SQLException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static void begin(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET TRANSACTION READ ONLY");
      statement.execute("SET LOCAL standard_conforming_strings = on");
    }
  }

  /** Ends the transaction without changing anything. */
  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
