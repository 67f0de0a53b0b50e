/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.accounts.CreatedApiKey;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** API key scopes: one route of each class against a key of each scope, and the migration. */
@ExtendWith(PostgresExtension.class)
final class ApiKeyScopesIT {
  private static final String READ = "GET /v1/workspaces";
  private static final String WRITE = "DELETE /v1/apikeys/999999999";
  private static final String ROUTING = "GET /v1/routing";
  private static final String PROXY = "GET /v1/proxy/accounts/tdb_00000000";

  private static AdminFixture fixture;
  private static AccountCredentials member;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    member = fixture.newAccount();
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void eachScopeOpensItsRouteClassesOnly() {
    // status of READ, WRITE, ROUTING, PROXY; "S" is 403 scope_insufficient
    expect(fixture.adminApi(), "admin", "200 404 200 404");
    expect(fixture.adminApi(), "member", "200 404 200 403");
    expect(fixture.adminApi(), "read-only", "200 S 200 S");
    expect(fixture.adminApi(), "routing", "S S 200 404");
    expect(Api.basic(fixture.uri(), member), "member", "200 404 200 403");
    expect(Api.basic(fixture.uri(), member), "read-only", "200 S 200 S");
    expect(Api.basic(fixture.uri(), member), "routing", "S S 200 403");
  }

  @Test
  void aKeyWithoutAScopeGetsItsAccountsAndNeverMore() {
    Api.Reply adminKey = fixture.adminApi().post("/v1/apikeys", Map.of("name", "plain"));
    assertThat(adminKey.json().get("scope").asText()).isEqualTo("admin");
    Api.Reply memberKey = Api.basic(fixture.uri(), member).post("/v1/apikeys", Map.of("name", "p"));
    assertThat(memberKey.json().get("scope").asText()).isEqualTo("member");

    Api.Reply refused =
        Api.basic(fixture.uri(), member)
            .post("/v1/apikeys", Map.of("name", "up", "scope", "admin"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("scope_exceeds_caller");
    Api.Reply invalid =
        fixture.adminApi().post("/v1/apikeys", Map.of("name", "x", "scope", "credential"));
    assertThat(invalid.status()).isEqualTo(400);
    Api memberScoped = Api.bearer(fixture.uri(), key(fixture.adminApi(), "member"));
    Api.Reply escalation = memberScoped.post("/v1/apikeys", Map.of("name", "y", "scope", "admin"));
    assertThat(escalation.status()).isEqualTo(403);
    assertThat(memberScoped.post("/v1/accounts", Map.of()).errorCode()).isEqualTo("admin_required");
  }

  @Test
  void aProxyKeyOfAnotherScopeIsReplacedByARoutingKeyAndRevoked() {
    InProcessAdmin inProcess = fixture.server.inProcess();
    String user = fixture.admin.user();
    // What tdb up kept before keys had scopes: a key with its account's scope, admin.
    String old = inProcess.createApiKey(user, "tdb up proxy", Scope.ADMIN).key();
    assertThat(Api.bearer(fixture.uri(), old).get(READ.substring(4)).status()).isEqualTo(200);

    CreatedApiKey replaced =
        inProcess.replaceApiKeyUnlessScoped(user, old, "tdb up proxy", Scope.ROUTING).orElseThrow();
    assertThat(replaced.scope()).isEqualTo("routing");
    assertThat(Api.bearer(fixture.uri(), old).get(ROUTING.substring(4)).status()).isEqualTo(401);
    Api proxy = Api.bearer(fixture.uri(), replaced.key());
    assertThat(proxy.get(ROUTING.substring(4)).status()).isEqualTo(200);
    assertThat(proxy.get(READ.substring(4)).status()).isEqualTo(403);

    assertThat(inProcess.replaceApiKeyUnlessScoped(user, replaced.key(), "p", Scope.ROUTING))
        .isEmpty();
    // A kept key that no longer works (revoked, or from another installation) is replaced too.
    assertThat(inProcess.replaceApiKeyUnlessScoped(user, old, "p", Scope.ROUTING)).isPresent();
  }

  @Test
  void refusalNamesTheScopeThatWouldDo() {
    Api routing = Api.bearer(fixture.uri(), key(fixture.adminApi(), "routing"));
    Api.Reply reply = routing.get("/v1/workspaces");
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("scope_insufficient");
    assertThat(reply.json().get("error").get("hint").asText())
        .isEqualTo("use a key with a scope that can: tdb apikeys create --scope read-only");
    assertThat(fixture.adminApi().get("/v1/apikeys").body()).contains("\"scope\":\"routing\"");
  }

  @Test
  void migrationGivesExistingKeysTheScopeOfTheirAccount(TestPostgres postgres) throws SQLException {
    String database = postgres.createDatabase("tdb_scopes");
    String url = postgres.jdbcUrl(database);
    migrate(url, postgres, "8");
    try (Connection c =
            DriverManager.getConnection(url, postgres.superuser(), postgres.password());
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO accounts (user_name, scram_verifier, admin) VALUES"
              + " ('tdb_0000000a', 'v', true), ('tdb_0000000b', 'v', false)");
      s.execute(
          "INSERT INTO api_keys (account_id, name, key_hash) SELECT id, user_name, user_name"
              + " FROM accounts");
    }
    migrate(url, postgres, "9");
    try (Connection c =
            DriverManager.getConnection(url, postgres.superuser(), postgres.password());
        Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT string_agg(name || '=' || scope, ',' ORDER BY name) FROM api_keys")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("tdb_0000000a=admin,tdb_0000000b=member");
    } finally {
      postgres.dropDatabase(database);
    }
  }

  private static void migrate(String url, TestPostgres postgres, String target) {
    Flyway.configure()
        .dataSource(url, postgres.superuser(), postgres.password())
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }

  private static void expect(Api creator, String scope, String statuses) {
    Api api = Api.bearer(fixture.uri(), key(creator, scope));
    String[] expected = statuses.split(" ");
    String[] endpoints = {READ, WRITE, ROUTING, PROXY};
    for (int i = 0; i < endpoints.length; i++) {
      String[] parts = endpoints[i].split(" ", 2);
      Api.Reply reply = parts[0].equals("GET") ? api.get(parts[1]) : api.delete(parts[1]);
      String what = scope + " key: " + endpoints[i];
      if (expected[i].equals("S")) {
        assertThat(reply.status()).as(what).isEqualTo(403);
        assertThat(reply.errorCode()).as(what).isEqualTo("scope_insufficient");
      } else {
        assertThat(reply.status())
            .as(what + " " + reply.body())
            .isEqualTo(Integer.parseInt(expected[i]));
        if (reply.status() == 403) {
          assertThat(reply.errorCode()).as(what).isEqualTo("admin_required");
        }
      }
    }
  }

  private static String key(Api creator, String scope) {
    Api.Reply reply = creator.post("/v1/apikeys", Map.of("name", scope, "scope", scope));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().get("scope").asText()).isEqualTo(scope);
    return reply.json().get("key").asText();
  }
}
