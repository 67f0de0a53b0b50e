/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Test helpers for blueprints: workspaces, tenants, connections as their roles, deployments. */
final class Blueprints {
  final AdminFixture fixture;
  final Api api;

  Blueprints(AdminFixture fixture, Api api) {
    this.fixture = fixture;
    this.api = api;
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
  JsonNode awaitDeployment(long id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      JsonNode deployment = api.get("/v1/deployments/" + id).json();
      if (!deployment.get("status").asText().equals("running")) {
        return deployment;
      }
      assertThat(Instant.now()).as("deployment %d still running", id).isBefore(deadline);
      Thread.sleep(100);
    }
  }
}
