/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
final class RoutingIT {
  private static AdminFixture fixture;
  private static AccountCredentials owner;
  private static Api api;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    owner = fixture.newAccount();
    api = Api.basic(fixture.uri(), owner);
    blueprint = fixture.blueprint("app");
    assertThat(
            api.post(
                    "/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"))
                .status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void servesAnEntryWithItsEpochAsETagAndAnswers304UntilItChanges() {
    String logical = createTenant("etag");
    Api.Reply first = api.get("/v1/routing/" + logical);
    assertThat(first.status()).isEqualTo(200);
    JsonNode entry = first.json();
    long epoch = entry.get("epoch").asLong();
    assertThat(first.header("ETag")).isEqualTo("\"" + epoch + "\"");
    assertThat(entry.get("mode").asText()).isEqualTo("tenant");
    assertThat(entry.get("workspace").asText()).isEqualTo(blueprint + "_workspace");
    assertThat(entry.get("status").asText()).isEqualTo("active");
    assertThat(entry.get("host").asText()).isEqualTo(fixture.postgres.host());
    assertThat(entry.get("port").asInt()).isEqualTo(fixture.postgres.port());
    assertThat(entry.get("database").asText()).isEqualTo(logical);
    assertThat(entry.get("password").asText()).hasSize(43);
    assertThat(entry.get("settings").get("max_connections").asInt()).isEqualTo(20);

    Api.Reply unchanged = api.get("/v1/routing/" + logical, "If-None-Match", first.header("ETag"));
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();
    assertThat(unchanged.header("ETag")).isEqualTo(first.header("ETag"));

    api.post("/v1/tenants/" + logical + "/suspend", Map.of());
    Api.Reply changed = api.get("/v1/routing/" + logical, "If-None-Match", first.header("ETag"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("epoch").asLong()).isGreaterThan(epoch);
    assertThat(changed.json().get("status").asText()).isEqualTo("suspended");
  }

  @Test
  void servesControlAndWorkspaceEntries() {
    String control = fixture.prefix + "backend_workspace";
    assertThat(api.post("/v1/workspaces", Map.of("name", control, "mode", "control")).status())
        .isEqualTo(201);
    JsonNode entry = api.get("/v1/routing/" + control).json();
    assertThat(entry.get("mode").asText()).isEqualTo("control");
    assertThat(entry.get("workspace").asText()).isEqualTo(control);
    assertThat(entry.get("role").asText()).isEqualTo(control + "__rt");
    JsonNode workspace = api.get("/v1/routing/" + blueprint + "_workspace").json();
    assertThat(workspace.get("mode").asText()).isEqualTo("workspace");
  }

  @Test
  void movesTheTableEpochOnEveryChangeIncludingRemovals() {
    Api.Reply before = api.get("/v1/routing");
    long epoch = before.json().get("epoch").asLong();
    assertThat(before.header("ETag")).isEqualTo("\"" + epoch + "\"");
    assertThat(api.get("/v1/routing", "If-None-Match", before.header("ETag")).status())
        .isEqualTo(304);

    String logical = createTenant("table");
    JsonNode created = api.get("/v1/routing").json();
    assertThat(created.get("epoch").asLong()).isGreaterThan(epoch);
    assertThat(created.get("entries").findValuesAsText("logical_name")).contains(logical);

    assertThat(api.delete("/v1/tenants/" + logical + "?hard=true").status()).isEqualTo(204);
    Api.Reply removed =
        api.get("/v1/routing", "If-None-Match", "\"" + created.get("epoch").asLong() + "\"");
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("epoch").asLong()).isGreaterThan(created.get("epoch").asLong());
    assertThat(removed.json().get("entries").findValuesAsText("logical_name"))
        .doesNotContain(logical);
    assertThat(api.get("/v1/routing/" + logical).status()).isEqualTo(404);
  }

  @Test
  void settingsChangesMoveEveryTenantEntryOfTheWorkspace() {
    String logical = createTenant("settings");
    long epoch = api.get("/v1/routing/" + logical).json().get("epoch").asLong();
    api.patch(
        "/v1/workspaces/" + blueprint + "_workspace/settings", Map.of("max_rows_per_query", 500));
    JsonNode entry = api.get("/v1/routing/" + logical).json();
    assertThat(entry.get("epoch").asLong()).isGreaterThan(epoch);
    assertThat(entry.get("settings").get("max_rows_per_query").asLong()).isEqualTo(500);
  }

  @Test
  void keepsEntriesFromOtherAccounts() {
    String logical = createTenant("private");
    Api stranger = Api.basic(fixture.uri(), fixture.newAccount());
    Api.Reply refused = stranger.get("/v1/routing/" + logical);
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.body()).doesNotContain("password");
    JsonNode table = stranger.get("/v1/routing").json();
    assertThat(table.get("entries")).isEmpty();
    assertThat(stranger.get("/v1/tenants/" + logical).status()).isEqualTo(404);
  }

  @Test
  void coreRoutingClientResolvesThroughThisService() throws Exception {
    String logical = createTenant("client");
    String key = api.post("/v1/apikeys", Map.of("name", "driver")).json().get("key").asText();
    AdminCredentials[] credentials = {
      new AdminCredentials.Account(owner.user(), owner.secret()), new AdminCredentials.ApiKey(key)
    };
    for (AdminCredentials credential : credentials) {
      try (RoutingClient client =
          new RoutingClient(RoutingClient.Options.of(fixture.uri(), credential))) {
        RoutingEntry entry = client.resolve(logical);
        assertThat(entry.logicalName()).isEqualTo(logical);
        assertThat(entry.mode()).isEqualTo(RoutingEntry.Mode.TENANT);
        assertThat(entry.role()).isEqualTo(logical + "__rt");
        assertThat(entry.password())
            .isEqualTo(api.get("/v1/routing/" + logical).json().get("password").asText());
      }
    }
  }

  private static String createTenant(String name) {
    Api.Reply reply = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", name));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return blueprint + "__" + name;
  }
}
