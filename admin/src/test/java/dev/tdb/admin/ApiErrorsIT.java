/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Refusals as a REST client sees them: status, error code, a message naming the field. */
@ExtendWith(PostgresExtension.class)
final class ApiErrorsIT {
  private static AdminFixture fixture;
  private static AccountCredentials member;
  private static Api api;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    member = fixture.newAccount();
    api = Api.basic(fixture.uri(), member);
    blueprint = fixture.blueprint("err");
    api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"));
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void answers401WithAChallengeForMissingOrWrongCredentials() {
    List<Api> strangers =
        List.of(
            Api.anonymous(fixture.uri()),
            Api.basic(fixture.uri(), new AccountCredentials(member.user(), "wrong")),
            Api.basic(fixture.uri(), new AccountCredentials("tdb_00000000", member.secret())),
            Api.withHeader(fixture.uri(), "Basic not-base64!"),
            Api.bearer(fixture.uri(), "tdbk_" + "A".repeat(40)),
            Api.withHeader(fixture.uri(), "Token abc"));
    for (Api stranger : strangers) {
      Api.Reply reply = stranger.get("/v1/workspaces");
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.header("WWW-Authenticate")).isEqualTo("Basic realm=\"tdb\"");
      assertThat(reply.errorCode()).isEqualTo("unauthenticated");
      assertThat(reply.json().get("error").get("hint").asText()).contains("Basic");
    }
    assertThat(Api.anonymous(fixture.uri()).get("/v1/health").json().get("status").asText())
        .isEqualTo("ok");
  }

  @Test
  void refusesInvalidNamesWith400NamingTheField() {
    assertInvalid(
        api.post("/v1/workspaces", Map.of("name", "Bad_workspace", "mode", "control")), "name");
    assertInvalid(api.post("/v1/workspaces", Map.of("name", "ok_db", "mode", "control")), "name");
    assertInvalid(
        api.post("/v1/workspaces", Map.of("name", "a__b_workspace", "mode", "workspace")), "name");
    assertInvalid(
        api.post("/v1/workspaces", Map.of("name", "x_workspace", "mode", "tenant")), "mode");
    assertInvalid(api.post("/v1/workspaces", Map.of("mode", "control")), "name");
    assertInvalid(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "Acme")), "name");
    assertInvalid(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "a__b")), "name");
    assertInvalid(api.post("/v1/tenants", Map.of("blueprint", "9x", "name", "acme")), "blueprint");
    assertInvalid(
        api.post("/v1/tenants", Map.of("blueprint", "b".repeat(30), "name", "c".repeat(30))),
        "name");
    // PostgreSQL reserves role names starting with pg_, and every role tdb makes starts with one.
    assertInvalid(
        api.post("/v1/workspaces", Map.of("name", "pg_app_workspace", "mode", "workspace")),
        "name");
    assertInvalid(
        api.post("/v1/workspaces", Map.of("name", "pg_ctl_workspace", "mode", "control")), "name");
    assertInvalid(
        api.post("/v1/tenants", Map.of("blueprint", "pg_app", "name", "acme")), "blueprint");
    assertInvalid(
        api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "pg_acme")), "name");
    assertThat(
            api.post("/v1/workspaces", Map.of("name", "pg_app_workspace", "mode", "workspace"))
                .errorMessage())
        .contains("must not start with 'pg_'");
    assertInvalid(api.get("/v1/tenants?limit=0"), "limit");
    assertInvalid(api.get("/v1/tenants?limit=many"), "limit");
    assertInvalid(api.delete("/v1/tenants/" + blueprint + "__x?hard=yes"), "hard");
    assertInvalid(api.sendRaw("POST", "/v1/tenants", "{not json"), "body");
    assertInvalid(api.sendRaw("POST", "/v1/tenants", "[1]"), "body");
    Api.Reply cluster =
        fixture
            .adminApi()
            .post(
                "/v1/clusters",
                Map.of(
                    "name",
                    "c",
                    "host",
                    "localhost",
                    "port",
                    70000,
                    "superuser",
                    "u",
                    "password",
                    "p"));
    assertInvalid(cluster, "port");
  }

  @Test
  void refusesInvalidSettingsNamingKeyAndRange() {
    String path = "/v1/workspaces/" + blueprint + "_workspace/settings";
    Api.Reply tooLong = api.patch(path, Map.of("query_timeout_ms", 86_400_001));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.errorMessage()).contains("query_timeout_ms").contains("86400000");
    Api.Reply unknown = api.patch(path, Map.of("max_rowz", 1));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("max_rowz");
    Api.Reply poolMode = api.patch(path, Map.of("pool_mode", "statement"));
    assertThat(poolMode.status()).isEqualTo(400);
    assertThat(poolMode.errorMessage())
        .contains("pool_mode must be one of session, transaction, got 'statement'");
    assertThat(api.patch(path, Map.of()).status()).isEqualTo(400);
    assertThat(api.get(path).json().get("query_timeout_ms").asLong()).isEqualTo(30000);
    assertThat(api.get(path).json().get("pool_mode").asText()).isEqualTo("session");
  }

  @Test
  void refusesDuplicatesWith409() {
    Api.Reply first = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "dup"));
    assertThat(first.status()).isEqualTo(201);
    Api.Reply again = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "dup"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("tenant_exists");
    Api.Reply workspace =
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"));
    assertThat(workspace.status()).isEqualTo(409);
    Api.Reply cluster = fixture.registerCluster(fixture.prefix + "-one", fixture.postgres, 100);
    assertThat(cluster.status()).isEqualTo(409);
    assertThat(cluster.errorCode()).isEqualTo("cluster_exists");
  }

  @Test
  void createsAConcurrentlyRequestedTenantOnce() {
    Map<String, String> body = Map.of("blueprint", blueprint, "name", "race");
    List<CompletableFuture<Api.Reply>> replies =
        List.of(
            CompletableFuture.supplyAsync(() -> api.post("/v1/tenants", body)),
            CompletableFuture.supplyAsync(() -> api.post("/v1/tenants", body)),
            CompletableFuture.supplyAsync(() -> api.post("/v1/tenants", body)));
    List<Integer> statuses = replies.stream().map(f -> f.join().status()).sorted().toList();
    assertThat(statuses).containsExactly(201, 409, 409);
  }

  @Test
  void answers403ToMembersForAdminWork() {
    Api.Reply account = api.post("/v1/accounts", Map.of());
    assertThat(account.status()).isEqualTo(403);
    assertThat(account.errorCode()).isEqualTo("admin_required");
    Api.Reply cluster =
        api.post(
            "/v1/clusters",
            Map.of(
                "name",
                "mine",
                "host",
                "localhost",
                "port",
                5432,
                "superuser",
                "u",
                "password",
                "p"));
    assertThat(cluster.status()).isEqualTo(403);
  }

  @Test
  void answers404InTheDocumentedShape() {
    Api.Reply tenant = api.get("/v1/tenants/" + blueprint + "__ghost");
    assertThat(tenant.status()).isEqualTo(404);
    JsonNode error = tenant.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("tenant_not_found");
    assertThat(error.get("message").asText())
        .isEqualTo("tenant " + blueprint + "__ghost does not exist");
    assertThat(error.get("hint").asText()).isEqualTo("tdb tenants list --blueprint " + blueprint);
    Api.Reply blueprintMissing =
        api.post("/v1/tenants", Map.of("blueprint", "nobp", "name", "acme"));
    assertThat(blueprintMissing.status()).isEqualTo(404);
    assertThat(blueprintMissing.errorCode()).isEqualTo("blueprint_not_found");
    Api.Reply endpoint = api.get("/v1/nothing-here");
    assertThat(endpoint.status()).isEqualTo(404);
    assertThat(endpoint.errorCode()).isEqualTo("endpoint_not_found");
    assertThat(api.delete("/v1/apikeys/999999").errorCode()).isEqualTo("apikey_not_found");
  }

  private static void assertInvalid(Api.Reply reply, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("invalid_" + field);
    assertThat(reply.errorMessage()).startsWith(field + " ");
  }
}
