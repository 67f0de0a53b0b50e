/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.sources.SourceGate;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code pg_dump} binary on the admin host, and a schema-only dump with it. A pg_dump dumps
 * servers of its own major version and older, so the newest one found is used: {@code $TDB_PG_DUMP}
 * if set, then each {@code pg_dump} on {@code PATH} and in {@code /usr/lib/postgresql/<major>/bin}.
 *
 * @param binary the executable
 * @param major its major version
 */
record PgDump(Path binary, int major) {
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
  private static final long TIMEOUT_MINUTES = 5;
  // libpq's words for every way a connection fails before pg_dump runs a query: the host is not
  // found, nothing listens, something else listens, or the server refuses the login.
  private static final Pattern CONNECTION_FAILED =
      Pattern.compile(
          "connection to (server|database) .*failed|could not translate host name"
              + "|could not connect to");

  /** Every candidate location on this host, in the order described above. */
  static List<Path> candidates() {
    List<Path> paths = new ArrayList<>();
    String explicit = System.getenv("TDB_PG_DUMP");
    if (explicit != null && !explicit.isBlank()) {
      paths.add(Path.of(explicit));
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty()) {
          paths.add(Path.of(dir, "pg_dump"));
        }
      }
    }
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(versions)) {
        dirs.forEach(dir -> paths.add(dir.resolve("bin/pg_dump")));
      } catch (IOException e) {
        // An unreadable directory holds no usable pg_dump; the others are still candidates.
      }
    }
    return paths;
  }

  /** The newest working pg_dump among {@code candidates}, if any. */
  static Optional<PgDump> newest(List<Path> candidates) {
    PgDump best = null;
    for (Path candidate : candidates) {
      if (!Files.isExecutable(candidate)) {
        continue;
      }
      Optional<Integer> major = major(candidate);
      if (major.isPresent() && (best == null || major.get() > best.major())) {
        best = new PgDump(candidate, major.get());
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The newest pg_dump on this host.
   *
   * @throws AdminException conflict {@code pg_dump_missing} when there is none
   */
  static PgDump locate(List<Path> candidates) {
    return newest(candidates)
        .orElseThrow(
            () ->
                new AdminException(
                    AdminException.Kind.CONFLICT,
                    "pg_dump_missing",
                    "importing a database's schema needs pg_dump on the admin host, and there is"
                        + " none on PATH, in /usr/lib/postgresql/*/bin or at $TDB_PG_DUMP",
                    "install the PostgreSQL client tools (of the source server's major version or"
                        + " newer) where the admin service runs, or use --template"));
  }

  /**
   * The schema of {@code source} as SQL: {@code --schema-only --no-owner --no-privileges}.
   *
   * @throws AdminException conflict {@code pg_dump_too_old} when the server is newer than this
   *     pg_dump, refused {@code schema_dump_failed} with pg_dump's message for other failures
   */
  String dumpSchema(SourceDatabase source, String address) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("tdb-schema", ".sql");
      err = Files.createTempFile("tdb-schema", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(
                  binary.toString(),
                  "--schema-only",
                  "--no-owner",
                  "--no-privileges",
                  "--no-password",
                  "--encoding=UTF8")
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // Only the caller's URL may authenticate: never the admin host's PG* variables, password
      // file or service file, which may hold credentials of databases the caller must not reach.
      builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
      builder.environment().putAll(source.environment(address));
      builder.environment().put("PGPASSFILE", "/dev/null");
      builder.environment().put("PGSERVICEFILE", "/dev/null");
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw failed(source, "no answer within " + TIMEOUT_MINUTES + " minutes");
      }
      String errors = Files.readString(err, StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw failure(source, errors);
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failed(source, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(source, "interrupted");
    } finally {
      delete(out);
      delete(err);
    }
  }

  private AdminException failure(SourceDatabase source, String errors) {
    if (CONNECTION_FAILED.matcher(errors).find()) {
      return SourceGate.connectFailed(source.describe(), errors);
    }
    if (errors.contains("server version mismatch")) {
      return new AdminException(
          AdminException.Kind.CONFLICT,
          "pg_dump_too_old",
          "pg_dump " + major + " (" + binary + ") cannot dump " + source.describe() + ": " + errors,
          "install the PostgreSQL client tools of the source server's major version or newer"
              + " where the admin service runs (or point $TDB_PG_DUMP at its pg_dump)");
    }
    return failed(source, errors);
  }

  private static AdminException failed(SourceDatabase source, String why) {
    return new AdminException(
        AdminException.Kind.REFUSED,
        "schema_dump_failed",
        "pg_dump could not dump " + source.describe() + ": " + why,
        "check the URL, that the server is reachable from the admin host, and the password");
  }

  private static Optional<Integer> major(Path binary) {
    try {
      Process process =
          new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      Matcher matcher = VERSION.matcher(output);
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        file.toFile().deleteOnExit();
      }
    }
  }
}
