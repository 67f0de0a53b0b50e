/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.Server;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(PostgresExtension.class)
final class AdminLifecycleIT {
  private static AdminFixture fixture;
  private static TestPostgres one;
  private static TestPostgres two;
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private final List<String> secrets = new ArrayList<>();

  @BeforeAll
  static void start(TestPostgres postgres, @Server("second") TestPostgres second)
      throws SQLException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ((Logger) LoggerFactory.getLogger("dev.tdb")).setLevel(Level.DEBUG);
    LOGS.start();
    root.addAppender(LOGS);
    one = postgres;
    two = second;
    fixture = AdminFixture.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    ((Logger) LoggerFactory.getLogger("dev.tdb")).setLevel(Level.INFO);
    fixture.cleanUp(two);
    fixture.close();
  }

  @Test
  void runsTheWholeLifecycleThroughRestAndLeavesNothingBehind() throws SQLException {
    Api api = accountWithApiKey();
    registerBothClusters();
    String blueprint = fixture.blueprint("shop");
    createWorkspaces(api, blueprint);
    createTenants(api, blueprint);
    changeSettings(api, blueprint);
    suspendAndResume(api, blueprint + "__acme");
    softDeleteAndRestore(api, blueprint + "__acme");
    hardDeleteEverything(api, blueprint);
    readAuditLog(api);
    revokeApiKey(api);
    assertThat(fixture.databases(one)).isEmpty();
    assertThat(fixture.roles(one)).isEmpty();
    assertThat(fixture.databases(two)).isEmpty();
    assertThat(fixture.roles(two)).isEmpty();
    assertNoSecretWasLogged();
  }

  private Api accountWithApiKey() {
    AccountCredentials member = fixture.newAccount();
    secrets.add(member.secret());
    secrets.add(fixture.admin.secret());
    assertThat(member.user()).matches("tdb_[0-9a-f]{8}");
    assertThat(member.secret()).matches("[A-Za-z0-9_-]{43}");
    Api.Reply created = Api.basic(fixture.uri(), member).post("/v1/apikeys", Map.of("name", "ci"));
    assertThat(created.status()).isEqualTo(201);
    String key = created.json().get("key").asText();
    secrets.add(key);
    assertThat(key).matches("tdbk_[A-Za-z0-9_-]{40}");
    Api api = Api.bearer(fixture.uri(), key);
    Api.Reply listed = api.get("/v1/apikeys");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("items")).hasSize(1);
    assertThat(listed.json().get("items").get(0).has("key")).isFalse();
    assertThat(listed.body()).doesNotContain(key);
    return api;
  }

  private void registerBothClusters() {
    secrets.add(one.password());
    secrets.add(two.password());
    assertThat(fixture.registerCluster(fixture.prefix + "-one", one, 50).status()).isEqualTo(201);
    assertThat(fixture.registerCluster(fixture.prefix + "-two", two, 50).status()).isEqualTo(201);
    JsonNode clusters = fixture.adminApi().get("/v1/clusters").json().get("items");
    assertThat(clusters).hasSize(2);
    assertThat(clusters.get(0).get("free_capacity").asInt()).isEqualTo(50);
    assertThat(clusters.get(0).get("tenant_count").asInt()).isZero();
    assertThat(clusters.toString()).doesNotContain(one.password()).doesNotContain("password");
  }

  private void createWorkspaces(Api api, String blueprint) throws SQLException {
    String control = fixture.prefix + "ctl_workspace";
    Api.Reply created = api.post("/v1/workspaces", Map.of("name", control, "mode", "control"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("mode").asText()).isEqualTo("control");
    assertThat(created.json().get("blueprint").isNull()).isTrue();
    Api.Reply tenantWorkspace =
        api.post(
            "/v1/workspaces",
            Map.of(
                "name", blueprint + "_workspace",
                "mode", "workspace",
                "cluster", fixture.prefix + "-one"));
    assertThat(tenantWorkspace.status()).isEqualTo(201);
    assertThat(tenantWorkspace.json().get("blueprint").asText()).isEqualTo(blueprint);
    assertThat(tenantWorkspace.json().get("role").asText()).isEqualTo(blueprint + "_workspace__rt");
    assertThat(
            AdminFixture.scalar(
                one,
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?",
                blueprint + "_workspace"))
        .isEqualTo(blueprint + "_workspace__rt");
    assertThat(api.delete("/v1/workspaces/" + control).status()).isEqualTo(204);
    assertThat(api.get("/v1/workspaces").json().get("items")).hasSize(1);
  }

  private void createTenants(Api api, String blueprint) throws SQLException {
    Api.Reply acme =
        api.post(
            "/v1/tenants",
            Map.of("blueprint", blueprint, "name", "acme", "cluster", fixture.prefix + "-one"));
    assertThat(acme.status()).isEqualTo(201);
    assertThat(acme.json().get("logical_name").asText()).isEqualTo(blueprint + "__acme");
    assertThat(acme.json().get("status").asText()).isEqualTo("active");
    Api.Reply globex =
        api.post(
            "/v1/tenants",
            Map.of("blueprint", blueprint, "name", "globex", "cluster", fixture.prefix + "-two"));
    assertThat(globex.status()).isEqualTo(201);
    assertThat(globex.json().get("cluster").asText()).isEqualTo(fixture.prefix + "-two");
    assertThat(
            AdminFixture.scalar(
                two,
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?",
                blueprint + "__globex"))
        .isEqualTo(blueprint + "__owner");
    JsonNode listed = api.get("/v1/tenants?blueprint=" + blueprint).json();
    assertThat(listed.get("items")).hasSize(2);
    assertThat(listed.get("next_after").isNull()).isTrue();
    JsonNode firstPage = api.get("/v1/tenants?limit=1").json();
    assertThat(firstPage.get("items")).hasSize(1);
    assertThat(firstPage.get("next_after").asText()).isEqualTo(blueprint + "__acme");
    JsonNode secondPage = api.get("/v1/tenants?limit=1&after=" + blueprint + "__acme").json();
    assertThat(secondPage.get("items").get(0).get("name").asText()).isEqualTo("globex");
  }

  private void changeSettings(Api api, String blueprint) throws SQLException {
    String path = "/v1/workspaces/" + blueprint + "_workspace/settings";
    assertThat(api.get(path).json().get("query_timeout_ms").asLong()).isEqualTo(30000);
    Api.Reply changed = api.patch(path, Map.of("query_timeout_ms", 5000, "max_connections", 7));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().get("query_timeout_ms").asLong()).isEqualTo(5000);
    assertThat(changed.json().get("max_rows_per_query").asLong()).isEqualTo(100000);
    String limits =
        "SELECT rolconnlimit || ' ' || array_to_string(rolconfig, ',') FROM pg_roles WHERE rolname = ?";
    String carried =
        "7 statement_timeout=5000,idle_in_transaction_session_timeout=60000,work_mem=4096kB,"
            + "temp_file_limit=1048576kB,standard_conforming_strings=on";
    assertThat(AdminFixture.scalar(one, limits, blueprint + "__acme__rt")).isEqualTo(carried);
    assertThat(AdminFixture.scalar(two, limits, blueprint + "__globex__rt")).isEqualTo(carried);
    assertThat(AdminFixture.scalar(one, limits, blueprint + "_workspace__rt")).isEqualTo(carried);
    JsonNode entry = api.get("/v1/routing/" + blueprint + "__globex").json();
    assertThat(entry.get("settings").get("max_connections").asInt()).isEqualTo(7);
    secrets.add(entry.get("password").asText());
  }

  private void suspendAndResume(Api api, String logical) throws SQLException {
    String canLogin = "SELECT rolcanlogin FROM pg_roles WHERE rolname = ?";
    Api.Reply suspended = api.post("/v1/tenants/" + logical + "/suspend", Map.of());
    assertThat(suspended.json().get("status").asText()).isEqualTo("suspended");
    assertThat(AdminFixture.scalar(one, canLogin, logical + "__rt")).isEqualTo("f");
    Api.Reply again = api.post("/v1/tenants/" + logical + "/suspend", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("invalid_state");
    Api.Reply resumed = api.post("/v1/tenants/" + logical + "/resume", Map.of());
    assertThat(resumed.json().get("status").asText()).isEqualTo("active");
    assertThat(AdminFixture.scalar(one, canLogin, logical + "__rt")).isEqualTo("t");
  }

  private void softDeleteAndRestore(Api api, String logical) throws SQLException {
    Api.Reply deleted = api.delete("/v1/tenants/" + logical);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("status").asText()).isEqualTo("deleted");
    assertThat(deleted.json().get("deleted_at").isNull()).isFalse();
    JsonNode entry = api.get("/v1/routing/" + logical).json();
    assertThat(entry.get("status").asText()).isEqualTo("deleted");
    secrets.add(entry.get("password").asText());
    assertThat(fixture.databases(one)).contains(logical);
    Api.Reply restored = api.post("/v1/tenants/" + logical + "/restore", Map.of());
    assertThat(restored.json().get("status").asText()).isEqualTo("active");
    assertThat(restored.json().get("deleted_at").isNull()).isTrue();
  }

  private void hardDeleteEverything(Api api, String blueprint) throws SQLException {
    String workspace = "/v1/workspaces/" + blueprint + "_workspace";
    Api.Reply refused = api.delete(workspace);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("workspace_has_tenants");
    assertThat(api.delete("/v1/tenants/" + blueprint + "__acme?hard=true").status()).isEqualTo(204);
    assertThat(api.get("/v1/tenants/" + blueprint + "__acme").errorCode())
        .isEqualTo("tenant_not_found");
    assertThat(api.get("/v1/routing/" + blueprint + "__acme").status()).isEqualTo(404);
    assertThat(api.delete("/v1/tenants/" + blueprint + "__globex?hard=true").status())
        .isEqualTo(204);
    assertThat(fixture.roles(two)).isEmpty();
    assertThat(api.delete(workspace).status()).isEqualTo(204);
    Api.Reply cluster = fixture.adminApi().delete("/v1/clusters/" + fixture.prefix + "-two");
    assertThat(cluster.status()).isEqualTo(204);
  }

  private void readAuditLog(Api api) {
    JsonNode items = api.get("/v1/audit?limit=3").json().get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("action").asText()).isEqualTo("workspace.delete");
    assertThat(items.get(1).get("action").asText()).isEqualTo("tenant.drop");
    assertThat(items.get(0).get("id").asLong()).isGreaterThan(items.get(1).get("id").asLong());
    JsonNode all = fixture.adminApi().get("/v1/audit?limit=1000").json().get("items");
    assertThat(all.findValuesAsText("action"))
        .contains("cluster.register", "cluster.remove", "account.create");
  }

  private void revokeApiKey(Api api) {
    String id = api.get("/v1/apikeys").json().get("items").get(0).get("id").asText();
    assertThat(api.delete("/v1/apikeys/" + id).status()).isEqualTo(204);
    Api.Reply refused = api.get("/v1/tenants");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).isEqualTo("Basic realm=\"tdb\"");
  }

  private void assertNoSecretWasLogged() {
    assertThat(LOGS.list).isNotEmpty();
    for (ILoggingEvent event : LOGS.list) {
      String text =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
