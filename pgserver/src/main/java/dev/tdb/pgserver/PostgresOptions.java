/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start an embedded PostgreSQL server.
 *
 * @param directory where the cluster lives (its {@code data} directory and {@code postgres.log});
 *     {@link Optional#empty()} for a throwaway cluster in a temporary directory that is deleted
 *     when the server stops
 * @param port the TCP port on 127.0.0.1, or 0 for a free one
 * @param superuser the bootstrap superuser's name
 * @param password the superuser's password (SCRAM-SHA-256 is the only method accepted)
 * @param durability whether the server may skip fsync, for throwaway test clusters
 * @param serverSettings extra {@code postgresql.conf} settings, applied after tdb's own
 * @param binaries the directory holding {@code initdb}, {@code pg_ctl} and {@code postgres} to run;
 *     {@link Optional#empty()} for {@code TDB_POSTGRES_BIN}, else the bundled distribution
 */
public record PostgresOptions(
    Optional<Path> directory,
    int port,
    String superuser,
    String password,
    Durability durability,
    Map<String, String> serverSettings,
    Optional<Path> binaries) {

  /** Whether the server writes to disk safely. */
  public enum Durability {
    /** fsync and full page writes on: data survives a crash of the machine. */
    DURABLE,
    /** fsync off: much faster, and a crash of the machine may corrupt the cluster. */
    THROWAWAY
  }

  /** Validates the options. */
  public PostgresOptions {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(superuser, "superuser");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(binaries, "binaries");
    serverSettings = Map.copyOf(serverSettings);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (!superuser.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "superuser must be a lowercase PostgreSQL identifier, got '" + superuser + "'");
    }
    if (password.isEmpty() || password.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("password must be non-empty and on one line");
    }
  }

  /** A throwaway cluster on a free port, for tests. */
  public static PostgresOptions throwaway(String superuser, String password) {
    return new PostgresOptions(
        Optional.empty(), 0, superuser, password, Durability.THROWAWAY, Map.of(), Optional.empty());
  }

  /** A durable cluster kept in {@code directory}, created on first start. */
  public static PostgresOptions durable(
      Path directory, int port, String superuser, String password) {
    return new PostgresOptions(
        Optional.of(directory),
        port,
        superuser,
        password,
        Durability.DURABLE,
        Map.of(),
        Optional.empty());
  }

  /** These options with extra server settings. */
  public PostgresOptions withServerSettings(Map<String, String> settings) {
    return new PostgresOptions(
        directory, port, superuser, password, durability, settings, binaries);
  }

  /**
   * These options with the server programs of a local installation, for example {@code
   * /usr/lib/postgresql/15/bin} to run a PostgreSQL major version other than the bundled one.
   */
  public PostgresOptions withBinaries(Path binDirectory) {
    return new PostgresOptions(
        directory,
        port,
        superuser,
        password,
        durability,
        serverSettings,
        Optional.of(binDirectory));
  }
}
