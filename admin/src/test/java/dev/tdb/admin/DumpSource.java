/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import dev.tdb.admin.blueprints.HostPgDump;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A database to import a schema from, on a server the host's pg_dump can dump. pg_dump refuses
 * servers of a newer major version, so when it is older than the test server the database is on a
 * throwaway server started from the PostgreSQL installation of pg_dump's version; else it is on the
 * test server.
 */
final class DumpSource implements AutoCloseable {
  private final TestPostgres testServer;
  private final EmbeddedPostgres own;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String database;

  private DumpSource(TestPostgres testServer, String database) {
    this.testServer = testServer;
    this.own = null;
    this.host = testServer.host();
    this.port = testServer.port();
    this.user = testServer.superuser();
    this.password = testServer.password();
    this.database = database;
  }

  private DumpSource(EmbeddedPostgres own, String database) {
    this.testServer = null;
    this.own = own;
    this.host = own.host();
    this.port = own.port();
    this.user = own.superuser();
    this.password = own.password();
    this.database = database;
  }

  /**
   * A new empty database that {@code pgDump} can dump; aborts the test when there is none.
   *
   * @param testServer the server the admin service manages
   * @param pgDump the pg_dump the admin service runs
   */
  static DumpSource create(TestPostgres testServer, HostPgDump pgDump) throws SQLException {
    if (pgDump.major() >= majorOf(testServer)) {
      return new DumpSource(testServer, testServer.createDatabase("bp_source"));
    }
    Optional<Path> bin = serverPrograms(pgDump);
    Assumptions.assumeTrue(
        bin.isPresent(),
        "pg_dump "
            + pgDump.major()
            + " ("
            + pgDump.binary()
            + ") is older than the test server's PostgreSQL and there is no initdb, pg_ctl and"
            + " postgres of its version to start a source server it can dump");
    EmbeddedPostgres own =
        EmbeddedPostgres.start(
            PostgresOptions.throwaway("tdb_source", UUID.randomUUID().toString())
                .withBinaries(bin.get()));
    DumpSource source = new DumpSource(own, "bp_source");
    try (Connection connection =
            DriverManager.getConnection(own.jdbcUrl("postgres"), source.user, source.password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + source.database);
    } catch (SQLException e) {
      own.close();
      throw e;
    }
    return source;
  }

  /**
   * The bin directory with the server programs of {@code pgDump}'s version: its own directory, or
   * Debian's {@code /usr/lib/postgresql/<major>/bin} when it is Debian's {@code pg_wrapper} (the
   * {@code /usr/bin/pg_dump} that runs the newest installed client).
   */
  private static Optional<Path> serverPrograms(HostPgDump pgDump) {
    Path own = pgDump.binary().toAbsolutePath().getParent();
    try {
      own = pgDump.binary().toRealPath().getParent();
    } catch (IOException e) {
      // The directory pg_dump was found in is as good a place to look.
    }
    return Stream.of(own, Path.of("/usr/lib/postgresql", Integer.toString(pgDump.major()), "bin"))
        .filter(
            dir ->
                Stream.of("initdb", "pg_ctl", "postgres")
                    .allMatch(program -> Files.isExecutable(dir.resolve(program))))
        .findFirst();
  }

  /** The major version of the PostgreSQL that {@code server} runs. */
  static int majorOf(TestPostgres server) throws SQLException {
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
      rs.next();
      return rs.getInt(1) / 10000;
    }
  }

  /** Whether the database is on the test server rather than on a server of pg_dump's version. */
  boolean onTestServer() {
    return own == null;
  }

  /** The server the database is on, for building more sources there. */
  TestPostgres server() {
    return own == null ? testServer : TestPostgres.of(own);
  }

  /** The database's name. */
  String database() {
    return database;
  }

  /** A {@code postgresql://} URL of the database with the superuser's credentials. */
  String url() {
    return "postgresql://" + user + ":" + password + "@" + host + ":" + port + "/" + database;
  }

  /** A superuser connection to the database. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
  }

  /** Drops the database from the test server, or stops (and deletes) the throwaway server. */
  @Override
  public void close() throws SQLException {
    if (own == null) {
      testServer.dropDatabase(database);
    } else {
      own.close();
    }
  }
}
