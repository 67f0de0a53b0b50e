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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tenant creation through the REST API for a blueprint of {@value #TABLES} tables (each with an
 * index, a check constraint, a default and, after the first, a foreign key: {@code 2 * TABLES}
 * released versions), on an embedded durable PostgreSQL: a copy of the blueprint's template against
 * the replay of every change, {@value #SAMPLES} of each (after {@value #WARMUP} unmeasured), the
 * copies first, in one run. The copies come first because a replay ends with a connection to the
 * template (to check it), and PostgreSQL makes a copy started while that session is still exiting
 * wait for it in steps of 100 ms. A replay is forced by marking the template as behind in the
 * metadata before the creation, which is the path a creation takes when the template is missing or
 * behind: the changes are replayed on the new database, then the template is checked and brought up
 * (here already current).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.tdb.benchmarks.TemplateCreationBenchmark}
 */
public final class TemplateCreationBenchmark {
  private static final int SAMPLES = 60;
  private static final int WARMUP = 5;
  private static final int TABLES = 20;
  private static final String BLUEPRINT = "bench";

  private TemplateCreationBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    Path directory = Files.createTempDirectory("tdb-bench-");
    // PostgreSQL runs as nobody when this runs as root; it must be able to enter the folder.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options =
        PostgresOptions.durable(
                directory.resolve("cluster"),
                0,
                TenantCreationBenchmark.SUPERUSER,
                TenantCreationBenchmark.PASSWORD)
            .withServerSettings(Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options)) {
      try (BenchAdmin bench =
          BenchAdmin.start(
              postgres,
              TenantCreationBenchmark.SUPERUSER,
              TenantCreationBenchmark.PASSWORD,
              8,
              100_000)) {
        AdminServer admin = bench.server();
        AccountCredentials account = bench.account();
        admin
            .inProcess()
            .createWorkspace(account.user(), BLUEPRINT + "_workspace", ConnectionMode.WORKSPACE);
        AdminRest rest = new AdminRest(admin.baseUri(), account);
        rest.createTenant(BLUEPRINT, "first");
        design(rest);
        int released = deploy(rest);
        measure(postgres, rest, released);
      }
    } finally {
      TenantCreationBenchmark.deleteQuietly(directory);
    }
  }

  private static void measure(EmbeddedPostgres postgres, AdminRest rest, int released)
      throws Exception {
    List<Long> copies = new ArrayList<>();
    List<Long> replays = new ArrayList<>();
    try (Connection metadata = TenantCreationBenchmark.superuser(postgres, "tdb_admin");
        Statement statement = metadata.createStatement()) {
      for (int i = 0; i < WARMUP + SAMPLES; i++) {
        requireTemplateAt(statement, released);
        long start = System.nanoTime();
        rest.createTenant(BLUEPRINT, "copy" + i);
        record(copies, i, System.nanoTime() - start);
      }
      for (int i = 0; i < WARMUP + SAMPLES; i++) {
        statement.execute("UPDATE blueprint_templates SET version = 0");
        long start = System.nanoTime();
        rest.createTenant(BLUEPRINT, "replay" + i);
        record(replays, i, System.nanoTime() - start);
      }
    }
    requireVersion(postgres, "bench__copy" + (WARMUP + SAMPLES - 1), released);
    requireVersion(postgres, "bench__replay" + (WARMUP + SAMPLES - 1), released);
    report(copies, replays, released);
  }

  private static void record(List<Long> samples, int iteration, long nanos) {
    if (iteration >= WARMUP) {
      samples.add(nanos);
    }
  }

  /** The workspace's runtime role creates the tables, one captured change per statement. */
  private static void design(AdminRest rest) throws Exception {
    JsonNode route = rest.get("v1/routing/" + BLUEPRINT + "_workspace");
    String url =
        "jdbc:postgresql://"
            + route.get("host").asText()
            + ":"
            + route.get("port").asInt()
            + "/"
            + route.get("database").asText()
            + "?sslmode=disable";
    try (Connection connection =
            DriverManager.getConnection(
                url, route.get("role").asText(), route.get("password").asText());
        Statement statement = connection.createStatement()) {
      for (int t = 1; t <= TABLES; t++) {
        String name = String.format(Locale.ROOT, "table%02d", t);
        String parent =
            t == 1
                ? ""
                : String.format(Locale.ROOT, ", parent_id bigint REFERENCES table%02d (id)", t - 1);
        statement.execute(
            "CREATE TABLE "
                + name
                + " (id bigserial PRIMARY KEY, name text NOT NULL, amount numeric(12, 2)"
                + " NOT NULL DEFAULT 0 CHECK (amount >= 0), created_at timestamptz NOT NULL"
                + " DEFAULT now(), note text"
                + parent
                + ")");
        statement.execute("CREATE INDEX " + name + "_name ON " + name + " (name, created_at)");
      }
    }
  }

  /** Deploys every captured change to the first tenant (and the template); the version. */
  private static int deploy(AdminRest rest) throws Exception {
    JsonNode created =
        rest.post(
            "v1/deployments",
            new DeploymentCreate(BLUEPRINT, null, null, true, null, null, null),
            201);
    long id = created.get("id").asLong();
    JsonNode deployment = rest.get("v1/deployments/" + id);
    while (deployment.get("status").asText().equals("running")) {
      Thread.sleep(100);
      deployment = rest.get("v1/deployments/" + id);
    }
    int version = deployment.get("version").asInt();
    JsonNode template = deployment.get("templates").get(0);
    if (!deployment.get("status").asText().equals("succeeded")
        || template.get("version").asInt() != version) {
      throw new IllegalStateException("the deployment did not succeed: " + deployment);
    }
    return version;
  }

  private static void requireTemplateAt(Statement metadata, int released) throws Exception {
    try (var rs = metadata.executeQuery("SELECT version FROM blueprint_templates")) {
      if (!rs.next() || rs.getInt(1) != released) {
        throw new IllegalStateException("the template is not at version " + released);
      }
    }
  }

  private static void requireVersion(EmbeddedPostgres postgres, String database, int version)
      throws Exception {
    try (Connection connection = TenantCreationBenchmark.superuser(postgres, database);
        Statement statement = connection.createStatement();
        var rs =
            statement.executeQuery(
                "SELECT (SELECT version FROM tdb_catalog.schema_version),"
                    + " (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')")) {
      rs.next();
      if (rs.getInt(1) != version || rs.getInt(2) != TABLES) {
        throw new IllegalStateException(
            database + " is at version " + rs.getInt(1) + " with " + rs.getInt(2) + " tables");
      }
    }
  }

  private static void report(List<Long> copies, List<Long> replays, int released) {
    double copy = TenantCreationBenchmark.percentile(copies, 50);
    double replay = TenantCreationBenchmark.percentile(replays, 50);
    System.out.printf(
        Locale.ROOT, "blueprint: %d tables, %d released versions%n", TABLES, released);
    System.out.printf(
        Locale.ROOT,
        "copy of the template:   median %.1f ms, p95 %.1f ms (n=%d)%n",
        copy,
        TenantCreationBenchmark.percentile(copies, 95),
        copies.size());
    System.out.printf(
        Locale.ROOT,
        "replay of the changes:  median %.1f ms, p95 %.1f ms (n=%d)%n",
        replay,
        TenantCreationBenchmark.percentile(replays, 95),
        replays.size());
    System.out.printf(Locale.ROOT, "ratio of medians (replay / copy): %.2f%n", replay / copy);
  }
}
