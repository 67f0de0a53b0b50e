/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
final class TenantRoutingDataSourceIT {
  private static final List<String> TENANTS = List.of("north", "south", "west");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  @Test
  void keepsEveryTenantsRowsInItsOwnDatabase(TestPostgres postgres) throws SQLException {
    try (RoutingServer routing = RoutingServer.start();
        TenantRoutingDataSource dataSource = dataSource(routing)) {
      for (String tenant : TENANTS) {
        routing.put(
            TenantDatabase.create(postgres)
                .entry("myapp__" + tenant, WorkspaceSettings.defaults()));
      }
      for (String tenant : TENANTS) {
        CURRENT.set(tenant);
        try (Connection connection = dataSource.getConnection();
            PreparedStatement insert =
                connection.prepareStatement("INSERT INTO items (name) VALUES (?)")) {
          insert.setString(1, tenant);
          insert.executeUpdate();
        }
      }
      for (String tenant : TENANTS) {
        try (Connection connection = dataSource.getConnection(tenant);
            Statement statement = connection.createStatement();
            ResultSet rs = statement.executeQuery("SELECT string_agg(name, ',') FROM items")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(tenant);
          assertThatThrownBy(() -> statement.execute("DROP TABLE items"))
              .hasFieldOrPropertyWithValue("SQLState", "42501");
        }
      }
    } finally {
      CURRENT.remove();
    }
  }

  @Test
  void refusesNamesThatAreNotTenants(TestPostgres postgres) {
    try (RoutingServer routing = RoutingServer.start();
        TenantRoutingDataSource dataSource = dataSource(routing)) {
      for (String name : new String[] {"Acme", "a__b", "../x", ""}) {
        assertThatThrownBy(() -> dataSource.getConnection(name))
            .hasFieldOrPropertyWithValue("SQLState", "08001");
      }
      assertThatThrownBy(dataSource::getConnection)
          .hasFieldOrPropertyWithValue("SQLState", "08001");
    }
  }

  private static TenantRoutingDataSource dataSource(RoutingServer routing) {
    Properties properties = new Properties();
    properties.setProperty("user", RoutingServer.ACCOUNT.user());
    properties.setProperty("password", RoutingServer.ACCOUNT.secret());
    String adminUrl = routing.urlWithoutCredentials("x").replace("/x", "");
    return new TenantRoutingDataSource(
        TenantRoutingDataSource.Options.of(adminUrl, "myapp", properties, CURRENT::get));
  }
}
