/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import dev.tdb.admin.AdminServer;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.proxy.ProxyServer;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgbench {@code -S} (select-only) in simple and prepared mode with 1, 16 and 64 clients, straight
 * to PostgreSQL, through PgBouncer in session mode and through the tdb proxy, all in one run on one
 * embedded server, in alternating rounds whose median ratios are reported; then the proxy's
 * resident memory growth while psql reads a 10-million-row result through it. The proxy runs in
 * this JVM, so the RSS measured is this process's.
 *
 * <p>Before the rounds of each mode, pgbench runs through the proxy until the JIT compilers are
 * nearly done, and the table shows how long they still compiled during the measured tdb runs. With
 * {@code haproxy} on the PATH, a fourth path relays bytes through HAProxy in TCP mode: the ceiling
 * for any process in the middle.
 *
 * <p>Needs {@code pgbench}, {@code psql} and {@code pgbouncer} on the PATH ({@code apt-get install
 * postgresql-client pgbouncer}; Debian ships pgbench with the server package); {@code haproxy} is
 * optional. It installs nothing. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.tdb.benchmarks.ProxyBenchmark [seconds-per-run [rounds [modes [clients]]]]}, for example
 * {@code 4 2 simple 16,64}; modes and client counts are comma-separated, by default {@code
 * simple,prepared} and {@code 1,16,64}; mode {@code connect} runs {@code -M simple} with {@code -C}
 * (a new connection per transaction), which measures connection set-up. A fifth argument, {@code
 * session} (the default) or {@code transaction}, is the pool mode of both PgBouncer and the tdb
 * workspace ({@link Pool}).
 */
public final class ProxyBenchmark {
  private static final String SUPERUSER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final String DIRECT_USER = "bench_direct";
  private static final String DIRECT_PASSWORD = "bench-direct-password";
  static final String CONTROL = "benchctl_workspace";
  private static final String CLIENTS = "1,16,64";
  private static final String MODES = "simple,prepared";
  private static final long STREAM_ROWS = 10_000_000;
  private static final int WARM_UP_SECONDS = 5;
  private static final int WARM_UP_RUNS = 12;

  /**
   * HAProxy in TCP mode with one thread: a relay that only copies bytes, the ceiling of what any
   * process in the middle can reach on this machine.
   */
  private static final String TCP_RELAY = "tcp relay";

  private static final String TDB = "tdb proxy";

  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

  /**
   * pgbench's tps: without the initial connection time, or with the reconnections of {@code -C}.
   */
  private static final Pattern TPS =
      Pattern.compile(
          "tps = ([0-9.]+) \\((?:without initial connection time|including reconnection)");

  /** The mode that runs {@code -M simple} with a new connection per transaction ({@code -C}). */
  private static final String CONNECT = "connect";

  private static final Pattern TRANSACTIONS =
      Pattern.compile("number of transactions actually processed: ([0-9]+)");

  private ProxyBenchmark() {}

  /**
   * How PgBouncer and the tdb workspace pool server connections: in session mode a server
   * connection per client, so as many as the most clients of the run; in transaction mode the
   * workspace's default {@code max_connections} of 20, and PgBouncer's pool the same size.
   */
  enum Pool {
    SESSION,
    TRANSACTION;

    int serverConnections(List<Integer> clientCounts) {
      return this == SESSION ? Collections.max(clientCounts) : 20;
    }

    Map<String, Object> workspaceSettings(List<Integer> clientCounts) {
      return Map.of(
          "max_rows_per_query",
          0,
          "max_connections",
          serverConnections(clientCounts),
          "pool_mode",
          name().toLowerCase(Locale.ROOT));
    }
  }

  /** A process in the middle (PgBouncer, HAProxy) and the port it listens on. */
  private record Middle(Process process, int port) {}

  /**
   * One way to reach the control database: where and as whom, and the process in the middle whose
   * CPU time is counted (none for direct).
   */
  record Route(
      String name,
      int port,
      String user,
      String password,
      Optional<ProcessHandle> middle,
      String database) {}

