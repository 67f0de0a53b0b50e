/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.Server;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A blueprint has a template on each server that holds its tenants, and only there. */
@ExtendWith(PostgresExtension.class)
final class TemplatePlacementIT {
  private static AdminFixture fixture;
  private static Blueprints blueprints;
  private static TestPostgres two;
  private static String second;

  @BeforeAll
  static void start(TestPostgres postgres, @Server("second") TestPostgres other)
      throws SQLException {
    fixture = AdminFixture.start(postgres);
    two = other;
    second = fixture.prefix + "-two";
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 100).status())
        .isEqualTo(201);
    assertThat(fixture.registerCluster(second, other, 100).status()).isEqualTo(201);
    blueprints = new Blueprints(fixture, fixture.adminApi());
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.cleanUp(two);
    fixture.close();
  }

  @Test
  void theServerHoldingTheTenantsGetsTheTemplateAndLosesItWithItsLastTenant() throws Exception {
    String blueprint = blueprints.create("placed");
    tenantOnSecond(blueprint, "acme");
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE placed (id int)");
    }
    JsonNode done =
        blueprints.awaitDeployment(blueprints.deploy(Map.of("blueprint", blueprint, "all", true)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("templates")).as(done.toString()).hasSize(1);
    assertThat(done.get("templates").get(0).get("cluster").asText()).isEqualTo(second);
    assertThat(done.get("templates").get(0).get("version").asInt()).isEqualTo(1);
    String template = "_tdb_template__" + blueprint;
    assertThat(count(fixture.postgres, "pg_database", "datname", template)).isZero();
    assertThat(count(two, "pg_database", "datname", template)).isEqualTo(1);

    try (Connection connection = two.connect(template);
        Statement statement = connection.createStatement()) {
      statement.execute("COMMENT ON TABLE placed IS 'from the second server''s template'");
    }
    tenantOnSecond(blueprint, "globex");
    try (Connection connection = two.connect(blueprint + "__globex");
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT obj_description('placed'::regclass)")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("from the second server's template");
    }

    for (String tenant : new String[] {"acme", "globex"}) {
      assertThat(blueprints.api.delete("/v1/tenants/" + blueprint + "__" + tenant + "?hard=true"))
          .extracting(Api.Reply::status)
          .isEqualTo(204);
    }
    assertThat(count(two, "pg_database", "datname", template)).isZero();
    assertThat(count(two, "pg_roles", "rolname", blueprint + "__owner")).isZero();
  }

  private static void tenantOnSecond(String blueprint, String name) {
    Api.Reply reply =
        blueprints.api.post(
            "/v1/tenants", Map.of("blueprint", blueprint, "name", name, "cluster", second));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private static int count(TestPostgres server, String catalog, String column, String name)
      throws SQLException {
    return Integer.parseInt(
        AdminFixture.scalar(
            server, "SELECT count(*) FROM " + catalog + " WHERE " + column + " = ?", name));
  }
}
