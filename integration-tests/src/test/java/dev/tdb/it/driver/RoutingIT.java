/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tdb.driver.TdbDataSource;
import dev.tdb.driver.TdbDriver;
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
import org.postgresql.util.PSQLException;

@ExtendWith(PostgresExtension.class)
final class RoutingIT {
  private static TdbService tdb;
  private static String blueprint;
  private static String acme;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    blueprint = tdb.createBlueprint("routing");
    acme = tdb.createTenant(blueprint, "acme");
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @Test
  void reportsUnknownSuspendedAndDeletedDatabases() throws SQLException {
    String paused = tdb.createTenant(blueprint, "paused");
    String gone = tdb.createTenant(blueprint, "gone");
    tdb.suspend(paused);
    tdb.delete(gone);
    assertThatThrownBy(() -> DriverManager.getConnection(tdb.url(blueprint + "__nobody")))
        .hasFieldOrPropertyWithValue("SQLState", "3D000");
    assertThatThrownBy(() -> DriverManager.getConnection(tdb.url(paused)))
        .hasFieldOrPropertyWithValue("SQLState", "55000")
        .hasMessageContaining(
            "database \"" + paused + "\" is suspended and not accepting connections");
    assertThatThrownBy(() -> DriverManager.getConnection(tdb.url(gone)))
        .hasFieldOrPropertyWithValue("SQLState", "3D000")
        .hasMessageContaining("database \"" + gone + "\" has been deleted");
  }

  @Test
  void refusesATenantSuspendedWhileTheApplicationUsesIt() throws Exception {
    String busy = tdb.createTenant(blueprint, "busy");
    Connection open = DriverManager.getConnection(tdb.url(busy));
    tdb.suspend(busy);
    assertThat(open.isValid(1)).isFalse();
    open.close();
    // The cached entry still says active until the server's refusal or a refresh corrects it.
    SQLException refused = tdb.awaitConnectFailure(busy, "55000");
    assertThat((Throwable) refused)
        .isInstanceOfSatisfying(
            PSQLException.class,
            e ->
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo(
                        "database \"" + busy + "\" is suspended and not accepting connections"));
  }

  @Test
  void reportsRefusedCredentialsAndMissingOnes() {
    String url = tdb.urlWithoutCredentials(acme);
    assertThatThrownBy(() -> DriverManager.getConnection(url, tdb.user(), "wrong"))
        .hasFieldOrPropertyWithValue("SQLState", "28P01");
    assertThatThrownBy(() -> DriverManager.getConnection(url))
        .hasFieldOrPropertyWithValue("SQLState", "28000");
  }

  @Test
  void refusesPgjdbcPropertiesThatWouldChangeWhereOrAsWhomItConnects() {
    String url = tdb.url(acme);
    for (String property : new String[] {"options=-c%20role%3Dpostgres", "PGHOST=elsewhere"}) {
      assertThatThrownBy(() -> DriverManager.getConnection(url + "&" + property))
          .hasFieldOrPropertyWithValue("SQLState", "08001")
          .hasMessageContaining("cannot be set through jdbc:tdb:");
    }
  }

  @Test
  void passesAllowedPgjdbcPropertiesThrough() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(tdb.url(acme) + "&ApplicationName=billing");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("billing");
    }
  }

  @Test
  void poolsWithHikariOverTheDriverAndOverTdbDataSource() throws SQLException {
    HikariConfig byUrl = new HikariConfig();
    byUrl.setJdbcUrl(tdb.url(acme));
    byUrl.setDriverClassName(TdbDriver.class.getName());
    byUrl.setMaximumPoolSize(3);
    byUrl.setConnectionTestQuery("SELECT 1");
    try (HikariDataSource pool = new HikariDataSource(byUrl)) {
      assertThat(selectOne(pool.getConnection())).isEqualTo(1);
    }
    TdbDataSource dataSource = new TdbDataSource(tdb.urlWithoutCredentials(acme));
    dataSource.setUser(tdb.user());
    dataSource.setPassword(tdb.credentials().getProperty("password"));
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
