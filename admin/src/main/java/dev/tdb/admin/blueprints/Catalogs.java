/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.clusters.AdvisoryLocks;
import dev.tdb.admin.clusters.Sql;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Installs the {@code tdb_catalog} schemas: DDL capture in a workspace database, the schema version
 * row in a tenant database. Both scripts may run any number of times, concurrently.
 */
public final class Catalogs {
  private static final String WORKSPACE = script("workspace-catalog.sql");
  private static final String TENANT = script("tenant-catalog.sql");
  private static final int WORKSPACE_LOCK = 1;
  private static final int TENANT_LOCK = 3;

  private Catalogs() {}

  /**
   * Installs or refreshes DDL capture; {@code connection} is a superuser's on the workspace.
   *
   * @throws SQLException {@code 55P03} when the installer's lock stays held past {@code lockWait}
   */
  public static void installWorkspace(Connection connection, Duration lockWait)
      throws SQLException {
    run(connection, WORKSPACE, WORKSPACE_LOCK, lockWait);
  }

  /**
   * Creates the schema version row (at 0) unless it exists, as a superuser on the tenant, and lets
   * the blueprint owner {@code owner} read and bump it (and nothing else in {@code tdb_catalog}).
   *
   * @throws SQLException {@code 55P03} when the installer's lock stays held past {@code lockWait}
   */
  public static void installTenant(Connection connection, String owner, Duration lockWait)
      throws SQLException {
    String role = Sql.identifier(owner);
    run(
        connection,
        TENANT
            + "\nGRANT USAGE ON SCHEMA tdb_catalog TO "
            + role
            + ";\nGRANT SELECT, UPDATE ON tdb_catalog.schema_version TO "
            + role
            + ";\n",
        TENANT_LOCK,
        lockWait);
  }

  /** True when the session's role can read and bump the tenant's schema version row. */
  public static boolean tenantReady(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT has_schema_privilege(n.oid, 'USAGE')"
                    + " AND has_table_privilege(c.oid, 'SELECT, UPDATE')"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'tdb_catalog' AND c.relname = 'schema_version'")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * Runs {@code script} in one transaction, after taking its lock (which the script takes again)
   * with a bounded wait: the database's own role can take the same key.
   */
  private static void run(Connection connection, String script, int lock, Duration lockWait)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      AdvisoryLocks.lockTransaction(connection, lock, lockWait, "catalog installer");
      statement.execute(script);
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static String script(String name) {
    try (InputStream in = Catalogs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
