/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.QueryExecutor;

/**
 * Server connections are pooled: clients of one tenant take turns on at most its {@code
 * max_connections} server sessions, each finds the session as new (no setting, lock, transaction or
 * prepared statement of the one before), and a client that finds none free waits for one, or gets
 * 53300 naming the setting to raise.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyPoolIT {
  /**
   * As many as the proxy has event loops (Netty's default, two per processor): a server connection
   * serves clients of its own event loop, so with fewer the clients in turn would keep closing idle
   * connections of other loops to make room rather than reuse them.
   */
  private static final int MAX_CONNECTIONS = 2 * Runtime.getRuntime().availableProcessors();

  private static final int CLIENTS = 3 * MAX_CONNECTIONS;
  private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(2);

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service =
        ProxyService.start(
            postgres,
            config ->
                config.toBuilder()
                    .pool(
                        new ProxyConfig.Pool(
                            ProxyConfig.Pool.DEFAULT_CLUSTER_MAX_SERVER_CONNECTIONS,
                            QUEUE_TIMEOUT,
                            Duration.ofMinutes(10),
                            ProxyConfig.Pool.DEFAULT_PREPARED_STATEMENT_CACHE_SIZE))
                    .build());
    // Before the tenant's first session, so that the proxy routes it with this limit.
    service.updateSettings(
        Map.of("max_connections", MAX_CONNECTIONS, "allow_advisory_locks", true));
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void clientsTakingTurnsNeverSeeWhatTheOneBeforeLeftBehind() throws Exception {
    Set<Integer> backends = new HashSet<>();
    String workMem = null;
    for (int i = 0; i < CLIENTS; i++) {
      try (Connection connection = connect("?prepareThreshold=1");
          Statement statement = connection.createStatement()) {
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT pg_backend_pid(), current_setting('work_mem'),"
                    + " (SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid()"
                    + " AND locktype = 'advisory'),"
                    + " (SELECT count(*) FROM note), (SELECT count(*) FROM pg_prepared_statements),"
                    + " to_regclass('scratch') IS NULL")) {
          rs.next();
          backends.add(rs.getInt(1));
          workMem = workMem == null ? rs.getString(2) : workMem;
          assertThat(rs.getString(2)).as("work_mem of client %d", i).isEqualTo(workMem);
          assertThat(rs.getInt(3)).as("advisory locks of client %d", i).isZero();
          assertThat(rs.getInt(4)).as("uncommitted rows seen by client %d", i).isZero();
          assertThat(rs.getInt(5)).as("prepared statements of client %d", i).isLessThanOrEqualTo(1);
          assertThat(rs.getBoolean(6)).as("no temporary table for client %d", i).isTrue();
        }
        leaveSomethingBehind(connection, statement, i);
      }
      assertThat(PgActivity.sessions(service)).isLessThanOrEqualTo(MAX_CONNECTIONS);
    }
    assertThat(workMem).isNotEqualTo("2MB");
    assertThat(backends.size()).isLessThanOrEqualTo(MAX_CONNECTIONS);
  }

  /**
   * A setting, a session lock, a temporary table, a prepared statement, and an open or failed
   * transaction.
   */
  private static void leaveSomethingBehind(Connection connection, Statement statement, int i)
      throws SQLException {
    statement.execute("SET work_mem = '2MB'");
    statement.execute("SELECT pg_advisory_lock(" + (100 + i) + ")");
    statement.execute("CREATE TEMP TABLE scratch (x int)");
    try (var prepared = connection.prepareStatement("SELECT ?::int + 1")) {
      prepared.setInt(1, i);
      prepared.executeQuery().close();
    }
    connection.setAutoCommit(false);
    statement.execute("INSERT INTO note VALUES (" + i + ", 'uncommitted')");
    if (i % 2 == 1) {
      assertThatThrownBy(() -> statement.execute("SELECT 1 / 0"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22012");
    }
  }

  /**
   * With idle connections left on some event loops, as many clients at once as the budget allows
   * all get a server connection: those on other loops close an idle one to make room, and the
   * server, which still counts the closing backend against the database's connection limit, refuses
   * the new one until it is gone.
   */
  @Test
  void asManyClientsAtOnceAsTheBudgetAllowsAllGetIn() throws Exception {
    for (int round = 0; round < 3; round++) {
      List<Connection> batch = new ArrayList<>();
      try {
        for (int i = 0; i <= round; i++) {
          batch.add(connect(""));
        }
      } finally {
        for (Connection connection : batch) {
          connection.close();
        }
      }
    }
    ExecutorService clients = Executors.newFixedThreadPool(MAX_CONNECTIONS);
    CyclicBarrier allIn = new CyclicBarrier(MAX_CONNECTIONS);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        answers.add(
            clients.submit(
                () -> {
                  try (Connection connection = connect("")) {
                    allIn.await(QUEUE_TIMEOUT.toMillis() * 5, TimeUnit.MILLISECONDS);
                    return selectOne(connection);
                  }
                }));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void aClientWaitsForAServerConnectionAndGets53300WhenNoneFreesUp() throws Exception {
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        held.add(connect(""));
      }
      long started = System.nanoTime();
      assertThatThrownBy(() -> connect("").close())
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("53300");
                assertThat(e.getMessage())
                    .contains("max_connections")
                    .contains("pool.queue_timeout")
                    .contains("tdb workspaces settings " + service.workspace());
              });
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(QUEUE_TIMEOUT);

      CompletableFuture<Integer> waiting =
          CompletableFuture.supplyAsync(
              () -> {
                try (Connection third = connect("");
                    Statement s = third.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 1")) {
                  rs.next();
                  return rs.getInt(1);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(selectOne(held.get(1))).isEqualTo(1);
      held.get(0).close();
      assertThat(waiting.get(QUEUE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)).isEqualTo(1);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void theCancelKeyOfAClientThatLeftCancelsNothingOnTheNextClientOfItsServerSession()
      throws Exception {
    Connection gone = connect("");
    int pid = backendPid(gone);
    QueryExecutor goneKey = gone.unwrap(BaseConnection.class).getQueryExecutor();
    gone.close();
    List<Connection> opened = new ArrayList<>();
    try {
      Connection next = null;
      // The server session serves the next client of its event loop: one of the next few.
      for (int i = 0; i < MAX_CONNECTIONS && next == null; i++) {
        Connection candidate = connect("");
        opened.add(candidate);
        if (backendPid(candidate) == pid) {
          next = candidate;
        }
      }
      assertThat(next).as("a client on server session %d", pid).isNotNull();
      Connection holder = next;
      CompletableFuture<Void> sleeping =
          CompletableFuture.runAsync(
              () -> {
                try (Statement s = holder.createStatement()) {
                  s.execute("SELECT pg_sleep(2)");
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      PgActivity.await(service, "pg_sleep(2)", true);
      // The CancelRequest the client that left would send with the key it got.
      goneKey.sendQueryCancel();
      sleeping.get(10, TimeUnit.SECONDS);
    } finally {
      for (Connection connection : opened) {
        connection.close();
      }
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int selectOne(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Connection connect(String extra) throws SQLException {
    return service.connect(service.tenant(), service.secret(), extra);
  }
}
