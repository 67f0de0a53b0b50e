/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.DeploymentCreate;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One {@code ALTER TABLE … ADD COLUMN} deployed through the REST API to many tenants on an embedded
 * durable PostgreSQL, at parallel 4 and then 8: the wall time from the request to the deployment's
 * end, tenants per second, and the median and p95 of one tenant's upgrade (from its claim to its
 * stored result, as the metadata database records them).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tdb.benchmarks.DeploymentBenchmark
 * [tenants]} (1000 by default; creating them takes about a minute before anything is measured).
 */
public final class DeploymentBenchmark {
  private static final int[] PARALLEL = {4, 8};
  private static final String SUPERUSER = "bench";
  private static final String PASSWORD = "bench-password";

  private DeploymentBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path directory = Files.createTempDirectory("tdb-bench-");
    // PostgreSQL runs as nobody when this runs as root; it must be able to enter the folder.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options =
        PostgresOptions.durable(directory.resolve("cluster"), 0, SUPERUSER, PASSWORD)
            .withServerSettings(Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options)) {
      try (BenchAdmin bench = BenchAdmin.start(postgres, SUPERUSER, PASSWORD, 16, 100_000)) {
        AdminServer admin = bench.server();
        AccountCredentials account = bench.account();
        admin
            .inProcess()
            .createWorkspace(account.user(), "bench_workspace", ConnectionMode.WORKSPACE);
        AdminRest rest = new AdminRest(admin.baseUri(), account);
        // Released before the tenants exist, so each starts with the table.
        workspace(rest, "CREATE TABLE items (id bigint PRIMARY KEY, name text)");
        deploy(rest, 4);
        createTenants(rest, tenants);
        for (int parallel : PARALLEL) {
          workspace(rest, "ALTER TABLE items ADD COLUMN p" + parallel + " int");
          long start = System.nanoTime();
          long id = deploy(rest, parallel);
          double seconds = (System.nanoTime() - start) / 1e9;
          report(postgres, id, parallel, seconds);
        }
      }
    } finally {
      deleteQuietly(directory);
    }
  }

  /** Creates the tenants through the REST API, four requests at a time. */
  static void createTenants(AdminRest rest, int count) throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<JsonNode>> creations = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = "t" + i;
        creations.add(
            () -> {
              rest.createTenant("bench", name);
              return null;
            });
      }
      for (Future<JsonNode> creation : pool.invokeAll(creations)) {
        creation.get();
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf(
        Locale.ROOT, "%d tenants created in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
  }

  /** Runs {@code ddl} in the workspace as its runtime role, so it is captured as a version. */
  static void workspace(AdminRest rest, String ddl) throws Exception {
    JsonNode entry = rest.send("GET", "v1/routing/bench_workspace", null, 200);
    String url =
        "jdbc:postgresql://"
            + entry.get("host").asText()
            + ":"
            + entry.get("port").asInt()
            + "/"
            + entry.get("database").asText()
            + "?sslmode=disable";
    try (Connection connection =
            DriverManager.getConnection(
                url, entry.get("role").asText(), entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    }
  }

  /** Deploys the latest version to every tenant and returns once the deployment has ended. */
  static long deploy(AdminRest rest, int parallel) throws Exception {
    DeploymentCreate body = new DeploymentCreate("bench", null, null, true, parallel, null, null);
    long id = rest.send("POST", "v1/deployments", body, 201).get("id").asLong();
    while (true) {
      JsonNode deployment = rest.send("GET", "v1/deployments/" + id, null, 200);
      String status = deployment.get("status").asText();
      if (status.equals("succeeded")) {
        return id;
      }
      if (!status.equals("running")) {
        throw new IllegalStateException("deployment " + id + " ended " + deployment);
      }
      Thread.sleep(20);
    }
  }

  private static void report(EmbeddedPostgres postgres, long id, int parallel, double seconds)
      throws Exception {
    List<Long> micros = new ArrayList<>();
    try (Connection connection = superuser(postgres, "tdb_admin");
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT (extract(epoch FROM finished_at - started_at) * 1e6)::bigint"
                    + " FROM deployment_tenants WHERE deployment_id = ? AND status = 'succeeded'")) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          micros.add(rs.getLong(1));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "parallel %d: %d tenants in %.1f s, %.1f tenants/s, per tenant median %.1f ms,"
            + " p95 %.1f ms%n",
        parallel,
        micros.size(),
        seconds,
        micros.size() / seconds,
        percentile(micros, 50),
        percentile(micros, 95));
  }

  /** The {@code p}th percentile in milliseconds (nearest rank). */
  private static double percentile(List<Long> micros, int p) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e3;
  }

  private static Connection superuser(EmbeddedPostgres postgres, String database) throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(database), SUPERUSER, PASSWORD);
  }

  static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + directory + ": " + e.getMessage());
    }
  }
}
