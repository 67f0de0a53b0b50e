/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Test helpers for blueprints: workspaces, tenants, connections as their roles, deployments. */
final class Blueprints {
  final AdminFixture fixture;
  final Api api;

  Blueprints(AdminFixture fixture, Api api) {
    this.fixture = fixture;
    this.api = api;
  }

  /**
   * A new admin service on {@code postgres}, registered as its one cluster with room for {@code
   * capacity} tenants, with helpers as its admin account.
   */
  static Blueprints onOneCluster(TestPostgres postgres, int capacity) throws SQLException {
    return onOneCluster(postgres, capacity, UnaryOperator.identity());
  }

  /** The same, with an admin configuration {@code adjust} changed. */
  static Blueprints onOneCluster(
      TestPostgres postgres, int capacity, UnaryOperator<AdminConfig> adjust) throws SQLException {
    AdminFixture fixture = AdminFixture.start(postgres, adjust);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, capacity).status())
        .isEqualTo(201);
    return new Blueprints(fixture, fixture.adminApi());
  }

  /** A blueprint with {@code tenants} and {@code ddl} captured in its workspace. */
  String designed(String hint, List<String> tenants, String ddl) throws SQLException {
    String blueprint = create(hint);
    tenants.forEach(tenant -> tenant(blueprint, tenant));
    change(blueprint, ddl);
    return blueprint;
  }

  /** Runs {@code ddl} in the blueprint's workspace as its runtime role, so it is captured. */
  void change(String blueprint, String ddl) throws SQLException {
    try (Connection connection = workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute(ddl);
    }
  }

  /** The version in a tenant database's {@code tdb_catalog.schema_version}, as the superuser. */
  String tenantVersion(String database) throws SQLException {
    try (Connection connection = fixture.postgres.connect(database);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version FROM tdb_catalog.schema_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Creates a tenant workspace and returns its blueprint's name. */
  String create(String hint) {
    String blueprint = fixture.blueprint(hint);
    Api.Reply reply =
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return blueprint;
  }

  void tenant(String blueprint, String name) {
    Api.Reply reply = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", name));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  /** A pgjdbc connection to the workspace as its runtime role; {@code query} is URL options. */
  Connection workspace(String blueprint, String query) throws SQLException {
    return connect(blueprint + "_workspace", query);
  }

  /** A pgjdbc connection to a logical database as its runtime role. */
  Connection connect(String logical, String query) throws SQLException {
    Api.Reply reply = api.get("/v1/routing/" + logical);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode entry = reply.json();
    String url =
        "jdbc:postgresql://"
            + entry.get("host").asText()
            + ":"
            + entry.get("port").asInt()
            + "/"
            + entry.get("database").asText()
            + (query.isEmpty() ? "?" : query + "&")
            + "sslmode="
            + entry.get("ssl_mode").asText();
    return DriverManager.getConnection(
        url, entry.get("role").asText(), entry.get("password").asText());
  }

  JsonNode versions(String blueprint) {
    Api.Reply reply = api.get("/v1/blueprints/" + blueprint + "/versions");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("items");
  }

  /** Starts a deployment and returns its number. */
  long deploy(Map<String, ?> body) {
    Api.Reply reply = api.post("/v1/deployments", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("id").asLong();
  }

  /** The deployment once it is no longer running. */
  JsonNode awaitDeployment(long id) {
    return await("deployment " + id + " finished")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> api.get("/v1/deployments/" + id).json(),
            deployment -> !deployment.get("status").asText().equals("running"));
  }
}
