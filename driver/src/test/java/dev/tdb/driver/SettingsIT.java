/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
final class SettingsIT {
  private static RoutingServer routing;
  private static TenantDatabase tenant;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    routing = RoutingServer.start();
    tenant = TenantDatabase.create(postgres);
  }

  @AfterAll
  static void stop() {
    routing.close();
  }

  private static String serve(String name, Setting setting, Object value) {
    routing.put(tenant.entry(name, WorkspaceSettings.defaults().with(setting, value)));
    return routing.url(name);
  }

  @Test
  void failsInsteadOfTruncatingBeyondMaxRowsPerQuery() throws SQLException {
    String url = serve("myapp__rows", Setting.MAX_ROWS_PER_QUERY, 5);
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
    String url = serve("myapp__ownrows", Setting.MAX_ROWS_PER_QUERY, 5);
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
    String url = serve("myapp__streamrows", Setting.MAX_ROWS_PER_QUERY, 250);
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
    String url = serve("myapp__timeout", Setting.QUERY_TIMEOUT_MS, 500);
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
      statement.setQueryTimeout(0);
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
      statement.setQueryTimeout(60);
      long started = System.nanoTime();
      assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(5)"))
          .hasFieldOrPropertyWithValue("SQLState", "57014");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4000);
    }
  }

  @Test
  void refusesConnectionsBeyondMaxConnectionsUnlessOneFreesUpInTime() throws Exception {
    String url = serve("myapp__limit", Setting.MAX_CONNECTIONS, 2);
    Connection first = DriverManager.getConnection(url);
    try (Connection second = DriverManager.getConnection(url)) {
      assertThatThrownBy(() -> DriverManager.getConnection(url))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("53300");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo(
                        "too many connections for database \"myapp__limit\" (max_connections 2)");
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
  void appliesChangedSettingsToOpenConnectionsWithinTheRefreshPeriod() throws Exception {
    String url = serve("myapp__changing", Setting.MAX_ROWS_PER_QUERY, 50);
    try (Connection connection = DriverManager.getConnection(url)) {
      serve("myapp__changing", Setting.MAX_ROWS_PER_QUERY, 7);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int maxRows = 50;
      while (maxRows != 7 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        try (Statement statement = connection.createStatement()) {
          maxRows = statement.getMaxRows();
        }
      }
      assertThat(maxRows).isEqualTo(7);
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
}
