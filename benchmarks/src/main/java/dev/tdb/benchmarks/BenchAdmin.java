/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminConfig;
import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.pgserver.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The admin service a benchmark runs against: its metadata in database {@code tdb_admin} of the
 * benchmark's own server, one account, and that server registered as cluster {@code bench}.
 *
 * @param server the admin service, on a free port
 * @param account the account that owns what the benchmark makes
 */
record BenchAdmin(AdminServer server, AccountCredentials account) implements AutoCloseable {
  /**
   * Creates {@code tdb_admin} and starts the admin service on it.
   *
   * @param metadataPool connections of the metadata pool
   * @param capacity tenants the cluster takes
   */
  static BenchAdmin start(
      EmbeddedPostgres postgres, String superuser, String password, int metadataPool, int capacity)
      throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl("postgres"), superuser, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE tdb_admin");
    }
    AdminServer admin =
        AdminServer.start(
            AdminConfig.builder(
                    postgres.jdbcUrl("tdb_admin"), superuser, password, SecretKey.generate())
                .listen("127.0.0.1", 0)
                .poolSize(metadataPool)
                // Nothing drifts in a benchmark, and a benchmark may lift a database's
                // connection limit, which the check would restore.
                .roleCheckInterval(Duration.ofDays(1))
                .build());
    AccountCredentials account = admin.inProcess().createAccount();
    admin
        .inProcess()
        .registerCluster(
            "bench", postgres.host(), postgres.port(), superuser, password, "disable", capacity);
    return new BenchAdmin(admin, account);
  }

  /** Stops the admin service. */
  @Override
  public void close() {
    server.close();
  }
}
