/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.schema.SchemaReader;
import dev.tdb.admin.sources.SourceGate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema of a source database as a DDL script, read by {@link SchemaReader} over a JDBC
 * connection in one read-only transaction: no client program on the admin host takes part, so a
 * source of any PostgreSQL version from 13 on can be read.
 */
final class SourceSchema {
  private SourceSchema() {}

  /**
   * Reads the schema of {@code source}, connecting to {@code address} (what the source gate
   * admitted).
   *
   * @throws AdminException refused {@code source_connect_failed} (the same for every reason) when
   *     the source cannot be reached or refuses the login; conflict {@code source_too_old} for a
   *     server older than PostgreSQL 13; refused {@code schema_read_failed} when reading fails
   */
  static String read(SourceDatabase source, String address) {
    Connection connection;
    try {
      connection = DriverManager.getConnection(source.jdbcUrl(), source.properties(address));
    } catch (SQLException e) {
      throw SourceGate.connectFailed(
          source.describe(), e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
    }
    try (connection) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION READ ONLY");
      }
      String script = SchemaReader.read(connection);
      connection.rollback();
      return script;
    } catch (SchemaReader.ServerTooOld e) {
      throw new AdminException(
          AdminError.SOURCE_TOO_OLD,
          "cannot read the schema of " + source.describe() + ": " + e.getMessage(),
          "upgrade the source server to PostgreSQL 13 or newer, or load the schema by hand in the"
              + " workspace");
    } catch (SQLException e) {
      throw new AdminException(
          AdminError.SCHEMA_READ_FAILED,
          "reading the schema of "
              + source.describe()
              + " failed: "
              + e.getMessage()
              + " (SQLSTATE "
              + e.getSQLState()
              + ")",
          "the source's user must be able to read its system catalogs; check that the server is"
              + " still reachable from the admin host",
          e);
    }
  }
}
