/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real tenant database for driver tests, set up as the admin service sets one up: a table, and a
 * runtime role with DML rights only (no CREATE on any schema), which the routing entry hands out.
 */
final class TenantDatabase {
  private static final AtomicLong EPOCHS = new AtomicLong();

  private final TestPostgres postgres;
  private final String database;
  private final String role;

  private TenantDatabase(TestPostgres postgres, String database) {
    this.postgres = postgres;
    this.database = database;
    this.role = database + "__rt";
  }

  /** Creates the database, its {@code items} table and its DML-only runtime role. */
  static TenantDatabase create(TestPostgres postgres) throws SQLException {
    TenantDatabase tenant = new TenantDatabase(postgres, postgres.createDatabase("tenant"));
    try (Connection connection = postgres.connect(tenant.database);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL, tags text[],"
              + " doc jsonb, at timestamptz)");
      statement.execute("CREATE ROLE " + tenant.role + " LOGIN PASSWORD 'runtime-pw'");
      statement.execute("REVOKE ALL ON DATABASE " + tenant.database + " FROM PUBLIC");
      statement.execute("GRANT CONNECT ON DATABASE " + tenant.database + " TO " + tenant.role);
      statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      statement.execute("GRANT USAGE ON SCHEMA public TO " + tenant.role);
      statement.execute(
          "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + tenant.role);
      statement.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + tenant.role);
    }
    return tenant;
  }

  /** A superuser connection to the physical database, to check what really happened. */
  Connection superuser() throws SQLException {
    return postgres.connect(database);
  }

  /** An active tenant entry for this database under {@code logicalName}. */
  RoutingEntry entry(String logicalName, WorkspaceSettings settings) {
    return entry(logicalName, settings, RoutingEntry.Status.ACTIVE);
  }

  /** A tenant entry for this database with the given status. */
  RoutingEntry entry(String logicalName, WorkspaceSettings settings, RoutingEntry.Status status) {
    return new RoutingEntry(
        logicalName,
        RoutingEntry.Mode.TENANT,
        "myapp_workspace",
        status,
        postgres.host(),
        postgres.port(),
        "disable",
        database,
        role,
        "runtime-pw",
        settings,
        EPOCHS.incrementAndGet());
  }
}
