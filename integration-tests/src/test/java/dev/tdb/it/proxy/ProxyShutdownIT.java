/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ProxyServer.shutdown}: idle sessions end at once with PostgreSQL's 57P01, a running
 * statement gets its answer first, and at the deadline what still runs is cancelled on the server.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyShutdownIT {
  private static final String TERMINATING = "terminating connection due to administrator command";

  @Test
  void idleSessionsEndAtOnceAndARunningStatementFinishesFirst(TestPostgres postgres)
      throws Exception {
    try (ProxyService service = ProxyService.start(postgres);
        Connection idle = service.connect(service.tenant(), service.secret(), "");
        Connection busy = service.connect(service.tenant(), service.secret(), "")) {
      CompletableFuture<Integer> running =
          CompletableFuture.supplyAsync(() -> single(busy, "SELECT 42 FROM pg_sleep(2)"));
      awaitRunning(service, "pg_sleep(2)");

      long started = System.nanoTime();
      CompletableFuture<Void> shutdown =
          CompletableFuture.runAsync(() -> service.proxy().shutdown(Duration.ofSeconds(30)));

      SQLException idleEnded = untilRefused(idle);
      assertThat(idleEnded.getSQLState()).isEqualTo("57P01");
      assertThat(idleEnded.getMessage()).contains(TERMINATING);
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(42);
      shutdown.get(30, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
      SQLException busyEnded = catchThrowableOfType(SQLException.class, () -> query(busy));
      assertThat(busyEnded.getSQLState()).isIn("57P01", "08006", "08003");
      SQLException refused =
          catchThrowableOfType(
              SQLException.class,
              () -> service.connect(service.tenant(), service.secret(), "").close());
      assertThat(refused.getSQLState()).isEqualTo("08001");
    }
  }

  @Test
  void theDeadlineCancelsWhatStillRunsOnTheServer(TestPostgres postgres) throws Exception {
    try (ProxyService service = ProxyService.start(postgres);
        Connection busy = service.connect(service.tenant(), service.secret(), "")) {
      CompletableFuture<Integer> running =
          CompletableFuture.supplyAsync(() -> single(busy, "SELECT 1 FROM pg_sleep(600)"));
      awaitRunning(service, "pg_sleep(600)");

      service.proxy().shutdown(Duration.ofMillis(500));

      Throwable ended =
          catchThrowableOfType(Exception.class, () -> running.get(30, TimeUnit.SECONDS));
      SQLException error = (SQLException) ended.getCause().getCause();
      assertThat(error.getSQLState()).isEqualTo("57P01");
      assertThat(error.getMessage()).contains(TERMINATING);
      PgActivity.awaitGone(service, "pg_sleep(600)");
    }
  }

  private static void awaitRunning(ProxyService service, String sqlFragment) throws Exception {
    PgActivity.await(service, sqlFragment, true);
  }

  /** Queries until the proxy, which shuts down in the background, ends the session. */
  private static SQLException untilRefused(Connection connection) {
    return await("the session ended by the shutdown")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> refusal(connection), refused -> refused != null);
  }

  /** What a query on {@code connection} is refused with, or null when it is answered. */
  private static SQLException refusal(Connection connection) {
    try {
      query(connection);
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  private static void query(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.executeQuery("SELECT 1").close();
    }
  }

  private static int single(Connection connection, String sql) {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
