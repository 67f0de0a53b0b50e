/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Installs the {@code tdb_catalog} schemas: DDL capture in a workspace database, the schema version
 * row in a tenant database. Both scripts may run any number of times, concurrently.
 */
public final class Catalogs {
  private static final String WORKSPACE = script("workspace-catalog.sql");
  private static final String TENANT = script("tenant-catalog.sql");

  private Catalogs() {}

  /** Installs or refreshes DDL capture; {@code connection} is a superuser's on the workspace. */
  public static void installWorkspace(Connection connection) throws SQLException {
    run(connection, WORKSPACE);
  }

  /** Creates the schema version row (at 0) unless it exists; as a superuser on the tenant. */
  public static void installTenant(Connection connection) throws SQLException {
    run(connection, TENANT);
  }

  private static void run(Connection connection, String script) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
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
