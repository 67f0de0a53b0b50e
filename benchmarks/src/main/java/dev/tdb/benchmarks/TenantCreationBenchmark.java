/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Tenant creation through the REST API, end to end, on an embedded durable PostgreSQL: the latency
 * of one creation (median and p95 over {@value #SAMPLES}) against a baseline measured in the same
 * run on the same server (a bare {@code CREATE ROLE} and {@code CREATE DATABASE}, the least any
 * creation must do), then the wall time of {@value #BULK} creations in a row.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.tdb.benchmarks.TenantCreationBenchmark}
 */
public final class TenantCreationBenchmark {
  private static final int SAMPLES = 200;
  private static final int BULK = 1000;
  static final String SUPERUSER = "bench";
  static final String PASSWORD = "bench-password";

  private TenantCreationBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    Path directory = Files.createTempDirectory("tdb-bench-");
    // PostgreSQL runs as nobody when this runs as root; it must be able to enter the folder.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options =
        PostgresOptions.durable(directory.resolve("cluster"), 0, SUPERUSER, PASSWORD)
            .withServerSettings(java.util.Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options)) {
      List<Long> baseline = baseline(postgres);
      try (BenchAdmin bench = BenchAdmin.start(postgres, SUPERUSER, PASSWORD, 8, 100_000)) {
        AdminServer admin = bench.server();
        AccountCredentials account = bench.account();
        admin
            .inProcess()
            .createWorkspace(account.user(), "bench_workspace", ConnectionMode.WORKSPACE);
        AdminRest rest = new AdminRest(admin.baseUri(), account);
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
          long start = System.nanoTime();
          rest.createTenant("bench", "sample" + i);
          samples.add(System.nanoTime() - start);
        }
        long bulkStart = System.nanoTime();
        for (int i = 0; i < BULK; i++) {
          rest.createTenant("bench", "bulk" + i);
        }
        double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;
        report(baseline, samples, bulkSeconds);
      }
    } finally {
      deleteQuietly(directory);
    }
  }

  /** A bare role and database per iteration, with no tdb in between. */
  private static List<Long> baseline(EmbeddedPostgres postgres) throws Exception {
    List<Long> samples = new ArrayList<>();
    try (Connection connection = superuser(postgres, "postgres");
        Statement statement = connection.createStatement()) {
      for (int i = 0; i < SAMPLES; i++) {
        long start = System.nanoTime();
        statement.execute("CREATE ROLE baseline_" + i + " LOGIN PASSWORD 'x'");
        statement.execute("CREATE DATABASE baseline_" + i + " OWNER baseline_" + i);
        samples.add(System.nanoTime() - start);
      }
      for (int i = 0; i < SAMPLES; i++) {
        statement.execute("DROP DATABASE baseline_" + i);
        statement.execute("DROP ROLE baseline_" + i);
      }
    }
    return samples;
  }

  private static void report(List<Long> baseline, List<Long> samples, double bulkSeconds) {
    double baseMedian = percentile(baseline, 50);
    double median = percentile(samples, 50);
    System.out.printf(
        Locale.ROOT,
        "bare CREATE ROLE + CREATE DATABASE: median %.1f ms, p95 %.1f ms (n=%d)%n",
        baseMedian,
        percentile(baseline, 95),
        baseline.size());
    System.out.printf(
        Locale.ROOT,
        "tenant creation via REST:           median %.1f ms, p95 %.1f ms (n=%d)%n",
        median,
        percentile(samples, 95),
        samples.size());
    System.out.printf(
        Locale.ROOT, "ratio of medians (tdb / bare):      %.2f%n", median / baseMedian);
    System.out.printf(
        Locale.ROOT,
        "%d tenants in a row:               %.1f s, %.1f tenants/s%n",
        BULK,
        bulkSeconds,
        BULK / bulkSeconds);
  }

  /** The {@code p}th percentile in milliseconds (nearest rank). */
  static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1)) / 1e6;
  }

  static Connection superuser(EmbeddedPostgres postgres, String database) throws Exception {
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