  /**
   * One pgbench run: transactions per second, the middle process's CPU per transaction, and the
   * milliseconds this JVM's JIT compilers spent meanwhile.
   */
  record Run(double tps, double cpuMicrosPerTransaction, long jitMillis) {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    // 0 seconds: only the streaming measurement.
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<String> modes = List.of((args.length > 2 ? args[2] : MODES).split(","));
    List<Integer> clientCounts =
        Arrays.stream((args.length > 3 ? args[3] : CLIENTS).split(","))
            .map(Integer::valueOf)
            .toList();
    Pool pool = Pool.valueOf((args.length > 4 ? args[4] : "session").toUpperCase(Locale.ROOT));
    Path directory = Files.createTempDirectory("tdb-proxy-bench-");
    // PostgreSQL and PgBouncer run as nobody when this runs as root; they must enter the folder.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options =
        PostgresOptions.throwaway(SUPERUSER, PASSWORD)
            .withServerSettings(Map.of("max_connections", "300"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(options)) {
      try (BenchAdmin bench = BenchAdmin.start(postgres, SUPERUSER, PASSWORD, 4, 1000)) {
        AdminServer admin = bench.server();
        AccountCredentials account = bench.account();
        admin.inProcess().createWorkspace(account.user(), CONTROL, ConnectionMode.CONTROL);
        // The streamed result is far over the default max_rows_per_query (100000).
        admin
            .inProcess()
            .updateSettings(account.user(), CONTROL, pool.workspaceSettings(clientCounts));
        try (Connection c = superuser(postgres, "postgres");
            Statement s = c.createStatement()) {
          // A password PgBouncer and pgbench can be given; a superuser, whom PostgreSQL lets in
          // past the database's CONNECTION LIMIT.
          s.execute(
              "CREATE ROLE " + DIRECT_USER + " LOGIN SUPERUSER PASSWORD '" + DIRECT_PASSWORD + "'");
          // tdb makes max_connections the database's CONNECTION LIMIT, and PostgreSQL counts
          // every session against it, superusers' too: PgBouncer's idle server connections would
          // take the proxy's slots. Lifted for the run (BenchAdmin's role check does not run).
          s.execute("ALTER DATABASE " + CONTROL + " CONNECTION LIMIT -1");
        }
        String apiKey =
            admin.inProcess().createApiKey(account.user(), "bench", Scope.ROUTING).key();
        try (ProxyServer proxy =
            ProxyServer.start(
                ProxyConfig.of(
                    "127.0.0.1",
                    0,
                    admin.baseUri(),
                    apiKey,
                    Files.createTempDirectory("tdb-proxy-bench-tls")))) {
          Route tdb =
              new Route(
                  TDB,
                  proxy.port(),
                  account.user(),
                  account.secret(),
                  Optional.of(ProcessHandle.current()),
                  CONTROL);
          Route direct =
              new Route(
                  "direct",
                  postgres.port(),
                  DIRECT_USER,
                  DIRECT_PASSWORD,
                  Optional.empty(),
                  CONTROL);
          check(pgbench(tdb, List.of("-i", "-s", "1", "-q")), "pgbench -i through the proxy");
          List<Middle> started = new ArrayList<>();
          try {
            Middle bouncer = startPgBouncer(directory, postgres.port(), pool, clientCounts);
            started.add(bouncer);
            List<Route> paths = new ArrayList<>(List.of(direct, middle("pgbouncer", bouncer), tdb));
            Optional<Middle> relay = startTcpRelay(directory, postgres.port());
            relay.ifPresent(started::add);
            relay.ifPresent(tcp -> paths.add(middle(TCP_RELAY, tcp)));
            if (seconds > 0) {
              runAll(paths, modes, clientCounts, seconds, rounds);
            }
          } finally {
            for (Middle process : started) {
              process.process().destroy();
              process.process().waitFor(10, TimeUnit.SECONDS);
            }
          }
          streamThroughProxy(tdb);
        }
      }
    }
  }

