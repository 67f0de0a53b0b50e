/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.cli.TdbCli;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code tdb query --all --blueprint bench "SELECT count(*) FROM accounts"} over many tenants on an
 * embedded durable PostgreSQL: the wall time of the command, run in this JVM (the admin service's
 * work, the HTTP stream and the table) and as a new {@code java} process (adding the CLI's start),
 * at parallelism 8 and 16, three runs each.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tdb.benchmarks.QueryBenchmark
 * [tenants]} (1000 by default; creating them takes a few minutes before anything is measured).
 */
public final class QueryBenchmark {
  private static final int[] PARALLELISM = {8, 16};
  private static final int RUNS = 3;
  private static final String SQL = "SELECT count(*) FROM accounts";
  private static final String SUPERUSER = "bench";
  private static final String PASSWORD = "bench-password";

  private QueryBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path directory = Files.createTempDirectory("tdb-bench-");
    // PostgreSQL runs as nobody when this runs as root; it must be able to enter the folder.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options =
        PostgresOptions.durable(directory.resolve("cluster"), 0, SUPERUSER, PASSWORD)
            .withServerSettings(Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options);
        BenchAdmin bench = BenchAdmin.start(postgres, SUPERUSER, PASSWORD, 16, 100_000)) {
      AdminServer admin = bench.server();
      AccountCredentials account = bench.account();
      admin
          .inProcess()
          .createWorkspace(account.user(), "bench_workspace", ConnectionMode.WORKSPACE);
      AdminRest rest = new AdminRest(admin.baseUri(), account);
      // Released before the tenants exist, so each starts with the table.
      DeploymentBenchmark.workspace(
          rest, "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL)");
      DeploymentBenchmark.deploy(rest, 4);
      DeploymentBenchmark.createTenants(rest, tenants);
      List<String> connection =
          List.of(
              "--url",
              admin.baseUri().toString(),
              "--user",
              account.user(),
              "--secret",
              account.secret());
      for (int parallelism : PARALLELISM) {
        for (int run = 1; run <= RUNS; run++) {
          inProcess(connection, parallelism, tenants);
          newProcess(connection, parallelism, tenants);
        }
      }
    } finally {
      DeploymentBenchmark.deleteQuietly(directory);
    }
  }

  private static List<String> command(List<String> connection, int parallelism) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "query",
                "--all",
                "--blueprint",
                "bench",
                "--parallelism",
                Integer.toString(parallelism),
                SQL));
    command.addAll(connection);
    return command;
  }

  private static void inProcess(List<String> connection, int parallelism, int tenants) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long start = System.nanoTime();
    int code =
        TdbCli.run(
            command(connection, parallelism).toArray(String[]::new),
            new PrintWriter(out),
            new PrintWriter(err));
    double seconds = (System.nanoTime() - start) / 1e9;
    check(code, out.toString(), err.toString(), tenants);
    print("in this JVM", parallelism, tenants, seconds, out.toString());
  }

  private static void newProcess(List<String> connection, int parallelism, int tenants)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), TdbCli.class.getName()));
    command.addAll(command(connection, parallelism));
    Path output = Files.createTempFile("tdb-query-", ".out");
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    String out = Files.readString(output);
    Files.delete(output);
    check(code, out, "", tenants);
    print("new process", parallelism, tenants, seconds, out);
  }

  /** Fails unless every tenant answered one row: a fast wrong answer measures nothing. */
  private static void check(int code, String out, String err, int tenants) {
    String expected = tenants + " tenants: " + tenants + " ok";
    if (code != 0 || !out.contains(expected) || !out.contains("(" + tenants + " rows)")) {
      throw new IllegalStateException("tdb query exited " + code + ":\n" + out + err);
    }
  }

  private static void print(
      String where, int parallelism, int tenants, double seconds, String out) {
    String summary = out.lines().filter(line -> line.contains(" tenants: ")).findFirst().orElse("");
    System.out.printf(
        Locale.ROOT,
        "%s, parallelism %d: %d tenants in %.2f s (%s)%n",
        where,
        parallelism,
        tenants,
        seconds,
        summary);
  }
}
