/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.benchmarks.ProxyBenchmark.Route;
import dev.tdb.benchmarks.ProxyBenchmark.Run;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.ProxyServer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many clients on few server connections: pgbench {@code -S} with 1,000 clients through the proxy
 * on a workspace in transaction mode with the default {@code max_connections} of 20, beside 16
 * clients on a workspace in session mode, in alternating rounds of one run; reports the median
 * throughput ratio, the proxy's CPU per transaction in both, and the most server connections the
 * transaction-mode database had at once (sampled from {@code pg_stat_activity} every 20 ms).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tdb.benchmarks.ManyClientsBenchmark
 * [seconds-per-run [rounds [modes [clients]]]]}, by default {@code 10 3 simple,prepared 1000}.
 * Needs {@code pgbench} on the PATH and about two file descriptors per client ({@code ulimit -n}).
 */
public final class ManyClientsBenchmark {
  private static final String SUPERUSER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final String SESSION = "benchses_workspace";
  private static final String TRANSACTION = "benchtxn_workspace";
  private static final int SESSION_CLIENTS = 16;

  private ManyClientsBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> modes = List.of((args.length > 2 ? args[2] : "simple,prepared").split(","));
    int many = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    PostgresOptions options =
        PostgresOptions.throwaway(SUPERUSER, PASSWORD)
            .withServerSettings(Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options);
        BenchAdmin bench = BenchAdmin.start(postgres, SUPERUSER, PASSWORD, 4, 1000)) {
      AdminServer admin = bench.server();
      AccountCredentials account = bench.account();
      for (String workspace : List.of(SESSION, TRANSACTION)) {
        admin.inProcess().createWorkspace(account.user(), workspace, ConnectionMode.CONTROL);
      }
      admin
          .inProcess()
          .updateSettings(account.user(), TRANSACTION, Map.of("pool_mode", "transaction"));
      String apiKey = admin.inProcess().createApiKey(account.user(), "bench", Scope.ROUTING).key();
      try (ProxyServer proxy =
          ProxyServer.start(
              ProxyConfig.of(
                  "127.0.0.1",
                  0,
                  admin.baseUri(),
                  apiKey,
                  Files.createTempDirectory("tdb-bench-tls")))) {
        Route session = route("session", proxy, account, SESSION);
        Route transaction = route("transaction", proxy, account, TRANSACTION);
        for (Route route : List.of(session, transaction)) {
          ProxyBenchmark.check(
              ProxyBenchmark.pgbench(route, List.of("-i", "-s", "1", "-q")), "pgbench -i");
        }
        System.out.printf(
            Locale.ROOT,
            "| mode | tps: session %d clients, transaction %d clients | transaction/session"
                + " (min–max) | CPU µs per transaction: session, transaction | most server"
                + " connections in transaction mode |%n",
            SESSION_CLIENTS,
            many);
        System.out.println("|---|---|---|---|---|");
        for (String mode : modes) {
          ProxyBenchmark.warmUp(session, mode);
          ProxyBenchmark.warmUp(transaction, mode);
          measure(postgres, session, transaction, mode, many, seconds, rounds);
        }
      }
    }
  }

  private static Route route(
      String name, ProxyServer proxy, AccountCredentials account, String database) {
    return new Route(
        name,
        proxy.port(),
        account.user(),
        account.secret(),
        Optional.of(ProcessHandle.current()),
        database);
  }

  private static void measure(
      EmbeddedPostgres postgres,
      Route session,
      Route transaction,
      String mode,
      int many,
      int seconds,
      int rounds)
      throws Exception {
    List<Map<String, Run>> measured = new ArrayList<>();
    int mostServers = 0;
    for (int round = 0; round <= rounds; round++) {
      Map<String, Run> runs = new LinkedHashMap<>();
      if (round % 2 == 0) {
        runs.put(session.name(), ProxyBenchmark.pgbench(session, mode, SESSION_CLIENTS, seconds));
      }
      try (ServerConnections servers = ServerConnections.watch(postgres, TRANSACTION)) {
        runs.put(transaction.name(), ProxyBenchmark.pgbench(transaction, mode, many, seconds));
        mostServers = Math.max(mostServers, servers.most());
      }
      if (round % 2 == 1) {
        runs.put(session.name(), ProxyBenchmark.pgbench(session, mode, SESSION_CLIENTS, seconds));
      }
      if (round > 0) {
        measured.add(runs);
      }
    }
    double[] ratios =
        measured.stream()
            .mapToDouble(m -> m.get(transaction.name()).tps() / m.get(session.name()).tps())
            .sorted()
            .toArray();
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f, %,.0f | %.2f (%.2f–%.2f) | %.1f, %.1f | %d |%n",
        mode,
        ProxyBenchmark.median(measured, m -> m.get(session.name()).tps()),
        ProxyBenchmark.median(measured, m -> m.get(transaction.name()).tps()),
        ProxyBenchmark.median(
            measured, m -> m.get(transaction.name()).tps() / m.get(session.name()).tps()),
        ratios[0],
        ratios[ratios.length - 1],
        ProxyBenchmark.median(measured, m -> m.get(session.name()).cpuMicrosPerTransaction()),
        ProxyBenchmark.median(measured, m -> m.get(transaction.name()).cpuMicrosPerTransaction()),
        mostServers);
  }

  /** Samples how many client backends a database has, keeping the most seen. */
  private static final class ServerConnections implements AutoCloseable {
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger most = new AtomicInteger();
    private final Connection connection;

    private ServerConnections(Connection connection) {
      this.connection = connection;
    }

    static ServerConnections watch(EmbeddedPostgres postgres, String database) throws SQLException {
      ServerConnections watch =
          new ServerConnections(
              DriverManager.getConnection(postgres.jdbcUrl("postgres"), SUPERUSER, PASSWORD));
      PreparedStatement count =
          watch.connection.prepareStatement(
              "SELECT count(*) FROM pg_stat_activity"
                  + " WHERE datname = ? AND backend_type = 'client backend'");
      count.setString(1, database);
      watch.sampler.scheduleAtFixedRate(
          () -> {
            try (ResultSet rs = count.executeQuery()) {
              rs.next();
              watch.most.accumulateAndGet(rs.getInt(1), Math::max);
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          },
          0,
          20,
          TimeUnit.MILLISECONDS);
      return watch;
    }

    int most() {
      return most.get();
    }

    @Override
    public void close() throws Exception {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
      connection.close();
    }
  }
}
