/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.driver.TenantRoutingDataSource;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
final class TenantRoutingDataSourceIT {
  private static final List<String> TENANTS = List.of("north", "south", "west");
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private static TdbService tdb;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    blueprint = tdb.createBlueprint("routed");
    for (String tenant : TENANTS) {
      tdb.createTenant(
          blueprint, tenant, "CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL)");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @Test
  void keepsEveryTenantsRowsInItsOwnDatabase() throws SQLException {
    try (TenantRoutingDataSource dataSource = dataSource()) {
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
  void refusesNamesThatAreNotTenants() {
    try (TenantRoutingDataSource dataSource = dataSource()) {
      for (String name : new String[] {"Acme", "a__b", "../x", ""}) {
        assertThatThrownBy(() -> dataSource.getConnection(name))
            .hasFieldOrPropertyWithValue("SQLState", "08001");
      }
      assertThatThrownBy(dataSource::getConnection)
          .hasFieldOrPropertyWithValue("SQLState", "08001");
    }
  }

  private static TenantRoutingDataSource dataSource() {
    return new TenantRoutingDataSource(
        TenantRoutingDataSource.Options.of(
            tdb.adminUrl(), blueprint, tdb.credentials(), CURRENT::get));
  }
}
