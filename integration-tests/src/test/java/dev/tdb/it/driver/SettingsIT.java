/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tdb.core.settings.Setting;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
final class SettingsIT {
  private static TdbService tdb;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  /**
   * The logical name of a tenant of a new blueprint whose workspace has {@code setting} changed to
   * {@code value}.
   */
  private static String tenantWith(String hint, Setting setting, Object value) throws SQLException {
    String blueprint = tdb.createBlueprint(hint);
    tdb.updateSettings(blueprint, Map.of(setting.key(), value));
    return tdb.createTenant(blueprint, "acme");
  }

  @Test
  void failsInsteadOfTruncatingBeyondMaxRowsPerQuery() throws SQLException {
    String url = tdb.url(tenantWith("rows", Setting.MAX_ROWS_PER_QUERY, 5));
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      assertThat(statement.getMaxRows()).isEqualTo(5);
      statement.setMaxRows(1000);
      assertThat(statement.getMaxRows()).isEqualTo(5);
      try (ResultSet exactly = statement.executeQuery("SELECT g FROM generate_series(1, 5) g")) {
        assertThat(countRows(exactly)).isEqualTo(5);
      }
      ResultSet tooMany = statement.executeQuery("SELECT g FROM generate_series(1, 10) g");
      assertThatThrownBy(() -> countRows(tooMany))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("54000");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo("query returned more than max_rows_per_query (5) rows");
              });
    }
  }

  @Test
  void truncatesAtTheApplicationsOwnLowerMaxRows() throws SQLException {
    String url = tdb.url(tenantWith("ownrows", Setting.MAX_ROWS_PER_QUERY, 5));
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.setMaxRows(3);
      assertThat(statement.getMaxRows()).isEqualTo(3);
      try (ResultSet rs = statement.executeQuery("SELECT g FROM generate_series(1, 10) g")) {
        assertThat(countRows(rs)).isEqualTo(3);
      }
    }
  }

  @Test
  void enforcesTheRowCapWhileStreamingWithFetchSize() throws SQLException {
    String url = tdb.url(tenantWith("streamrows", Setting.MAX_ROWS_PER_QUERY, 250));
    try (Connection connection = DriverManager.getConnection(url)) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(100);
        ResultSet rs = statement.executeQuery("SELECT g FROM generate_series(1, 1000) g");
        assertThatThrownBy(() -> countRows(rs)).hasFieldOrPropertyWithValue("SQLState", "54000");
      }
      connection.rollback();
    }
  }

  @Test
  void capsTheQueryTimeoutAtTheWorkspaceCeiling() throws SQLException {
    String url = tdb.url(tenantWith("timeout", Setting.QUERY_TIMEOUT_MS, 500));
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
      statement.setQueryTimeout(0);
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
      statement.setQueryTimeout(60);
      long started = System.nanoTime();
      // At the ceiling the runtime role's own statement_timeout stops it, not a client timer.
      assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(5)"))
          .hasFieldOrPropertyWithValue("SQLState", "57014")
          .hasMessageContaining("statement timeout");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4000);
    }
  }

  @Test
  void refusesConnectionsBeyondMaxConnectionsUnlessOneFreesUpInTime() throws Exception {
    String name = tenantWith("limit", Setting.MAX_CONNECTIONS, 2);
    String url = tdb.url(name);
    Connection first = DriverManager.getConnection(url);
    try (Connection second = DriverManager.getConnection(url)) {
      assertThatThrownBy(() -> DriverManager.getConnection(url))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("53300");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo(
                        "too many connections for database \"" + name + "\" (max_connections 2)");
              });
      CompletableFuture<Connection> waiting =
          CompletableFuture.supplyAsync(() -> connectWaiting(url + "&maxConnectionsWaitMs=10000"));
      Thread.sleep(200);
      assertThat(waiting).isNotDone();
      first.close();
      try (Connection third = waiting.get(10, TimeUnit.SECONDS)) {
        assertThat(third.isValid(1)).isTrue();
        assertThat(second.isValid(1)).isTrue();
      }
    }
    try (Connection again = DriverManager.getConnection(url)) {
      assertThat(again.isValid(1)).isTrue();
    }
  }

  @Test
  void appliesSettingsChangedInTheAdminServiceToOpenConnectionsWithinTheRefreshPeriod()
      throws Exception {
    String blueprint = tdb.createBlueprint("changing");
    tdb.updateSettings(blueprint, Map.of(Setting.MAX_ROWS_PER_QUERY.key(), 50));
    // A short refresh period (the default is 5 s) so the change arrives quickly.
    String url = tdb.url(tdb.createTenant(blueprint, "acme")) + "&routingRefreshMs=200";
    try (Connection connection = DriverManager.getConnection(url)) {
      try (Statement statement = connection.createStatement()) {
        assertThat(statement.getMaxRows()).isEqualTo(50);
      }
      tdb.updateSettings(blueprint, Map.of(Setting.MAX_ROWS_PER_QUERY.key(), 7));
      await("the new max_rows_per_query routed")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> maxRowsOfANewStatement(connection), rows -> rows == 7);
    }
  }

  private static Connection connectWaiting(String url) {
    try {
      return DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int countRows(ResultSet rs) throws SQLException {
    int rows = 0;
    while (rs.next()) {
      rows++;
    }
    return rows;
  }

  private static int maxRowsOfANewStatement(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.getMaxRows();
    }
  }
}
