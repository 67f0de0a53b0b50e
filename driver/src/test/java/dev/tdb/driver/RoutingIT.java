/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
final class RoutingIT {
  private static RoutingServer routing;
  private static TenantDatabase tenant;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    routing = RoutingServer.start();
    tenant = TenantDatabase.create(postgres);
    routing.put(tenant.entry("myapp__acme", WorkspaceSettings.defaults()));
  }

  @AfterAll
  static void stop() {
    routing.close();
  }

  @Test
  void warmConnectsAskTheAdminServiceNothing() throws SQLException {
    String url = routing.url("myapp__acme");
    DriverManager.getConnection(url).close();
    int requests = routing.requestCount();
    for (int i = 0; i < 5; i++) {
      DriverManager.getConnection(url).close();
    }
    assertThat(routing.requestCount()).isEqualTo(requests);
  }

  @Test
  void reportsUnknownSuspendedAndDeletedDatabases() {
    routing.put(
        tenant.entry("myapp__paused", WorkspaceSettings.defaults(), RoutingEntry.Status.SUSPENDED));
    routing.put(
        tenant.entry("myapp__gone", WorkspaceSettings.defaults(), RoutingEntry.Status.DELETED));
    assertThatThrownBy(() -> DriverManager.getConnection(routing.url("myapp__nobody")))
        .hasFieldOrPropertyWithValue("SQLState", "3D000");
    assertThatThrownBy(() -> DriverManager.getConnection(routing.url("myapp__paused")))
        .hasFieldOrPropertyWithValue("SQLState", "55000")
        .hasMessageContaining("database \"myapp__paused\" is suspended");
    assertThatThrownBy(() -> DriverManager.getConnection(routing.url("myapp__gone")))
        .hasFieldOrPropertyWithValue("SQLState", "3D000")
        .hasMessageContaining("has been deleted");
  }

  @Test
  void reportsRefusedCredentialsAndMissingOnes() {
    String url = routing.urlWithoutCredentials("myapp__acme");
    assertThatThrownBy(() -> DriverManager.getConnection(url, "tdb_0a1b2c3d", "wrong"))
        .hasFieldOrPropertyWithValue("SQLState", "28P01");
    assertThatThrownBy(() -> DriverManager.getConnection(url))
        .hasFieldOrPropertyWithValue("SQLState", "28000");
  }

  @Test
  void refusesPgjdbcPropertiesThatWouldChangeWhereOrAsWhomItConnects() {
    String url = routing.url("myapp__acme");
    for (String property : new String[] {"options=-c%20role%3Dpostgres", "PGHOST=elsewhere"}) {
      assertThatThrownBy(() -> DriverManager.getConnection(url + "&" + property))
          .hasFieldOrPropertyWithValue("SQLState", "08001")
          .hasMessageContaining("cannot be set through jdbc:tdb:");
    }
  }

  @Test
  void passesAllowedPgjdbcPropertiesThrough() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(routing.url("myapp__acme") + "&ApplicationName=billing");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("billing");
    }
  }

  @Test
  void poolsWithHikariOverTheDriverAndOverTdbDataSource() throws SQLException {
    routing.put(
        tenant.entry(
            "myapp__pooled", WorkspaceSettings.defaults().with(Setting.MAX_CONNECTIONS, 3)));
    HikariConfig byUrl = new HikariConfig();
    byUrl.setJdbcUrl(routing.url("myapp__pooled"));
    byUrl.setDriverClassName(TdbDriver.class.getName());
    byUrl.setMaximumPoolSize(3);
    byUrl.setConnectionTestQuery("SELECT 1");
    try (HikariDataSource pool = new HikariDataSource(byUrl)) {
      assertThat(selectOne(pool.getConnection())).isEqualTo(1);
    }
    TdbDataSource dataSource = new TdbDataSource(routing.urlWithoutCredentials("myapp__pooled"));
    dataSource.setUser(RoutingServer.ACCOUNT.user());
    dataSource.setPassword(RoutingServer.ACCOUNT.secret());
    HikariConfig byDataSource = new HikariConfig();
    byDataSource.setDataSource(dataSource);
    byDataSource.setMaximumPoolSize(3);
    try (HikariDataSource pool = new HikariDataSource(byDataSource)) {
      assertThat(selectOne(pool.getConnection())).isEqualTo(1);
    }
  }

  private static int selectOne(Connection connection) throws SQLException {
    try (connection;
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
