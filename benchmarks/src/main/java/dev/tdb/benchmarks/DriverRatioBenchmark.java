/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code jdbc:tdb:} against plain pgjdbc on the same tenant database, as ratios measured in
 * alternating rounds: each round runs one path and then the other (the order swaps every round) for
 * the same time, so both see the same machine, and the ratio of each round's throughputs is kept.
 * On a shared 2-core machine the speed of the whole machine drifts by more than the driver costs; a
 * benchmark that measures one path for minutes and then the other (as JMH does) reports that drift,
 * not the driver.
 *
 * <p>Workloads: a prepared point SELECT and a single-row UPDATE by primary key on open connections
 * with several threads (each thread its own connection and statement per path, UPDATEs on rows no
 * other thread touches), and opening and closing a connection on one thread with a warm routing
 * cache. Arguments: threads (default 4), rounds (default 12), milliseconds per path and round
 * (default 1000). The first two rounds of each workload are warm-up and not counted.
 */
public final class DriverRatioBenchmark {
  private static final int WARMUP_ROUNDS = 2;
  private static final String SELECT = "SELECT id, name, balance FROM account WHERE id = ?";
  private static final String UPDATE = "UPDATE account SET balance = balance + 1 WHERE id = ?";

  private DriverRatioBenchmark() {}

  /** One unit of work of a workload on one thread, on the path it was made for. */
  private interface Operation {
    void run(int i) throws SQLException;
  }

  /** Makes the operation of one thread on one path. */
  private interface Workload {
    Operation open(int thread, Connection connection) throws SQLException;
  }

  /** The throughput of both paths in one round. */
  private record Round(double pgjdbc, double tdb) {
    double ratio() {
      return tdb / pgjdbc;
    }
  }

  /** Runs every workload and prints a table of ratios. */
  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    long millis = args.length > 2 ? Long.parseLong(args[2]) : 1000;
    try (DriverBenchTenant tenant = DriverBenchTenant.start()) {
      List<String> lines = new ArrayList<>();
      lines.add(
          "| workload | threads | pgjdbc ops/s (median) | jdbc:tdb: ops/s (median) |"
              + " ratio (median of rounds) | min | max |");
      lines.add("|---|---|---|---|---|---|---|");
      lines.add(
          row(
              "prepared point SELECT",
              threads,
              onConnections(tenant, threads, rounds, millis, DriverRatioBenchmark::select)));
      lines.add(
          row(
              "single-row UPDATE",
              threads,
              onConnections(tenant, threads, rounds, millis, DriverRatioBenchmark::update)));
      lines.add(row("connect + close, warm routing", 1, connects(tenant, rounds, millis)));
      lines.forEach(System.out::println);
    }
  }

  private static Operation select(int thread, Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(SELECT);
    return i -> {
      statement.setInt(1, i % DriverBenchTenant.ROWS + 1);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
      }
    };
  }

  private static Operation update(int thread, Connection connection) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(UPDATE);
    // Thread t updates ids t+1, t+1+64, ...: no two threads wait on one row's lock.
    int slots = DriverBenchTenant.ROWS / 64;
    return i -> {
      statement.setInt(1, (i % slots) * 64 + thread + 1);
      statement.executeUpdate();
    };
  }

  /** Rounds of {@code workload} on {@code threads} open connections per path. */
  private static List<Round> onConnections(
      DriverBenchTenant tenant, int threads, int rounds, long millis, Workload workload)
      throws Exception {
    List<Connection> connections = new ArrayList<>();
    Operation[] pgjdbc = new Operation[threads];
    Operation[] tdb = new Operation[threads];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int t = 0; t < threads; t++) {
        Connection plain = tenant.pgjdbc();
        Connection routed = tenant.tdb();
        connections.add(plain);
        connections.add(routed);
        pgjdbc[t] = workload.open(t, plain);
        tdb[t] = workload.open(t, routed);
      }
      return alternate(pool, pgjdbc, tdb, rounds, millis);
    } finally {
      pool.shutdownNow();
      for (Connection connection : connections) {
        connection.close();
      }
    }
  }

  /** Rounds of both paths, in swapping order, after the warm-up rounds. */
  private static List<Round> alternate(
      ExecutorService pool, Operation[] pgjdbc, Operation[] tdb, int rounds, long millis)
      throws Exception {
    List<Round> measured = new ArrayList<>();
    for (int r = 0; r < rounds + WARMUP_ROUNDS; r++) {
      double plain;
      double routed;
      if (r % 2 == 0) {
        plain = throughput(pool, pgjdbc, millis);
        routed = throughput(pool, tdb, millis);
      } else {
        routed = throughput(pool, tdb, millis);
        plain = throughput(pool, pgjdbc, millis);
      }
      if (r >= WARMUP_ROUNDS) {
        measured.add(new Round(plain, routed));
      }
    }
    return measured;
  }

  /** Operations per second of all {@code operations} run side by side for {@code millis}. */
  private static double throughput(ExecutorService pool, Operation[] operations, long millis)
      throws Exception {
    long deadline = System.nanoTime() + millis * 1_000_000;
    List<Future<Long>> counts = new ArrayList<>();
    for (Operation operation : operations) {
      Callable<Long> loop =
          () -> {
            long done = 0;
            while (System.nanoTime() < deadline) {
              operation.run((int) done);
              done++;
            }
            return done;
          };
      counts.add(pool.submit(loop));
    }
    long total = 0;
    for (Future<Long> count : counts) {
      total += count.get();
    }
    return total * 1000.0 / millis;
  }

  /** Rounds of opening and closing a connection, on one thread. */
  private static List<Round> connects(DriverBenchTenant tenant, int rounds, long millis)
      throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Operation[] pgjdbc = {i -> tenant.pgjdbc().close()};
      Operation[] tdb = {i -> tenant.tdb().close()};
      return alternate(pool, pgjdbc, tdb, rounds, millis);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String row(String workload, int threads, List<Round> rounds) {
    double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %,.0f | %,.0f | %.3f | %.3f | %.3f |",
        workload,
        threads,
        median(rounds.stream().mapToDouble(Round::pgjdbc).toArray()),
        median(rounds.stream().mapToDouble(Round::tdb).toArray()),
        median(ratios),
        ratios[0],
        ratios[ratios.length - 1]);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
