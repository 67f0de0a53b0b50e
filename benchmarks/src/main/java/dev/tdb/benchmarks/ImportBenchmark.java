/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.DeploymentCreate;
import dev.tdb.core.api.ImportSpec;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Rows per second of {@code import-data} (REST API, background import into 100 tenants) against a
 * plain binary {@code COPY} of the same rows from the same source into one database of the same
 * server, measured in the same run on an embedded durable PostgreSQL.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tdb.benchmarks.ImportBenchmark
 * [rows] [tenants] [parallel]} (10,000,000 rows, 100 tenants, parallel 2 by default).
 */
public final class ImportBenchmark {
  private static final String SUPERUSER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final String TABLE =
      "CREATE TABLE events (id bigint PRIMARY KEY, %s at timestamptz NOT NULL,"
          + " amount integer NOT NULL, note text)";

  private ImportBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    Path directory = Files.createTempDirectory("tdb-bench-");
    // PostgreSQL runs as nobody when this runs as root; it must be able to enter the folder.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options =
        PostgresOptions.durable(directory.resolve("cluster"), 0, SUPERUSER, PASSWORD)
            .withServerSettings(Map.of("max_connections", "300", "max_wal_size", "4GB"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options)) {
      source(postgres, rows, tenants);
      double plain = plainCopy(postgres, rows);
      try (BenchAdmin bench = BenchAdmin.start(postgres, SUPERUSER, PASSWORD, 16, 100_000)) {
        AdminServer admin = bench.server();
        AccountCredentials account = bench.account();
        admin
            .inProcess()
            .createWorkspace(account.user(), "bench_workspace", ConnectionMode.WORKSPACE);
        AdminRest rest = new AdminRest(admin.baseUri(), account);
        workspace(postgres, rest);
        deploy(rest);
        for (int t = 1; t <= tenants; t++) {
          rest.createTenant("bench", "t" + t);
        }
        double imported = importData(postgres, rest, rows, parallel);
        System.out.printf(
            Locale.ROOT,
            "plain COPY: %.0f rows/s; import-data into %d tenants (parallel %d): %.0f rows/s;"
                + " ratio %.2f%n",
            plain,
            tenants,
            parallel,
            imported,
            imported / plain);
      }
    } finally {
      deleteQuietly(directory);
    }
  }

  /** The shared database: one table, rows grouped by tenant as after CLUSTER on its index. */
  private static void source(EmbeddedPostgres postgres, long rows, int tenants) throws Exception {
    try (Connection connection = superuser(postgres, "postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE saas");
      statement.execute("CREATE DATABASE plain");
    }
    long start = System.nanoTime();
    try (Connection connection = superuser(postgres, "saas");
        Statement statement = connection.createStatement()) {
      statement.execute(String.format(TABLE, "tenant_id text NOT NULL,"));
      statement.execute(
          "INSERT INTO events SELECT g, 't' || (1 + (g - 1) * "
              + tenants
              + " / "
              + rows
              + "), timestamptz '2026-01-01' + g * interval '1 second', g % 1000,"
              + " 'event number ' || g FROM generate_series(1, "
              + rows
              + ") g");
      statement.execute("CREATE INDEX events_tenant ON events (tenant_id)");
      statement.execute("VACUUM ANALYZE events");
    }
    System.out.printf(
        Locale.ROOT, "source of %d rows made in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
  }

  /** One binary COPY of every row (without the routing column) into one table; rows/s. */
  private static double plainCopy(EmbeddedPostgres postgres, long rows) throws Exception {
    try (Connection source = superuser(postgres, "saas");
        Connection target = superuser(postgres, "plain");
        Statement statement = target.createStatement()) {
      statement.execute(String.format(TABLE, ""));
      target.setAutoCommit(false);
      long start = System.nanoTime();
      CopyOut out =
          source
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyOut("COPY (SELECT id, at, amount, note FROM events) TO STDOUT (FORMAT binary)");
      CopyIn in =
          target
              .unwrap(PGConnection.class)
              .getCopyAPI()
              .copyIn("COPY events (id, at, amount, note) FROM STDIN (FORMAT binary)");
      byte[] chunk;
      while ((chunk = out.readFromCopy()) != null) {
        in.writeToCopy(chunk, 0, chunk.length);
      }
      long copied = in.endCopy();
      target.commit();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (copied != rows) {
        throw new IllegalStateException("plain COPY wrote " + copied + " rows of " + rows);
      }
      System.out.printf(Locale.ROOT, "plain COPY of %d rows: %.1f s%n", rows, seconds);
      return rows / seconds;
    }
  }

  private static double importData(
      EmbeddedPostgres postgres, AdminRest rest, long rows, int parallel) throws Exception {
    ImportSpec body =
        new ImportSpec(
            postgres.host(),
            postgres.port(),
            "saas",
            SUPERUSER,
            PASSWORD,
            "tenant_id",
            "data",
            null,
            null,
            true,
            null,
            parallel,
            null,
            null,
            null,
            null);
    long start = System.nanoTime();
    long id =
        rest.send("POST", "v1/workspaces/bench_workspace/imports", body, 202).get("id").asLong();
    JsonNode status;
    do {
      Thread.sleep(100);
      status = rest.send("GET", "v1/imports/" + id, null, 200);
    } while (status.get("status").asText().equals("running"));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!status.get("status").asText().equals("succeeded")
        || status.get("rows_copied").asLong() != rows) {
      throw new IllegalStateException("import " + id + " ended " + status);
    }
    System.out.printf(Locale.ROOT, "import-data of %d rows: %.1f s%n", rows, seconds);
    return rows / seconds;
  }

  /** Creates the tenant table in the workspace as its runtime role, so it is captured. */
  private static void workspace(EmbeddedPostgres postgres, AdminRest rest) throws Exception {
    JsonNode entry = rest.send("GET", "v1/routing/bench_workspace", null, 200);
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl(entry.get("database").asText()),
                entry.get("role").asText(),
                entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      statement.execute(String.format(TABLE, ""));
    }
  }

  private static void deploy(AdminRest rest) throws Exception {
    long id =
        rest.send(
                "POST",
                "v1/deployments",
                new DeploymentCreate("bench", null, null, true, null, null, null),
                201)
            .get("id")
            .asLong();
    while (!rest.send("GET", "v1/deployments/" + id, null, 200)
        .get("status")
        .asText()
        .equals("succeeded")) {
      Thread.sleep(20);
    }
  }

  private static Connection superuser(EmbeddedPostgres postgres, String database) throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(database), SUPERUSER, PASSWORD);
  }

  private static void deleteQuietly(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (java.io.IOException e) {
      System.err.println("could not delete " + directory + ": " + e.getMessage());
    }
  }
}