  /**
   * Every mode and client count in rounds: each round runs pgbench on all three paths one after the
   * other, in an order that rotates from round to round, and keeps the round's ratios, so a drift
   * in the machine's speed hits all paths alike. The first round warms up and is not counted.
   */
  private static void runAll(
      List<Route> paths, List<String> modes, List<Integer> clientCounts, int seconds, int rounds)
      throws Exception {
    System.out.println();
    boolean relay = paths.stream().anyMatch(p -> p.name().equals(TCP_RELAY));
    System.out.println(
        "| mode | clients | direct tps | pgbouncer tps | tdb tps | tdb/pgbouncer (min–max) |"
            + " tdb/direct (min–max) | CPU µs per transaction: pgbouncer, tdb |"
            + " JIT ms in tdb runs |"
            + (relay ? " TCP relay/direct (min–max), its CPU µs per transaction |" : ""));
    System.out.println("|---|---|---|---|---|---|---|---|---|" + (relay ? "---|" : ""));
    Route tdb = paths.stream().filter(p -> p.name().equals(TDB)).findFirst().orElseThrow();
    for (String mode : modes) {
      warmUp(tdb, mode);
      for (int clients : clientCounts) {
        List<Map<String, Run>> measured = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
          Map<String, Run> runs = new LinkedHashMap<>();
          for (int i = 0; i < paths.size(); i++) {
            Route path = paths.get((i + round) % paths.size());
            runs.put(path.name(), attempt(path, mode, clients, seconds));
          }
          if (round > 0) {
            measured.add(runs);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %s | %s | %s | %s | %s | %.1f, %.1f | %d |%s%n",
            mode,
            clients,
            tps(median(measured, m -> m.get("direct").tps())),
            tps(median(measured, m -> m.get("pgbouncer").tps())),
            tps(median(measured, m -> m.get(TDB).tps())),
            ratios(measured, TDB, "pgbouncer"),
            ratios(measured, TDB, "direct"),
            median(measured, m -> m.get("pgbouncer").cpuMicrosPerTransaction()),
            median(measured, m -> m.get(TDB).cpuMicrosPerTransaction()),
            measured.stream().mapToLong(m -> m.get(TDB).jitMillis()).sum(),
            relay
                ? String.format(
                    Locale.ROOT,
                    " %s, %.1f |",
                    ratios(measured, TCP_RELAY, "direct"),
                    median(measured, m -> m.get(TCP_RELAY).cpuMicrosPerTransaction()))
                : "");
      }
    }
  }

  /**
   * One pgbench run; a run that fails through PgBouncer (1.18 in transaction mode loses named
   * prepared statements between server connections) counts as no transactions, and its error is
   * printed. A failure through tdb ends the benchmark.
   */
  private static Run attempt(Route path, String mode, int clients, int seconds) throws Exception {
    try {
      return pgbench(path, mode, clients, seconds);
    } catch (IllegalStateException e) {
      if (path.name().equals(TDB)) {
        throw e;
      }
      String output = e.getMessage();
      System.out.println(
          path.name()
              + " failed: "
              + output.lines().filter(line -> line.contains("ERROR")).findFirst().orElse(output));
      return new Run(Double.NaN, Double.NaN, 0);
    }
  }

  /** Transactions per second, or "fails" when pgbench failed through the path. */
  private static String tps(double tps) {
    return Double.isNaN(tps) ? "fails" : String.format(Locale.ROOT, "%,.0f", tps);
  }

  /**
   * Runs pgbench through the proxy until the JIT compilers are nearly done with the proxy's code
   * (under 1% of a run's time spent compiling, at most {@link #WARM_UP_RUNS} runs): the proxy is a
   * long-running server, and compilation on these two cores would be counted against it.
   */
  static void warmUp(Route tdb, String mode) throws Exception {
    for (int run = 1; run <= WARM_UP_RUNS; run++) {
      Run warmUp = pgbench(tdb, mode, 16, WARM_UP_SECONDS);
      System.out.printf(
          Locale.ROOT,
          "warm-up %d (%s): %,.0f tps, %d ms of JIT compilation%n",
          run,
          mode,
          warmUp.tps(),
          warmUp.jitMillis());
      if (warmUp.jitMillis() < WARM_UP_SECONDS * 10L) {
        return;
      }
    }
  }

