/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver;

import dev.tdb.pgserver.internal.ClusterLock;
import dev.tdb.pgserver.internal.Distribution;
import dev.tdb.pgserver.internal.FileTrees;
import dev.tdb.pgserver.internal.LeftoverServer;
import dev.tdb.pgserver.internal.ProcessRunner;
import dev.tdb.pgserver.internal.ServerAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from binaries, listening on 127.0.0.1 with SCRAM-SHA-256
 * password authentication. Used by the tests and by {@code tdb up}. Stopped by {@link #close()} or,
 * at the latest, when the JVM exits.
 *
 * <p>A kept cluster (one with a directory) belongs to one process at a time, through a lock file
 * the operating system releases when that process ends. Starting on a cluster whose owner is gone
 * stops the server the owner left running (a {@code kill -9} gives it no chance to), after checking
 * that the process named in {@code postmaster.pid} really is that cluster's {@code postgres}.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
  private static final int START_ATTEMPTS = 5;
  private static final Duration LEFTOVER_STOP_TIMEOUT = Duration.ofSeconds(60);

  private final PostgresOptions options;
  private final Path directory;
  private final Distribution distribution;
  private final ServerAccount account;
  private final int port;
  private final Owner owner;
  private final Thread shutdownHook;
  private boolean stopped;

  /**
   * What the server's starter holds for a kept cluster.
   *
   * @param lock the cluster's lock, {@code null} for a throwaway cluster
   * @param recovery what start did about a server left running on the cluster, or {@code null}
   */
  private record Owner(ClusterLock lock, String recovery) {}

  private EmbeddedPostgres(
      PostgresOptions options,
      Path directory,
      Distribution distribution,
      ServerAccount account,
      int port,
      Owner owner) {
    this.options = options;
    this.directory = directory;
    this.distribution = distribution;
    this.account = account;
    this.port = port;
    this.owner = owner;
    this.shutdownHook = new Thread(this::stopQuietly, "tdb-postgres-shutdown");
  }

  /**
   * Prepares the cluster (on first use) and starts the server.
   *
   * @throws EmbeddedPostgresException when it cannot; the message includes the server log's tail
   */
  public static EmbeddedPostgres start(PostgresOptions options) {
    Distribution distribution = Distribution.locate(options.binaries(), cacheRoot());
    ServerAccount account = ServerAccount.forCurrentProcess();
    Path directory;
    try {
      directory =
          options.directory().isPresent()
              ? options.directory().get().toAbsolutePath()
              : Files.createTempDirectory("tdb-postgres-");
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot prepare a PostgreSQL cluster", e);
    }
    Owner owner = options.directory().isPresent() ? own(directory, distribution, account) : null;
    try {
      if (!Files.exists(directory.resolve("data/PG_VERSION"))) {
        initialize(options, directory, distribution, account);
      }
    } catch (IOException | RuntimeException e) {
      if (owner != null) {
        owner.lock().close();
      }
      throw e instanceof RuntimeException r
          ? r
          : new EmbeddedPostgresException("cannot prepare a PostgreSQL cluster", e);
    }
    EmbeddedPostgresException lastFailure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = options.port() != 0 ? options.port() : freePort();
      EmbeddedPostgres server =
          new EmbeddedPostgres(options, directory, distribution, account, port, owner);
      try {
        server.launch();
        return server;
      } catch (EmbeddedPostgresException e) {
        lastFailure = e;
        // A port picked as free can be taken by someone else before the server binds it.
        if (options.port() != 0 || !e.getMessage().contains("could not bind")) {
          break;
        }
      }
    }
    if (owner != null) {
      owner.lock().close();
    } else {
      deleteQuietly(directory);
    }
    throw lastFailure;
  }

  /**
   * Takes a kept cluster for this process, and stops a server that an earlier owner, now gone, left
   * running on it (a {@code kill -9} gives no chance to stop it), so that this start does not fail
   * on its lock file and port.
   */
  private static Owner own(Path directory, Distribution distribution, ServerAccount account) {
    ClusterLock lock;
    try {
      lock = ClusterLock.take(Files.createDirectories(directory));
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot create " + directory, e);
    }
    try {
      String recovery =
          LeftoverServer.find(directory.resolve("data"))
              .map(server -> server.stop(distribution, account, LEFTOVER_STOP_TIMEOUT))
              .orElse(null);
      if (recovery != null) {
        LOG.info(recovery);
      }
      return new Owner(lock, recovery);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Where extracted binaries are kept between runs: {@code TDB_POSTGRES_CACHE}, else tmp. */
  private static Path cacheRoot() {
    String configured = System.getenv("TDB_POSTGRES_CACHE");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(
        System.getProperty("java.io.tmpdir"), "tdb-postgres-" + System.getProperty("user.name"));
  }

  private static void initialize(
      PostgresOptions options, Path directory, Distribution distribution, ServerAccount account)
      throws IOException {
    Files.createDirectories(directory);
    Path passwordFile = directory.resolve("initdb-password");
    Files.writeString(passwordFile, options.password() + "\n", StandardCharsets.UTF_8);
    try {
      account.takeOwnership(directory);
      List<String> command = new ArrayList<>();
      command.add(distribution.program("initdb").toString());
      command.addAll(
          List.of(
              "--pgdata=" + directory.resolve("data"),
              "--username=" + options.superuser(),
              "--pwfile=" + passwordFile,
              "--auth=scram-sha-256",
              "--encoding=UTF8",
              "--locale=C",
              "--no-instructions"));
      if (options.durability() == PostgresOptions.Durability.THROWAWAY) {
        command.add("--no-sync");
      }
      ProcessRunner.Result result = ProcessRunner.run(account.command(command), COMMAND_TIMEOUT);
      if (result.exitCode() != 0) {
        throw new EmbeddedPostgresException("initdb failed:\n" + result.output().strip());
      }
      Files.writeString(
          directory.resolve("data/postgresql.conf"),
          "\n# Written by tdb: settings for this cluster are kept in tdb.conf.\ninclude 'tdb.conf'\n",
          StandardOpenOption.APPEND);
    } finally {
      Files.deleteIfExists(passwordFile);
    }
  }

  private void launch() {
    try {
      writeServerSettings();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot write the server settings", e);
    }
    List<String> command =
        List.of(
            distribution.program("pg_ctl").toString(),
            "--pgdata=" + dataDirectory(),
            "--log=" + logFile(),
            "--wait",
            "--timeout=" + COMMAND_TIMEOUT.toSeconds(),
            "--silent",
            "start");
    ProcessRunner.Result result = ProcessRunner.run(account.command(command), COMMAND_TIMEOUT);
    if (result.exitCode() != 0) {
      throw new EmbeddedPostgresException(
          "PostgreSQL did not start on port "
              + port
              + ": "
              + result.output().strip()
              + "\nlast lines of "
              + logFile()
              + ":\n"
              + logTail());
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    LOG.info("PostgreSQL started on {}:{} (data in {})", HOST, port, dataDirectory());
  }

  private void writeServerSettings() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("listen_addresses", "'" + HOST + "'");
    settings.put("port", Integer.toString(port));
    settings.put("unix_socket_directories", "''");
    settings.put("password_encryption", "'scram-sha-256'");
    if (options.durability() == PostgresOptions.Durability.THROWAWAY) {
      settings.put("fsync", "off");
      settings.put("synchronous_commit", "off");
      settings.put("full_page_writes", "off");
    }
    settings.putAll(options.serverSettings());
    StringBuilder conf = new StringBuilder("# Written by tdb at every start; edits are lost.\n");
    settings.forEach((key, value) -> conf.append(key).append(" = ").append(value).append('\n'));
    Path file = dataDirectory().resolve("tdb.conf");
    Files.writeString(file, conf.toString(), StandardCharsets.UTF_8);
    account.giveFile(file);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  /** The address the server listens on. */
  public String host() {
    return HOST;
  }

  /** The TCP port the server listens on. */
  public int port() {
    return port;
  }

  /** The bootstrap superuser's name. */
  public String superuser() {
    return options.superuser();
  }

  /** The bootstrap superuser's password. */
  public String password() {
    return options.password();
  }

  /** A pgjdbc URL for {@code database} on this server, without credentials. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /**
   * What starting did about a PostgreSQL server that an earlier run left running on this cluster
   * (stopped it), in one line for the user; empty when there was none.
   */
  public Optional<String> recovery() {
    return Optional.ofNullable(owner == null ? null : owner.recovery());
  }

  /**
   * Leaves stopping this server to the caller's {@link #close()}, from the caller's own shutdown
   * hook: the JVM runs shutdown hooks concurrently, so this server's own hook would stop it while
   * the caller still drains the sessions that use it.
   */
  public void stopOnlyWhenClosed() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs already; it stops the server as before.
    }
  }

  /** The cluster's data directory. */
  public Path dataDirectory() {
    return directory.resolve("data");
  }

  private Path logFile() {
    return directory.resolve("postgres.log");
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Stops the server (fast shutdown: sessions are disconnected, the cluster stays consistent) and
   * deletes a throwaway cluster.
   *
   * @throws EmbeddedPostgresException when the server does not stop
   */
  @Override
  public synchronized void close() {
    if (stopped) {
      return;
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; nothing left to unregister.
    }
  }

  private synchronized void stopQuietly() {
    if (stopped) {
      return;
    }
    try {
      stop();
    } catch (RuntimeException e) {
      LOG.warn("PostgreSQL on port {} did not stop cleanly: {}", port, e.getMessage());
    }
  }

  private void stop() {
    stopped = true;
    List<String> command =
        List.of(
            distribution.program("pg_ctl").toString(),
            "--pgdata=" + dataDirectory(),
            "--mode=fast",
            "--wait",
            "--timeout=" + COMMAND_TIMEOUT.toSeconds(),
            "--silent",
            "stop");
    ProcessRunner.Result result = ProcessRunner.run(account.command(command), COMMAND_TIMEOUT);
    if (options.directory().isEmpty()) {
      deleteQuietly(directory);
    }
    if (owner != null) {
      owner.lock().close();
    }
    if (result.exitCode() != 0) {
      throw new EmbeddedPostgresException(
          "PostgreSQL on port " + port + " did not stop: " + result.output().strip());
    }
    LOG.info("PostgreSQL on port {} stopped", port);
  }

  private static void deleteQuietly(Path directory) {
    try {
      FileTrees.deleteRecursively(directory);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", directory, e.getMessage());
    }
  }
}
