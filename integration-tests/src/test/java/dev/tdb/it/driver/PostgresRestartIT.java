/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.pgserver.EmbeddedPostgres;
import dev.tdb.pgserver.PostgresOptions;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A HikariCP pool over {@code jdbc:tdb:} outlives a restart of PostgreSQL: while the server is down
 * borrowing fails with an error, and once it is back the pool serves again without the application
 * doing anything. The test runs its own server, since it stops it.
 */
final class PostgresRestartIT {
  private static final String SUPERUSER = "postgres";
  private static final String PASSWORD = UUID.randomUUID().toString();

  @Test
  void poolsRecoverWhenPostgresComesBack() throws Exception {
    // Not created here: the server's account must own it (as root, PostgreSQL runs as nobody).
    Path cluster =
        Path.of(System.getProperty("java.io.tmpdir"), "tdb-restart-" + UUID.randomUUID());
    EmbeddedPostgres server =
        EmbeddedPostgres.start(PostgresOptions.durable(cluster, 0, SUPERUSER, PASSWORD));
    int port = server.port();
    try (TdbService tdb = TdbService.start(TestPostgres.of(server))) {
      String blueprint = tdb.createBlueprint("restart");
      String tenant =
          tdb.createTenant(blueprint, "acme", "CREATE TABLE note (id int PRIMARY KEY, body text)");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(tdb.url(tenant));
      config.setMaximumPoolSize(2);
      config.setConnectionTimeout(1000);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        write(pool, 1);

        server.close();
        assertThatThrownBy(() -> write(pool, 2)).isInstanceOf(SQLException.class);

        server =
            EmbeddedPostgres.start(PostgresOptions.durable(cluster, port, SUPERUSER, PASSWORD));
        awaitWrite(pool, 3);
        try (Connection connection = pool.getConnection();
            Statement statement = connection.createStatement();
            ResultSet rs =
                statement.executeQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM note")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("1,3");
        }
        // The policy still holds on connections made after the restart.
        try (Connection connection = pool.getConnection();
            Statement statement = connection.createStatement()) {
          assertThatThrownBy(() -> statement.execute("DROP TABLE note"))
              .hasFieldOrPropertyWithValue("SQLState", "42501");
        }
      }
    } finally {
      server.close();
      deleteTree(cluster);
    }
  }

  private static void write(HikariDataSource pool, int id) throws SQLException {
    try (Connection connection = pool.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO note VALUES (" + id + ", 'n" + id + "')");
    }
  }

  /** Writes once the pool has replaced the connections the restart broke, within 30 s. */
  private static void awaitWrite(HikariDataSource pool, int id) {
    await("the pool recovering")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(SQLException.class)
        .untilAsserted(() -> write(pool, id));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
