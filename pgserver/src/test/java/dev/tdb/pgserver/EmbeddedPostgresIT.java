/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.pgserver.internal.LeftoverServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class EmbeddedPostgresIT {

  @Test
  void throwawayServerAnswersQueriesAndIsDeletedWhenClosed() throws SQLException {
    Path data;
    try (EmbeddedPostgres server =
        EmbeddedPostgres.start(PostgresOptions.throwaway("tdb_test", "s3cret"))) {
      data = server.dataDirectory();
      try (Connection connection =
              DriverManager.getConnection(server.jdbcUrl("postgres"), "tdb_test", "s3cret");
          Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "select current_user, current_setting('server_version_num')::int,"
                      + " current_setting('fsync')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("tdb_test");
        assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(150000);
        assertThat(rs.getString(3)).isEqualTo("off");
      }
    }
    assertThat(data).doesNotExist();
  }

  @Test
  void refusesAWrongPasswordBecauseAuthenticationIsScram() {
    try (EmbeddedPostgres server =
        EmbeddedPostgres.start(PostgresOptions.throwaway("tdb_test", "right"))) {
      assertThatThrownBy(
              () -> DriverManager.getConnection(server.jdbcUrl("postgres"), "tdb_test", "wrong"))
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("28P01");
    }
  }

  @Test
  void durableClusterKeepsItsDataAcrossRestarts(@TempDir Path parent) throws Exception {
    // When tests run as root the server runs as nobody, which must be able to enter the parent.
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
    Path directory = parent.resolve("cluster");
    PostgresOptions options = PostgresOptions.durable(directory, 0, "owner", "pw");
    try (EmbeddedPostgres server = EmbeddedPostgres.start(options);
        Connection connection =
            DriverManager.getConnection(server.jdbcUrl("postgres"), "owner", "pw");
        Statement statement = connection.createStatement()) {
      statement.execute("create table kept(v text)");
      statement.execute("insert into kept values ('still here')");
    }
    assertThat(directory.resolve("data/PG_VERSION")).exists();
    try (EmbeddedPostgres server = EmbeddedPostgres.start(options);
        Connection connection =
            DriverManager.getConnection(server.jdbcUrl("postgres"), "owner", "pw");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select v from kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
  }

  @Test
  void aKeptClusterServesOneOwnerAndItsServerIsRecognizedAsItsOwn(@TempDir Path parent)
      throws Exception {
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
    PostgresOptions options = PostgresOptions.durable(parent.resolve("cluster"), 0, "owner", "pw");
    try (EmbeddedPostgres server = EmbeddedPostgres.start(options)) {
      assertThat(server.recovery()).isEmpty();
      // What a start after a kill -9 of the owner finds: a live postgres serving this directory.
      assertThat(LeftoverServer.find(server.dataDirectory()))
          .hasValueSatisfying(found -> assertThat(found.port()).isEqualTo(server.port()));
      // While its owner lives, the cluster is not another start's to take, nor its server to stop.
      assertThatThrownBy(() -> EmbeddedPostgres.start(options))
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageContaining("is in use by another process");
      try (Connection connection =
          DriverManager.getConnection(server.jdbcUrl("postgres"), "owner", "pw")) {
        assertThat(connection.isValid(5)).isTrue();
      }
    }
    try (EmbeddedPostgres again = EmbeddedPostgres.start(options)) {
      assertThat(again.recovery()).as("a cleanly stopped server leaves nothing").isEmpty();
    }
  }

  @Test
  void appliesExtraServerSettings() throws SQLException {
    PostgresOptions options =
        PostgresOptions.throwaway("tdb_test", "pw").withServerSettings(Map.of("work_mem", "'7MB'"));
    try (EmbeddedPostgres server = EmbeddedPostgres.start(options);
        Connection connection =
            DriverManager.getConnection(server.jdbcUrl("postgres"), "tdb_test", "pw");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("show work_mem")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("7MB");
    }
  }

  @Test
  void startFailureCarriesTheServerLog() {
    PostgresOptions options =
        PostgresOptions.throwaway("tdb_test", "pw")
            .withServerSettings(Map.of("shared_buffers", "'not-a-size'"));
    assertThatThrownBy(() -> EmbeddedPostgres.start(options))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("did not start")
        .hasMessageContaining("shared_buffers");
  }

  @Test
  void secondServerRunsBesideTheFirst() throws Exception {
    try (EmbeddedPostgres first = EmbeddedPostgres.start(PostgresOptions.throwaway("a", "pw"));
        EmbeddedPostgres second = EmbeddedPostgres.start(PostgresOptions.throwaway("b", "pw"))) {
      assertThat(first.port()).isNotEqualTo(second.port());
      assertThat(Files.isSameFile(first.dataDirectory(), second.dataDirectory())).isFalse();
      try (Connection a = DriverManager.getConnection(first.jdbcUrl("postgres"), "a", "pw");
          Connection b = DriverManager.getConnection(second.jdbcUrl("postgres"), "b", "pw")) {
        a.createStatement().execute("create database only_on_first");
        ResultSet rs =
            b.createStatement()
                .executeQuery("select count(*) from pg_database where datname = 'only_on_first'");
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void startsTheServerProgramsOfTheBinariesDirectoryItIsGiven() throws Exception {
    Optional<Path> installed = newestInstalledBinaries();
    Assumptions.assumeTrue(
        installed.isPresent(),
        "no PostgreSQL installed in /usr/lib/postgresql/<major>/bin (with initdb, pg_ctl and"
            + " postgres) to start a server from");
    Path bin = installed.get();
    PostgresOptions options = PostgresOptions.throwaway("tdb_test", "pw").withBinaries(bin);
    try (EmbeddedPostgres server = EmbeddedPostgres.start(options);
        Connection connection =
            DriverManager.getConnection(server.jdbcUrl("postgres"), "tdb_test", "pw");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("show server_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).startsWith(bin.getParent().getFileName() + ".");
    }
  }

  @Test
  void refusesABinariesDirectoryWithoutServerPrograms(@TempDir Path empty) {
    PostgresOptions options = PostgresOptions.throwaway("tdb_test", "pw").withBinaries(empty);
    assertThatThrownBy(() -> EmbeddedPostgres.start(options))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessage("the binaries directory " + empty + " has no executable initdb and pg_ctl");
  }

  /** The bin directory of the newest Debian-style installation, if there is one. */
  private static Optional<Path> newestInstalledBinaries() throws IOException {
    Path versions = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(versions)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(versions)) {
      return dirs.filter(dir -> dir.getFileName().toString().matches("\\d+"))
          .map(dir -> dir.resolve("bin"))
          .filter(
              bin ->
                  Stream.of("initdb", "pg_ctl", "postgres")
                      .allMatch(program -> Files.isExecutable(bin.resolve(program))))
          .max(
              Comparator.comparingInt(
                  bin -> Integer.parseInt(bin.getParent().getFileName().toString())));
    }
  }
}
