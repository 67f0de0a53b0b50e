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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.util.PSQLException;

/**
 * The process id in the BackendKeyData a client gets through the proxy is its backend's, as on a
 * direct connection: {@code pg_backend_pid()}, the sender of its own NOTIFY, pg_stat_activity and
 * {@code pg_cancel_backend} from another session all agree with it. Each scenario runs directly
 * (superuser on the same database) and through the proxy, with pgjdbc; psql's Ctrl-C, a
 * CancelRequest with the key the client got, still cancels through the proxy.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyProcessIdIT {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static ProxyService service;

  private interface Connector {
    Connection open(String logicalName) throws SQLException;
  }

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  private static Connection direct(String logicalName) throws SQLException {
    return service.superuser(logicalName);
  }

  private static Connection proxied(String logicalName) throws SQLException {
    return service.connect(logicalName, service.secret(), "");
  }

  @Test
  void theProcessIdIsTheBackendsAndSignsTheSessionsOwnNotification() throws SQLException {
    for (Connector connector :
        List.<Connector>of(ProxyProcessIdIT::direct, ProxyProcessIdIT::proxied)) {
      try (Connection c = connector.open(service.tenant());
          Statement s = c.createStatement()) {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(pg.getBackendPID());
        }
        s.execute("LISTEN tdb_pid");
        s.execute("NOTIFY tdb_pid, 'mine'");
        PGNotification[] notifications = pg.getNotifications(10_000);
        assertThat(notifications).hasSize(1);
        assertThat(notifications[0].getParameter()).isEqualTo("mine");
        assertThat(notifications[0].getPID()).isEqualTo(pg.getBackendPID());
      }
    }
  }

  @Test
  void aSecondSessionOnAWorkspaceCancelsTheFirstByItsProcessId() throws Exception {
    String direct = cancelledBySecondSession(ProxyProcessIdIT::direct);
    String proxied = cancelledBySecondSession(ProxyProcessIdIT::proxied);

    assertThat(direct).isEqualTo("57014 ERROR: canceling statement due to user request");
    assertThat(proxied).isEqualTo(direct);
  }

  @Test
  void psqlCtrlCCancelsItsStatementThroughTheProxy() throws Exception {
    Path psql = Path.of("/usr/bin/psql");
    Assumptions.assumeTrue(Files.isExecutable(psql), "psql is not installed: skipped");
    ProcessBuilder builder =
        new ProcessBuilder(
                psql.toString(),
                "host=127.0.0.1 port="
                    + service.port()
                    + " dbname="
                    + service.tenant()
                    + " user="
                    + service.user()
                    + " sslmode=require",
                "-X",
                "-c",
                "SELECT pg_sleep(20)")
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", service.secret());
    Process process = builder.start();
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = process.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    try {
      PgActivity.await(service, "pg_sleep(20)", true);
      // What Ctrl-C sends psql: it answers with a CancelRequest on a new connection.
      assertThat(
              new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor())
          .isZero();
      assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(output.get()).contains("ERROR:  canceling statement due to user request");
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Runs a long statement in one workspace session, finds it in pg_stat_activity from a second by
   * the process id the first got, cancels it with {@code pg_cancel_backend}, and returns the first
   * session's error.
   */
  private static String cancelledBySecondSession(Connector connector) throws Exception {
    try (Connection first = connector.open(service.workspace());
        Connection second = connector.open(service.workspace());
        Statement sleeping = first.createStatement()) {
      int pid = first.unwrap(PGConnection.class).getBackendPID();
      CompletableFuture<Void> sleep =
          CompletableFuture.runAsync(
              () -> {
                try {
                  sleeping.execute("SELECT pg_sleep(20)");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitActive(second, pid);
      try (PreparedStatement cancel = second.prepareStatement("SELECT pg_cancel_backend(?)")) {
        cancel.setInt(1, pid);
        try (ResultSet rs = cancel.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getBoolean(1)).isTrue();
        }
      }
      ExecutionException failed =
          catchThrowableOfType(
              ExecutionException.class, () -> sleep.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      PSQLException error = (PSQLException) failed.getCause().getCause();
      return error.getSQLState()
          + " "
          + error.getServerErrorMessage().getSeverity()
          + ": "
          + error.getServerErrorMessage().getMessage();
    }
  }

  /** Polls pg_stat_activity from {@code observer} until backend {@code pid} runs pg_sleep. */
  private static void awaitActive(Connection observer, int pid) throws SQLException {
    try (PreparedStatement activity =
        observer.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity"
                + " WHERE pid = ? AND state = 'active' AND strpos(query, 'pg_sleep') > 0")) {
      activity.setInt(1, pid);
      await("backend " + pid + " in pg_sleep")
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(10))
          .until(() -> count(activity) == 1);
    }
  }

  private static int count(PreparedStatement query) throws SQLException {
    try (ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
