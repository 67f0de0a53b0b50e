/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminConfig;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@code jdbc:tdb:} driver costs over plain pgjdbc on the same tenant database, in the
 * same run: a point SELECT by primary key on one open connection, with the prepared statement
 * reused (an ORM's steady state) and prepared on every call (the driver classifies on prepare).
 * Both connections log in as the tenant's runtime role; only the path differs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class DriverOverheadBenchmark {
  private static final String SELECT = "select id, name, balance from account where id = ?";
  private static final int ROWS = 1000;

  private EmbeddedPostgres postgres;
  private AdminServer admin;
  private Connection pgjdbc;
  private Connection tdb;
  private PreparedStatement pgjdbcSelect;
  private PreparedStatement tdbSelect;
  private int next;

  /** Starts PostgreSQL and the admin service, creates a tenant with a table, opens both paths. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    postgres = EmbeddedPostgres.start(PostgresOptions.throwaway("bench", "bench-password"));
    try (Connection su = superuser("postgres");
        Statement statement = su.createStatement()) {
      statement.execute("CREATE DATABASE tdb_admin");
    }
    admin =
        AdminServer.start(
            new AdminConfig(
                postgres.jdbcUrl("tdb_admin"),
                "bench",
                "bench-password",
                "127.0.0.1",
                0,
                AdminConfig.parseSecretKey(AdminConfig.generateSecretKey()),
                2));
    AccountCredentials account = admin.bootstrap().createAccount();
    admin
        .bootstrap()
        .registerCluster(
            "bench", postgres.host(), postgres.port(), "bench", "bench-password", "disable", 10);
    admin.bootstrap().createWorkspace(account.user(), "shop_workspace", ConnectionMode.WORKSPACE);
    admin.bootstrap().createTenant(account.user(), "shop", "acme");
    createTable();
    RoutingEntry route = admin.bootstrap().routingEntry(account.user(), "shop__acme");
    pgjdbc =
        DriverManager.getConnection(postgres.jdbcUrl("shop__acme"), route.role(), route.password());
    tdb =
        DriverManager.getConnection(
            "jdbc:tdb://127.0.0.1:"
                + admin.port()
                + "/shop__acme?user="
                + account.user()
                + "&password="
                + URLEncoder.encode(account.secret(), StandardCharsets.UTF_8));
    pgjdbcSelect = pgjdbc.prepareStatement(SELECT);
    tdbSelect = tdb.prepareStatement(SELECT);
  }

  /** The table, made as the blueprint owner in the tenant database, as a deployment would. */
  private void createTable() throws SQLException {
    try (Connection su = superuser("shop__acme");
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
  }

  private Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(postgres.jdbcUrl(database), "bench", "bench-password");
  }

  /** Closes both connections and stops everything. */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    tdb.close();
    pgjdbc.close();
    admin.close();
    postgres.close();
  }

  private int nextId() {
    next = next % ROWS + 1;
    return next;
  }

  /** pgjdbc, statement prepared once. */
  @Benchmark
  public long pgjdbcPreparedOnce() throws SQLException {
    return select(pgjdbcSelect);
  }

  /** jdbc:tdb:, statement prepared once. */
  @Benchmark
  public long tdbPreparedOnce() throws SQLException {
    return select(tdbSelect);
  }

  /** pgjdbc, statement prepared on every call. */
  @Benchmark
  public long pgjdbcPreparedEachCall() throws SQLException {
    try (PreparedStatement statement = pgjdbc.prepareStatement(SELECT)) {
      return select(statement);
    }
  }

  /** jdbc:tdb:, statement prepared on every call. */
  @Benchmark
  public long tdbPreparedEachCall() throws SQLException {
    try (PreparedStatement statement = tdb.prepareStatement(SELECT)) {
      return select(statement);
    }
  }

  private long select(PreparedStatement statement) throws SQLException {
    statement.setInt(1, nextId());
    try (ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1) + rs.getString(2).length();
    }
  }
}
