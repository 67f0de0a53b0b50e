/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static dev.tdb.admin.CredentialChecks.assertSqlState;
import static dev.tdb.admin.CredentialChecks.created;
import static dev.tdb.admin.CredentialChecks.credentialId;
import static dev.tdb.admin.CredentialChecks.issue;
import static dev.tdb.admin.CredentialChecks.one;
import static dev.tdb.admin.CredentialChecks.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.accounts.RouteClass;
import dev.tdb.admin.credentials.IssuedSecret;
import dev.tdb.admin.http.HttpApi;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Data-plane credentials over the REST API, and what their routing entries reach on PostgreSQL. */
@ExtendWith(PostgresExtension.class)
final class CredentialsIT {
  private static final Set<String> OPEN =
      Set.of(
          "GET /healthz", "GET /readyz", "GET /metrics", "GET /v1/health", "GET /v1/openapi.json");

  private static AdminFixture fixture;
  private static Api owner;
  private static String blueprint;
  private static String other;
  private static String control;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    owner = Api.basic(fixture.uri(), fixture.newAccount());
    blueprint = fixture.blueprint("app");
    other = fixture.blueprint("other");
    control = fixture.prefix + "ctl_workspace";
    created(
        owner.post(
            "/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace")));
    created(
        owner.post("/v1/workspaces", Map.of("name", other + "_workspace", "mode", "workspace")));
    created(owner.post("/v1/workspaces", Map.of("name", control, "mode", "control")));
    for (String tenant : List.of("acme", "beta")) {
      created(owner.post("/v1/tenants", Map.of("blueprint", blueprint, "name", tenant)));
    }
    created(owner.post("/v1/tenants", Map.of("blueprint", other, "name", "acme")));
    try (Connection c = postgres.connect(blueprint + "__acme");
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + blueprint + "__owner");
      s.execute("CREATE TABLE note (id serial PRIMARY KEY, body text)");
      s.execute("INSERT INTO note (body) VALUES ('first')");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void reachesOnlyTheTenantsOfItsBlueprint() {
    Api app = Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", blueprint)));
    JsonNode entry = app.get("/v1/routing/" + blueprint + "__acme").json();
    // Its own login role, never the tenant's runtime role (CredentialLoginsIT).
    assertThat(entry.get("role").asText()).matches("tdbc_[0-9a-f]{12}_[0-9]+");
    assertThat(app.get("/v1/routing/" + blueprint + "__beta").status()).isEqualTo(200);
    for (String refused :
        List.of(blueprint + "_workspace", other + "__acme", other + "_workspace", control)) {
      Api.Reply reply = app.get("/v1/routing/" + refused);
      assertThat(reply.status()).as(refused).isEqualTo(404);
      assertThat(reply.errorCode()).isEqualTo("logical_database_not_found");
    }
    List<String> listed = new ArrayList<>();
    app.get("/v1/routing")
        .json()
        .get("entries")
        .forEach(e -> listed.add(e.get("logical_name").asText()));
    assertThat(listed)
        .contains(blueprint + "__acme", blueprint + "__beta")
        .allMatch(name -> name.startsWith(blueprint + "__"));
  }

  @Test
  void reachesOnlyTheListedTenants() {
    Api app =
        Api.basic(
            fixture.uri(),
            issue(owner, Map.of("blueprint", blueprint, "tenants", List.of("beta"))));
    assertThat(app.get("/v1/routing/" + blueprint + "__beta").status()).isEqualTo(200);
    assertThat(app.get("/v1/routing/" + blueprint + "__acme").status()).isEqualTo(404);
  }

  @Test
  void isRefusedByEveryAdministrativeRoute() {
    Api app = Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", blueprint)));
    for (String path : List.of("/v1/tenants", "/v1/workspaces", "/v1/credentials", "/v1/audit")) {
      Api.Reply reply = app.get(path);
      assertThat(reply.status()).as(path).isEqualTo(403);
      assertThat(reply.errorCode()).isEqualTo("credential_not_allowed");
      assertThat(reply.json().get("error").get("hint").asText()).contains("apikeys");
    }
    assertThat(app.post("/v1/credentials", Map.of("blueprint", blueprint)).status()).isEqualTo(403);
    assertThat(app.delete("/v1/tenants/" + blueprint + "__acme").status()).isEqualTo(403);
    assertThat(app.get("/v1/proxy/accounts/" + fixture.prefix).status()).isEqualTo(403);
  }

  @Test
  void givesTheProxyItsVerifierAndEntriesOfItsTenantsOnly() {
    AccountCredentials app = issue(owner, Map.of("blueprint", blueprint));
    Api.Reply verifier = fixture.adminApi().get("/v1/proxy/accounts/" + app.user());
    assertThat(verifier.status()).isEqualTo(200);
    assertThat(
            ScramVerifier.parse(verifier.json().get("scram_verifier").asText())
                .matches(app.secret()))
        .isTrue();
    String onBehalf = "?account=" + app.user();
    assertThat(
            fixture.adminApi().get("/v1/proxy/routing/" + blueprint + "__acme" + onBehalf).status())
        .isEqualTo(200);
    assertThat(
            fixture
                .adminApi()
                .get("/v1/proxy/routing/" + blueprint + "_workspace" + onBehalf)
                .status())
        .isEqualTo(404);
    assertThat(fixture.adminApi().get("/v1/proxy/routing/" + control + onBehalf).status())
        .isEqualTo(404);
  }

  @Test
  void readOnlyCredentialGetsARoleThatCannotWrite() throws SQLException {
    Api app =
        Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", blueprint, "read_only", true)));
    JsonNode entry = app.get("/v1/routing/" + blueprint + "__acme").json();
    assertThat(entry.get("role").asText()).matches("tdbc_[0-9a-f]{12}_[0-9]+");
    try (Connection c = fixture.postgres.connect(blueprint + "__acme");
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + blueprint + "__owner");
      s.execute("CREATE TABLE later (id int)");
    }
    try (Connection c = login(entry);
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT body FROM note")).isEqualTo("first");
      assertThat(one(s, "SELECT count(*) FROM later")).isEqualTo("0");
      assertThat(one(s, "SHOW default_transaction_read_only")).isEqualTo("on");
      assertSqlState(s, "INSERT INTO note (body) VALUES ('x')", "25006");
      s.execute("SET default_transaction_read_only = off");
      assertSqlState(s, "INSERT INTO note (body) VALUES ('x')", "42501");
      assertSqlState(s, "BEGIN READ WRITE; INSERT INTO note (body) VALUES ('x')", "42501");
      s.execute("ROLLBACK");
      assertSqlState(
          s,
          "SELECT set_config('transaction_read_only', 'off', false);"
              + " UPDATE note SET body = 'y'",
          "42501");
      assertSqlState(s, "SELECT nextval('note_id_seq')", "42501");
      assertSqlState(s, "INSERT INTO later VALUES (1)", "42501");
      assertSqlState(s, "CREATE TABLE mine (id int)", "42501");
    }
  }

  @Test
  void readOnlyRoleFollowsTheTenantsStateAndGoesWithIt() throws SQLException {
    created(owner.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "gamma")));
    String logical = blueprint + "__gamma";
    Api app =
        Api.basic(
            fixture.uri(),
            issue(
                owner,
                Map.of("blueprint", blueprint, "tenants", List.of("gamma"), "read_only", true)));
    JsonNode entry = app.get("/v1/routing/" + logical).json();
    try (Connection c = login(entry);
        Statement s = c.createStatement()) {
      // A role may change its own defaults; the database's setting still wins.
      s.execute("SET default_transaction_read_only = off");
      s.execute("ALTER ROLE CURRENT_USER SET default_transaction_read_only = off");
    }
    Api.Reply patched =
        owner.patch(
            "/v1/workspaces/" + blueprint + "_workspace/settings",
            Map.of("query_timeout_ms", 43210));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    try (Connection c = login(entry);
        Statement s = c.createStatement()) {
      assertThat(one(s, "SHOW default_transaction_read_only")).isEqualTo("on");
      assertThat(one(s, "SHOW statement_timeout")).isEqualTo("43210ms");
    }
    assertThat(owner.post("/v1/tenants/" + logical + "/suspend", Map.of()).status()).isEqualTo(200);
    // The read-only role lost CONNECT, and with it the credential's login that is its member.
    assertThatThrownBy(() -> login(entry))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    assertThat(owner.post("/v1/tenants/" + logical + "/resume", Map.of()).status()).isEqualTo(200);
    login(entry).close();
    assertThat(owner.delete("/v1/tenants/" + logical + "?hard=true").status()).isEqualTo(204);
    assertThat(fixture.roles(fixture.postgres)).doesNotContain(logical + "__ro");
    assertThat(app.get("/v1/routing/" + logical).status()).isEqualTo(404);
  }

  @Test
  void rotationKeepsTheOldSecretForTheOverlapOnly() {
    AccountCredentials first = issue(owner, Map.of("blueprint", blueprint));
    String id = credentialId(owner, first.user());
    Api.Reply rotated =
        owner.post("/v1/credentials/" + id + "/rotate", Map.of("overlap_seconds", 2));
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    AccountCredentials second =
        new AccountCredentials(first.user(), rotated.json().get("secret").asText());
    JsonNode secrets = rotated.json().get("credential").get("secrets");
    assertThat(secrets).hasSize(2);
    assertThat(secrets.get(0).get("expires_at").isNull()).isTrue();
    assertThat(secrets.get(1).get("expires_at").asText()).isNotEmpty();
    String tenant = "/v1/routing/" + blueprint + "__acme";
    assertThat(Api.basic(fixture.uri(), second).get(tenant).status()).isEqualTo(200);
    assertThat(Api.basic(fixture.uri(), first).get(tenant).status()).isEqualTo(200);
    List<ScramVerifier> verifiers = new ArrayList<>();
    fixture
        .adminApi()
        .get("/v1/proxy/accounts/" + first.user())
        .json()
        .get("scram_verifiers")
        .forEach(v -> verifiers.add(ScramVerifier.parse(v.asText())));
    assertThat(verifiers).hasSize(2);
    assertThat(verifiers.get(0).matches(second.secret())).isTrue();
    assertThat(verifiers.get(1).matches(first.secret())).isTrue();
    assertThat(verifiers.get(0).text().split("\\$")[1])
        .isEqualTo(verifiers.get(1).text().split("\\$")[1]);
    poll(() -> Api.basic(fixture.uri(), first).get(tenant).status() == 401, Duration.ofSeconds(10));
    assertThat(Api.basic(fixture.uri(), second).get(tenant).status()).isEqualTo(200);
  }

  @Test
  void revocationEndsLoginsAndTheProxysVerifier() {
    AccountCredentials app = issue(owner, Map.of("blueprint", blueprint));
    String id = credentialId(owner, app.user());
    assertThat(owner.delete("/v1/credentials/" + id).status()).isEqualTo(204);
    Api.Reply refused = Api.basic(fixture.uri(), app).get("/v1/routing/" + blueprint + "__acme");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(fixture.adminApi().get("/v1/proxy/accounts/" + app.user()).status()).isEqualTo(404);
    assertThat(
            fixture
                .adminApi()
                .get("/v1/proxy/routing/" + blueprint + "__acme?account=" + app.user())
                .status())
        .isEqualTo(404);
    assertThat(owner.get("/v1/credentials").body()).doesNotContain(app.user());
    assertThat(owner.delete("/v1/credentials/" + id).status()).isEqualTo(404);
  }

  @Test
  void listsWithoutSecretsAndRefusesOtherAccountsBlueprints() {
    AccountCredentials app = issue(owner, Map.of("blueprint", blueprint, "name", "billing"));
    Api.Reply list = owner.get("/v1/credentials");
    assertThat(list.body()).contains(app.user(), "billing").doesNotContain(app.secret());
    assertThat(list.body()).doesNotContain("SCRAM-SHA-256");
    Api stranger = Api.basic(fixture.uri(), fixture.newAccount());
    Api.Reply reply = stranger.post("/v1/credentials", Map.of("blueprint", blueprint));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(stranger.delete("/v1/credentials/" + credentialId(owner, app.user())).status())
        .isEqualTo(404);
    Api.Reply unknownTenant =
        owner.post("/v1/credentials", Map.of("blueprint", blueprint, "tenants", List.of("nope")));
    assertThat(unknownTenant.status()).isEqualTo(404);
  }

  @Test
  void bootstrapIssuesACredentialForEveryTenantOfABlueprint() {
    AccountCredentials account = fixture.newAccount();
    String mine = fixture.blueprint("boot");
    created(
        Api.basic(fixture.uri(), account)
            .post("/v1/workspaces", Map.of("name", mine + "_workspace", "mode", "workspace")));
    created(
        Api.basic(fixture.uri(), account)
            .post("/v1/tenants", Map.of("blueprint", mine, "name", "acme")));
    IssuedSecret issued =
        fixture.server.inProcess().createCredential(account.user(), mine, "tdb up");
    assertThat(issued.credential().tenants()).isNull();
    assertThat(issued.credential().name()).isEqualTo("tdb up");
    Api app =
        Api.basic(
            fixture.uri(), new AccountCredentials(issued.credential().user(), issued.secret()));
    assertThat(app.get("/v1/routing/" + mine + "__acme").status()).isEqualTo(200);
    assertThat(app.get("/v1/routing/" + mine + "_workspace").status()).isEqualTo(404);
  }

  @Test
  void everyServedRouteHasARouteClass() {
    List<String> authed = new ArrayList<>(fixture.server.endpoints());
    authed.removeAll(OPEN);
    assertThat(HttpApi.classifiedEndpoints()).containsExactlyInAnyOrderElementsOf(authed);
    assertThat(HttpApi.routeClass("GET /v1/routing/{logical}")).isEqualTo(RouteClass.ROUTING);
    assertThatThrownBy(() -> HttpApi.routeClass("GET /v1/nothing"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Connection login(JsonNode entry) throws SQLException {
    return DriverManager.getConnection(
        fixture.postgres.jdbcUrl(entry.get("database").asText()),
        entry.get("role").asText(),
        entry.get("password").asText());
  }
}
