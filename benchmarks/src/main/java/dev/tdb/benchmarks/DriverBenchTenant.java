/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the driver benchmarks measure against: an embedded PostgreSQL, the admin service, tenant
 * {@code shop__acme} with a table {@code account} of {@link #ROWS} rows made as the blueprint owner
 * (as a deployment would), and the two ways to reach it as the tenant's runtime role: plain pgjdbc
 * to the physical database and {@code jdbc:tdb:} through the admin service's routing.
 */
final class DriverBenchTenant implements AutoCloseable {
  /** Rows in {@code account}, ids 1 to ROWS. */
  static final int ROWS = 1000;

  private final EmbeddedPostgres postgres;
  private final AdminServer admin;
  private final RoutingEntry route;
  private final String tdbUrl;

  private DriverBenchTenant(
      EmbeddedPostgres postgres, AdminServer admin, RoutingEntry route, String tdbUrl) {
    this.postgres = postgres;
    this.admin = admin;
    this.route = route;
    this.tdbUrl = tdbUrl;
  }

  /** Starts everything and fills the table. */
  static DriverBenchTenant start() throws SQLException {
    EmbeddedPostgres postgres =
        EmbeddedPostgres.start(PostgresOptions.throwaway("bench", "bench-password"));
    BenchAdmin bench = BenchAdmin.start(postgres, "bench", "bench-password", 2, 10);
    AdminServer admin = bench.server();
    AccountCredentials account = bench.account();
    admin.inProcess().createWorkspace(account.user(), "shop_workspace", ConnectionMode.WORKSPACE);
    admin.inProcess().createTenant(account.user(), "shop", "acme");
    try (Connection su = superuser(postgres, "shop__acme");
        Statement statement = su.createStatement()) {
      statement.execute("SET ROLE shop__owner");
      statement.execute(
          "CREATE TABLE account (id int PRIMARY KEY, name text NOT NULL, balance numeric NOT NULL)");
      statement.execute(
          "INSERT INTO account SELECT g, 'customer ' || g, g * 1.5 FROM generate_series(1, "
              + ROWS
              + ") g");
      statement.execute("ANALYZE account");
    }
    String tdbUrl =
        "jdbc:tdb://127.0.0.1:"
            + admin.port()
            + "/shop__acme?user="
            + account.user()
            + "&password="
            + URLEncoder.encode(account.secret(), StandardCharsets.UTF_8);
    return new DriverBenchTenant(
        postgres, admin, admin.inProcess().routingEntry(account.user(), "shop__acme"), tdbUrl);
  }

  /** A plain pgjdbc connection to the tenant database as its runtime role. */
  Connection pgjdbc() throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl("shop__acme"), route.role(), route.password());
  }

  /** A {@code jdbc:tdb:} connection to {@code shop__acme}. */
  Connection tdb() throws SQLException {
    return DriverManager.getConnection(tdbUrl);
  }

  private static Connection superuser(EmbeddedPostgres postgres, String database)
      throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), "bench", "bench-password");
  }

  /** Stops the admin service and PostgreSQL. */
  @Override
  public void close() {
    admin.close();
    postgres.close();
  }
}