  static Run pgbench(Route path, String mode, int clients, int seconds) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("-n", "-S"));
    arguments.addAll(mode.equals(CONNECT) ? List.of("-C", "-M", "simple") : List.of("-M", mode));
    arguments.addAll(
        List.of(
            "-c",
            Integer.toString(clients),
            "-j",
            Integer.toString(Math.min(clients, 2)),
            "-T",
            Integer.toString(seconds)));
    Duration cpuBefore = cpu(path);
    long jitBefore = JIT.getTotalCompilationTime();
    String output = check(pgbench(path, arguments), "pgbench " + arguments);
    Duration cpu = cpu(path).minus(cpuBefore);
    long jitMillis = JIT.getTotalCompilationTime() - jitBefore;
    Matcher tps = TPS.matcher(output);
    Matcher transactions = TRANSACTIONS.matcher(output);
    if (!tps.find() || !transactions.find()) {
      throw new IllegalStateException("no tps in pgbench output:\n" + output);
    }
    return new Run(
        Double.parseDouble(tps.group(1)),
        cpu.toNanos() / 1000.0 / Long.parseLong(transactions.group(1)),
        jitMillis);
  }

  /** The CPU time the path's middle process has used so far (user and system). */
  private static Duration cpu(Route path) {
    return path.middle()
        .flatMap(process -> process.info().totalCpuDuration())
        .orElse(Duration.ZERO);
  }

  /** The median of the rounds' {@code path}/{@code baseline} ratios, with their range. */
  private static String ratios(List<Map<String, Run>> rounds, String path, String baseline) {
    double[] ratios =
        rounds.stream()
            .mapToDouble(m -> m.get(path).tps() / m.get(baseline).tps())
            .sorted()
            .toArray();
    return String.format(
        Locale.ROOT,
        "%.2f (%.2f–%.2f)",
        median(rounds, m -> m.get(path).tps() / m.get(baseline).tps()),
        ratios[0],
        ratios[ratios.length - 1]);
  }

  static double median(List<Map<String, Run>> rounds, ToDoubleFunction<Map<String, Run>> value) {
    double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** psql reads a 10-million-row result through the proxy while this process's RSS is sampled. */
  private static void streamThroughProxy(Route tdb) throws Exception {
    System.gc();
    long before = residentBytes();
    long heapBefore = heapCommitted();
    long buffersBefore = nettyBytes();
    AtomicLong peak = new AtomicLong(before);
    AtomicLong heapPeak = new AtomicLong(heapBefore);
    AtomicLong buffersPeak = new AtomicLong(buffersBefore);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> {
          peak.accumulateAndGet(residentBytes(), Math::max);
          heapPeak.accumulateAndGet(heapCommitted(), Math::max);
          buffersPeak.accumulateAndGet(nettyBytes(), Math::max);
        },
        0,
        50,
        TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    try {
      ProcessBuilder psql =
          new ProcessBuilder(
                  "psql",
                  "-X",
                  "-At",
                  "-o",
                  "/dev/null",
                  "-h",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(tdb.port()),
                  "-U",
                  tdb.user(),
                  "-d",
                  CONTROL,
                  "-c",
                  "SELECT g, repeat('x', 20) FROM generate_series(1, " + STREAM_ROWS + ") g")
              .redirectErrorStream(true);
      psql.environment().put("PGPASSWORD", tdb.password());
      psql.environment().put("PGSSLMODE", "disable");
      check(psql.start(), "psql streaming " + STREAM_ROWS + " rows");
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%nstreaming %,d rows through the proxy: %.1f s; proxy JVM RSS %,d MiB before, peak %,d"
            + " MiB, growth %,d MiB%n",
        STREAM_ROWS,
        elapsed,
        before >> 20,
        peak.get() >> 20,
        (peak.get() - before) >> 20);
    System.out.printf(
        Locale.ROOT,
        "of which: committed heap %,d -> %,d MiB (max heap %,d MiB); Netty allocator %,d -> %,d"
            + " MiB%n",
        heapBefore >> 20,
        heapPeak.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20,
        buffersBefore >> 20,
        buffersPeak.get() >> 20);
  }

  private static long heapCommitted() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }

  /** What Netty's default allocator, which the proxy uses, holds in direct and heap memory. */
  private static long nettyBytes() {
    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
      ByteBufAllocatorMetric metric = provider.metric();
      return metric.usedDirectMemory() + metric.usedHeapMemory();
    }
    return 0;
  }

  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  private static Middle startPgBouncer(
      Path directory, int postgresPort, Pool pool, List<Integer> clientCounts) throws Exception {
    int bouncerPort;
    try (ServerSocket free = new ServerSocket(0)) {
      bouncerPort = free.getLocalPort();
    }
    Path ini = directory.resolve("pgbouncer.ini");
    Path users = directory.resolve("userlist.txt");
    Files.writeString(users, "\"" + DIRECT_USER + "\" \"" + DIRECT_PASSWORD + "\"\n");
    Files.writeString(
        ini,
        String.join(
            "\n",
            "[databases]",
            CONTROL + " = host=127.0.0.1 port=" + postgresPort + " dbname=" + CONTROL,
            "[pgbouncer]",
            "listen_addr = 127.0.0.1",
            "listen_port = " + bouncerPort,
            "unix_socket_dir =",
            "auth_type = scram-sha-256",
            "auth_file = " + users,
            "pool_mode = " + pool.name().toLowerCase(Locale.ROOT),
            "max_client_conn = " + (Collections.max(clientCounts) + 10),
            "default_pool_size = " + pool.serverConnections(clientCounts),
            ""));
    for (Path file : List.of(ini, users)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      // PgBouncer refuses to run as root.
      command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
    }
    command.addAll(List.of("pgbouncer", ini.toString()));
    Path log = directory.resolve("pgbouncer.log");
    Process bouncer;
    try {
      // Its log goes to a file the JVM opens: nobody may not write in the folder.
      bouncer =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start pgbouncer (apt-get install pgbouncer)", e);
    }
    awaitListening(bouncer, bouncerPort, log);
    return new Middle(bouncer, bouncerPort);
  }

  /** The route through {@code process}, logging in as the direct user. */
  private static Route middle(String name, Middle process) {
    return new Route(
        name,
        process.port(),
        DIRECT_USER,
        DIRECT_PASSWORD,
        Optional.of(process.process().toHandle()),
        CONTROL);
  }

  /**
   * HAProxy relaying TCP to PostgreSQL with one thread, when {@code haproxy} is on the PATH ({@code
   * apt-get install haproxy}); else empty, and the table has no column for it.
   */
  private static Optional<Middle> startTcpRelay(Path directory, int postgresPort) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path config = directory.resolve("haproxy.cfg");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global",
            "  nbthread 1",
            "  maxconn 1000",
            "defaults",
            "  mode tcp",
            "  timeout connect 5s",
            "  timeout client 1h",
            "  timeout server 1h",
            "listen postgres",
            "  bind 127.0.0.1:" + port,
            "  server postgres 127.0.0.1:" + postgresPort,
            ""));
    Process relay;
    try {
      relay =
          new ProcessBuilder("haproxy", "-db", "-f", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("haproxy.log").toFile())
              .start();
    } catch (IOException notInstalled) {
      System.out.println("haproxy not found: no TCP relay column");
      return Optional.empty();
    }
    awaitListening(relay, port, directory.resolve("haproxy.log"));
    return Optional.of(new Middle(relay, port));
  }

  private static void awaitListening(Process process, int port, Path log) throws Exception {
    for (int i = 0; i < 100; i++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              process.info().command().orElse("process")
                  + " exited: "
                  + Files.readString(log, StandardCharsets.UTF_8));
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException(
        process.info().command().orElse("process") + " did not listen on " + port);
  }

  static Process pgbench(Route path, List<String> arguments) throws IOException {
    List<String> command = new ArrayList<>(List.of("pgbench"));
    command.addAll(arguments);
    command.addAll(
        List.of(
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(path.port()),
            "-U",
            path.user(),
            path.database()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", path.password());
    builder.environment().put("PGSSLMODE", "disable");
    System.out.println(path.name() + ": " + String.join(" ", command));
    return builder.start();
  }

  static String check(Process process, String what) throws Exception {
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(what + " failed:\n" + output);
    }
    return output;
  }

  private static Connection superuser(EmbeddedPostgres postgres, String database) throws Exception {
    return DriverManager.getConnection(postgres.jdbcUrl(database), SUPERUSER, PASSWORD);
  }
}
