/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver.internal;

import dev.tdb.pgserver.EmbeddedPostgresException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server that an earlier owner of a cluster left running, for example when {@code tdb
 * up} was killed with SIGKILL and could not stop it. Found through the {@code postmaster.pid} file
 * PostgreSQL keeps in its data directory, and stopped only when the process it names is verifiably
 * a {@code postgres} serving that very data directory: a process that merely reuses the PID is
 * never touched.
 *
 * @param pid the postmaster's process id, line 1 of {@code postmaster.pid}
 * @param dataDirectory the data directory it serves, line 2
 * @param port its TCP port, line 4
 */
public record LeftoverServer(long pid, Path dataDirectory, int port) {
  private static final String PID_FILE = "postmaster.pid";

  /**
   * The server running on {@code dataDirectory}, when its {@code postmaster.pid} names a live
   * {@code postgres} process serving that directory; empty when there is none, or when the process
   * named is not provably it.
   */
  public static Optional<LeftoverServer> find(Path dataDirectory) {
    Optional<LeftoverServer> recorded = read(dataDirectory);
    return recorded.filter(server -> server.isServing(dataDirectory));
  }

  /** What {@code postmaster.pid} says, when it exists and reads as PostgreSQL writes it. */
  static Optional<LeftoverServer> read(Path dataDirectory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(dataDirectory.resolve(PID_FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.size() < 4) {
      return Optional.empty(); // being written by a starting server, or not PostgreSQL's
    }
    try {
      return Optional.of(
          new LeftoverServer(
              Long.parseLong(lines.get(0).trim()),
              Path.of(lines.get(1).trim()),
              Integer.parseInt(lines.get(3).trim())));
    } catch (NumberFormatException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the process is alive, runs a program named {@code postgres}, and serves {@code
   * dataDirectory}: the file names it, and the process was started with {@code -D} of it or works
   * in it (the postmaster changes into its data directory).
   */
  boolean isServing(Path dataDirectory) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty() || !sameFile(this.dataDirectory, dataDirectory)) {
      return false;
    }
    ProcessHandle.Info info = process.get().info();
    boolean postgres =
        info.command()
            .map(c -> Path.of(c).getFileName().toString().equals("postgres"))
            .orElse(false);
    return postgres
        && (startedOn(info.arguments().orElse(new String[0]), dataDirectory)
            || sameFile(Path.of("/proc", Long.toString(pid), "cwd"), dataDirectory));
  }

  private static boolean startedOn(String[] arguments, Path dataDirectory) {
    for (int i = 0; i + 1 < arguments.length; i++) {
      if (arguments[i].equals("-D") && sameFile(Path.of(arguments[i + 1]), dataDirectory)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /**
   * Stops the server with {@code pg_ctl stop -m fast} (sessions are disconnected, the cluster stays
   * consistent) as {@code account}, waiting at most {@code timeout}.
   *
   * @return one line saying what was done, for the user
   * @throws EmbeddedPostgresException when it did not stop; the message says how to stop it by hand
   */
  public String stop(Distribution distribution, ServerAccount account, Duration timeout) {
    ProcessRunner.Result result =
        ProcessRunner.run(
            account.command(
                List.of(
                    distribution.program("pg_ctl").toString(),
                    "--pgdata=" + dataDirectory,
                    "--mode=fast",
                    "--wait",
                    "--timeout=" + timeout.toSeconds(),
                    "--silent",
                    "stop")),
            timeout.plusSeconds(10));
    if (result.exitCode() != 0) {
      throw new EmbeddedPostgresException(
          "PostgreSQL (PID "
              + pid
              + ", port "
              + port
              + ") still runs on "
              + dataDirectory
              + ", left by an earlier run, and did not stop: "
              + result.output().strip()
              + "; stop it with pg_ctl stop -D "
              + dataDirectory
              + " -m immediate");
    }
    return "Stopped PostgreSQL (PID "
        + pid
        + ", port "
        + port
        + ") that an earlier run left running on "
        + dataDirectory
        + ".";
  }
}
