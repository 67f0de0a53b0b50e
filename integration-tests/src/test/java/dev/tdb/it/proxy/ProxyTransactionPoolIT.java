/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * {@code pool_mode = transaction} with {@code max_connections = 1}: clients share one server
 * connection, one transaction at a time, and none sees what another left behind: statements that
 * would leave session state are refused with 0A000, a failed transaction keeps the connection until
 * its ROLLBACK, a client's settings and named prepared statements follow it, what the classifier
 * cannot see is reset before the next client, cancels reach the client's own statement, and a
 * client gone mid-transaction is rolled back.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyTransactionPoolIT {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
    // Before the first session, so that the proxy routes the databases with these settings.
    service.updateSettings(
        Map.of("max_connections", 1, "pool_mode", "transaction", "allow_advisory_locks", true));
    try (Connection owner = service.superuser(service.tenant());
        Statement s = owner.createStatement()) {
      s.execute(
          "CREATE FUNCTION sneak() RETURNS text LANGUAGE sql"
              + " AS $$ SELECT set_config('application_name', 'sneaked', false) $$");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void twoClientsShareOneServerConnectionOneTransactionAtATime() throws Exception {
    try (Connection first = connect();
        Connection second = connect()) {
      assertThat(backendPid(first)).isEqualTo(backendPid(second));
      first.setAutoCommit(false);
      try (Statement s = first.createStatement()) {
        s.execute("SET LOCAL work_mem = '3MB'");
        s.execute("CREATE TEMP TABLE scratch (x int) ON COMMIT DROP");
        s.execute("SELECT pg_advisory_xact_lock(7)");
        s.execute("INSERT INTO note VALUES (1, 'uncommitted')");
      }
      CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> seen(second));
      assertThat(waiting).isNotCompleted();
      first.rollback();
      assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .isEqualTo("work_mem 4MB, notes 0, locks 0, scratch none");
    }
  }

  @Test
  void aFailedTransactionKeepsItsConnectionUntilTheRollback() throws Exception {
    try (Connection first = connect();
        Connection second = connect()) {
      first.setAutoCommit(false);
      try (Statement s = first.createStatement()) {
        assertThatThrownBy(() -> s.execute("SELECT 1 / 0"))
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("22012");
      }
      CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> seen(second));
      assertThat(waiting).isNotCompleted();
      first.rollback();
      assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).startsWith("work_mem 4MB");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE",
        "SELECT pg_advisory_lock(1)",
        "LISTEN jobs",
        "DECLARE c CURSOR WITH HOLD FOR SELECT 1",
        "CREATE TEMP TABLE scratch (x int)",
        "PREPARE p AS SELECT 1",
        "DISCARD ALL"
      })
  void refusesWhatWouldOutliveTheTransaction(String sql) throws Exception {
    try (Connection connection = connect();
        Statement s = connection.createStatement()) {
      assertThatThrownBy(() -> s.execute(sql))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("0A000");
                assertThat(e.getServerErrorMessage().getMessage())
                    .contains("is not supported in transaction pooling");
                assertThat(e.getServerErrorMessage().getHint())
                    .contains(
                        "tdb workspaces settings "
                            + service.workspace()
                            + " --set pool_mode=session");
              });
      assertThat(seen(connection)).isEqualTo("work_mem 4MB, notes 0, locks 0, scratch none");
    }
  }

  @Test
  void refusesADeallocateInsideAMultiStatementQueryAndCarriesOutOneAlone() throws Exception {
    Assumptions.assumeTrue(ProxyService.psqlInstalled(), "psql is not installed: skipped");
    // psql sends each -c as one Query message, statements and all.
    String batch = service.psql(service.tenant(), "SELECT 40 + 2; DEALLOCATE ALL");
    assertThat(batch)
        .contains("ERROR:  DEALLOCATE among other statements of one query")
        .contains("is not supported in transaction pooling")
        .doesNotContain("42");
    String alone = service.psql(service.tenant(), "DEALLOCATE ALL", "SELECT 40 + 2");
    assertThat(alone).doesNotContain("ERROR").contains("42");
  }

  @Test
  void aClientsSettingsFollowItAcrossTransactionsAndNoOtherClientSeesThem() throws Exception {
    try (Connection setter = connect();
        Connection other = connect()) {
      execute(setter, "SET work_mem = '2MB'");
      execute(setter, "SELECT set_config('application_name', 'setter', false)");
      assertThat(setting(other, "work_mem")).isEqualTo("4MB");
      assertThat(setting(other, "application_name")).isNotEqualTo("setter");
      assertThat(setting(setter, "work_mem")).isEqualTo("2MB");
      assertThat(setting(setter, "application_name")).isEqualTo("setter");

      setter.setAutoCommit(false);
      execute(setter, "SET work_mem = '3MB'");
      setter.rollback();
      setter.setAutoCommit(true);
      assertThat(setting(other, "work_mem")).isEqualTo("4MB");
      assertThat(setting(setter, "work_mem")).isEqualTo("2MB");

      execute(setter, "RESET work_mem");
      assertThat(setting(setter, "work_mem")).isEqualTo("4MB");
      assertThat(setting(setter, "application_name")).isEqualTo("setter");
    }
  }

  @Test
  void aSettingChangedOutOfTheClassifiersSightIsResetBeforeTheNextClient() throws Exception {
    try (Connection first = connect();
        Statement s = first.createStatement()) {
      s.execute("SELECT sneak()");
    }
    try (Connection second = connect();
        Statement s = second.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isNotEqualTo("sneaked");
    }
  }

  @Test
  void namedStatementsOfTwoClientsFollowThemAcrossServerSessionsAndNeverMeet() throws Exception {
    try (Connection a = connect();
        Connection b = connect();
        PreparedStatement plusOne = a.prepareStatement("SELECT ?::int + 1");
        PreparedStatement exclaim = b.prepareStatement("SELECT ?::text || '!'")) {
      for (int i = 0; i < 8; i++) {
        plusOne.setInt(1, i);
        try (ResultSet rs = plusOne.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isEqualTo(i + 1);
        }
        exclaim.setString(1, "b" + i);
        try (ResultSet rs = exclaim.executeQuery()) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("b" + i + "!");
        }
        if (i == 4) {
          // The server session is reset (DISCARD ALL): the statements are prepared there again.
          execute(a, "SELECT sneak()");
        }
      }
      try (Statement s = b.createStatement();
          ResultSet rs = s.executeQuery("SELECT name FROM pg_prepared_statements")) {
        while (rs.next()) {
          assertThat(rs.getString(1)).startsWith("tdb_");
        }
      }
    }
  }

  @Test
  void aCancelReachesTheStatementOfTheClientWhoseKeyItCarries() throws Exception {
    try (Connection sleeper = connect();
        Connection idle = connect();
        Statement sleeping = sleeper.createStatement()) {
      CompletableFuture<Void> shortSleep =
          CompletableFuture.runAsync(() -> execute(sleeper, "SELECT pg_sleep(1)"));
      PgActivity.await(service, "pg_sleep(1)", true);
      // The idle client holds no server connection: its cancel cancels nothing.
      idle.unwrap(BaseConnection.class).getQueryExecutor().sendQueryCancel();
      shortSleep.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      CompletableFuture<Void> longSleep =
          CompletableFuture.runAsync(() -> execute(sleeping, "SELECT pg_sleep(30)"));
      PgActivity.await(service, "pg_sleep(30)", true);
      sleeping.cancel();
      assertThatThrownBy(() -> longSleep.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .hasRootCauseInstanceOf(PSQLException.class)
          .rootCause()
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("57014");
      assertThat(seen(idle)).startsWith("work_mem 4MB");
    }
  }

  @Test
  void aClientGoneMidTransactionIsRolledBackAndItsConnectionServesTheNext() throws Exception {
    Connection gone = connect();
    gone.setAutoCommit(false);
    try (Statement s = gone.createStatement()) {
      s.execute("INSERT INTO note VALUES (2, 'left behind')");
    }
    gone.close();
    try (Connection next = connect()) {
      assertThat(seen(next)).isEqualTo("work_mem 4MB, notes 0, locks 0, scratch none");
    }
  }

  /** What a client finds: the setting, rows, advisory locks and temporary table others left. */
  private static String seen(Connection connection) {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT current_setting('work_mem'), (SELECT count(*) FROM note),"
                    + " (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'),"
                    + " coalesce(to_regclass('scratch')::text, 'none')")) {
      rs.next();
      return String.format(
          "work_mem %s, notes %d, locks %d, scratch %s",
          rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String setting(Connection connection, String name) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(Connection connection, String sql) {
    try (Statement s = connection.createStatement()) {
      execute(s, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(Statement statement, String sql) {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Connection connect() throws SQLException {
    return service.connect(service.tenant(), service.secret(), "?prepareThreshold=1");
  }
}
