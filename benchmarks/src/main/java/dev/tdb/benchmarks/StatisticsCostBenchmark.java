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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The cost of statement statistics: pgbench {@code -S} through two tdb proxies in this JVM, one
 * with the default configuration (statement statistics on, the per-statement log off) and one with
 * statistics off too, in alternating rounds whose median ratios of CPU per transaction (the whole
 * JVM's CPU, as {@link ProxyBenchmark} counts it) and throughput are reported.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.tdb.benchmarks.StatisticsCostBenchmark [seconds-per-run [rounds [modes [clients]]]]}, by
 * default {@code 10 6 simple,prepared 16}. Needs {@code pgbench} on the PATH.
 */
public final class StatisticsCostBenchmark {
  private static final String ON = "statistics on";
  private static final String OFF = "logging off";

  private StatisticsCostBenchmark() {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    List<String> modes = List.of((args.length > 2 ? args[2] : "simple,prepared").split(","));
    List<Integer> clientCounts =
        java.util.Arrays.stream((args.length > 3 ? args[3] : "16").split(","))
            .map(Integer::valueOf)
            .toList();
    PostgresOptions options =
        PostgresOptions.throwaway("bench", "bench-password")
            .withServerSettings(Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options);
        BenchAdmin bench = BenchAdmin.start(postgres, "bench", "bench-password", 4, 1000)) {
      AdminServer admin = bench.server();
      AccountCredentials account = bench.account();
      admin
          .inProcess()
          .createWorkspace(account.user(), ProxyBenchmark.CONTROL, ConnectionMode.CONTROL);
      // 64 clients through each proxy, beyond the default of 20 per database.
      admin
          .inProcess()
          .updateSettings(account.user(), ProxyBenchmark.CONTROL, Map.of("max_connections", 140));
      String apiKey = admin.inProcess().createApiKey(account.user(), "bench", Scope.ROUTING).key();
      ProxyConfig defaults =
          ProxyConfig.of(
              "127.0.0.1", 0, admin.baseUri(), apiKey, Files.createTempDirectory("tdb-bench-tls"));
      ProxyConfig off =
          defaults.toBuilder()
              .queryLog(ProxyConfig.QueryLog.off().withStatistics(ProxyConfig.Statistics.off()))
              .build();
      try (ProxyServer withStatistics = ProxyServer.start(defaults);
          ProxyServer without = ProxyServer.start(off)) {
        Route on = route(ON, withStatistics, account);
        Route none = route(OFF, without, account);
        ProxyBenchmark.check(
            ProxyBenchmark.pgbench(on, List.of("-i", "-s", "1", "-q")), "pgbench -i");
        System.out.println(
            "| mode | clients | tps: statistics on, logging off | tps on/off (min–max) |"
                + " CPU µs per transaction: on, off | CPU on/off (min–max) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String mode : modes) {
          ProxyBenchmark.warmUp(on, mode);
          ProxyBenchmark.warmUp(none, mode);
          for (int clients : clientCounts) {
            measure(List.of(on, none), mode, clients, seconds, rounds);
          }
        }
      }
    }
  }

  private static Route route(String name, ProxyServer proxy, AccountCredentials account) {
    return new Route(
        name,
        proxy.port(),
        account.user(),
        account.secret(),
        Optional.of(ProcessHandle.current()),
        ProxyBenchmark.CONTROL);
  }

  private static void measure(List<Route> paths, String mode, int clients, int seconds, int rounds)
      throws Exception {
    List<Map<String, Run>> measured = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      Map<String, Run> runs = new LinkedHashMap<>();
      for (int i = 0; i < paths.size(); i++) {
        Route path = paths.get((i + round) % paths.size());
        runs.put(path.name(), ProxyBenchmark.pgbench(path, mode, clients, seconds));
      }
      if (round > 0) {
        measured.add(runs);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %,.0f, %,.0f | %s | %.1f, %.1f | %s |%n",
        mode,
        clients,
        ProxyBenchmark.median(measured, m -> m.get(ON).tps()),
        ProxyBenchmark.median(measured, m -> m.get(OFF).tps()),
        ratio(measured, m -> m.get(ON).tps() / m.get(OFF).tps()),
        ProxyBenchmark.median(measured, m -> m.get(ON).cpuMicrosPerTransaction()),
        ProxyBenchmark.median(measured, m -> m.get(OFF).cpuMicrosPerTransaction()),
        ratio(
            measured,
            m -> m.get(ON).cpuMicrosPerTransaction() / m.get(OFF).cpuMicrosPerTransaction()));
  }

  private static String ratio(List<Map<String, Run>> rounds, ToDoubleFunction<Map<String, Run>> f) {
    double[] sorted = rounds.stream().mapToDouble(f).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "%.3f (%.3f–%.3f)",
        ProxyBenchmark.median(rounds, f),
        sorted[0],
        sorted[sorted.length - 1]);
  }
}
