/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

import dev.tdb.core.policy.SqlState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads the schema of a PostgreSQL 13 or newer database from its system catalogs and writes it as a
 * DDL script, statements in the order they can run in: what pg_dump's {@code --schema-only
 * --no-owner --no-privileges} gave, without a pg_dump binary that must be as new as the server.
 *
 * <p>The script makes schemas, extensions, types, sequences, functions and procedures, tables (with
 * partitions), their constraints, indexes, views and materialized views, foreign keys, sequence
 * ownership, triggers, row-level security and comments. PostgreSQL's own schemas, tdb's {@code
 * tdb_catalog} and every object an extension made are left out. What it does not read is listed in
 * docs/admin-api.md (owners, privileges, publications, subscriptions, event triggers, foreign data,
 * tablespaces, aggregates, operators, statistics objects...).
 */
public final class SchemaReader {
  /** The oldest server whose catalogs this reads ({@code pg_trigger.tgparentid} came in 13). */
  public static final int OLDEST_SERVER = 130000;

  /** The server is older than {@link #OLDEST_SERVER}: SQLSTATE {@code 0A000}. */
  public static final class ServerTooOld extends SQLException {
    private static final long serialVersionUID = 1L;

    ServerTooOld(int version) {
      super(
          "the server runs PostgreSQL "
              + version / 10000
              + "; the schema reader reads PostgreSQL 13 and newer",
          SqlState.FEATURE_NOT_SUPPORTED.code());
    }
  }

  private SchemaReader() {}

  /**
   * The schema of the database behind {@code connection} as a script. Sets the session's {@code
   * search_path} to empty, so that every name is printed schema-qualified; run it in a read-only
   * transaction for a consistent picture.
   *
   * @throws ServerTooOld when the server is older than {@link #OLDEST_SERVER}
   * @throws SQLException when a catalog query fails
   */
  public static String read(Connection connection) throws SQLException {
    int version = serverVersion(connection);
    if (version < OLDEST_SERVER) {
      throw new IllegalArgumentException(
          "the server runs PostgreSQL "
              + version / 10000
              + "; the schema reader needs 13 or newer");
    }
    Catalog catalog = new Catalog(connection, version);
    Script script = new Script();
    Namespaces.schemas(catalog, script);
    Namespaces.extensions(catalog, script);
    Types.write(catalog, script);
    Sequences.create(catalog, script);
    Routines.write(catalog, script);
    Types.domainChecks(catalog, script);
    Tables.write(catalog, script);
    InheritedColumns.write(catalog, script);
    Constraints.write(catalog, script, Constraints.Pass.OWN);
    Indexes.write(catalog, script, Indexes.Pass.TABLES);
    Views.write(catalog, script);
    Indexes.write(catalog, script, Indexes.Pass.MATERIALIZED_VIEWS);
    Constraints.write(catalog, script, Constraints.Pass.FOREIGN_KEYS);
    Sequences.owners(catalog, script);
    Triggers.write(catalog, script);
    Policies.write(catalog, script);
    Comments.write(catalog, script);
    return script.toString();
  }

  private static int serverVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
      try (ResultSet rs =
          statement.executeQuery("SELECT pg_catalog.current_setting('server_version_num')::int")) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
