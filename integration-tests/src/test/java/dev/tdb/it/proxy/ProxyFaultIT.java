/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults on either side of the proxy, with pgjdbc over real sockets: a server session killed in the
 * middle of a statement, and clients that vanish while the server works for them. Each test ends
 * with the tenant's server sessions back to none, so none leaks.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyFaultIT {
  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @AfterEach
  void noServerSessionLeaks() throws Exception {
    PgActivity.awaitGone(service, "");
  }

  @Test
  void aKilledServerSessionFailsOnlyItsClient() throws Exception {
    try (Connection victim = connect();
        Connection bystander = connect()) {
      CompletableFuture<Void> running = runAsync(victim, "SELECT pg_sleep(60)");
      PgActivity.await(service, "pg_sleep(60)", true);
      int pid = PgActivity.pidRunning(service, "pg_sleep(60)");

      try (Connection superuser = service.superuser(service.tenant());
          Statement statement = superuser.createStatement()) {
        statement.execute("SELECT pg_terminate_backend(" + pid + ")");
      }

      SQLException failure = failureOf(running);
      assertThat(failure.getSQLState()).isIn("57P01", "08006");
      assertThat(victim.isValid(5)).isFalse();
      assertThat(selectOne(bystander)).isEqualTo(1);
      try (Connection newcomer = connect()) {
        assertThat(selectOne(newcomer)).isEqualTo(1);
      }
    }
  }

  @Test
  void aClientThatVanishesCancelsItsRunningStatement() throws Exception {
    Connection vanishing = connect();
    CompletableFuture<Void> running = runAsync(vanishing, "SELECT pg_sleep(600)");
    PgActivity.await(service, "pg_sleep(600)", true);

    vanishing.abort(Runnable::run);

    assertThat(failureOf(running).getSQLState()).isEqualTo("08006");
    // pg_sleep writes nothing, so only the proxy's cancel can end it before ten minutes.
    PgActivity.awaitGone(service, "pg_sleep(600)");
  }

  @Test
  void aClientThatVanishesMidResultEndsItsServerSession() throws Exception {
    // In the select list the series streams; in FROM it would be written to a temporary file
    // first, past the tenant's temp_file_limit.
    String sql = "SELECT generate_series(1, 100000000) AS g, repeat('x', 200)";
    Connection vanishing = connect();
    vanishing.setAutoCommit(false);
    Statement statement = vanishing.createStatement();
    statement.setFetchSize(10);
    ResultSet rs = statement.executeQuery(sql);
    for (int i = 0; i < 25; i++) {
      assertThat(rs.next()).isTrue();
    }
    PgActivity.await(service, "generate_series(1, 100000000)", true);

    vanishing.abort(Runnable::run);

    PgActivity.awaitGone(service, "generate_series(1, 100000000)");
  }

  private static Connection connect() throws SQLException {
    return service.connect(service.tenant(), service.secret(), "");
  }

  private static CompletableFuture<Void> runAsync(Connection connection, String sql) {
    return CompletableFuture.runAsync(
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static SQLException failureOf(CompletableFuture<Void> running) throws Exception {
    try {
      running.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return (SQLException) e.getCause().getCause();
    }
    throw new AssertionError("the statement succeeded");
  }

  private static int selectOne(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
