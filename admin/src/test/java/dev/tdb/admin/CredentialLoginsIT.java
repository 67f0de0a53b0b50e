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
import dev.tdb.admin.security.AccountCredentials;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What PostgreSQL itself enforces for a data-plane credential, for a client that took the login
 * from a routing entry and connects with pgjdbc directly: its own login role, only its tenants'
 * databases, no write for a read-only one, and nothing left once it is revoked or rotated away.
 */
@ExtendWith(PostgresExtension.class)
final class CredentialLoginsIT {
  private static final String LOGIN = "tdbc_[0-9a-f]{12}_[0-9]+";

  private static AdminFixture fixture;
  private static Api owner;
  private static String blueprint;
  private static String other;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    owner = Api.basic(fixture.uri(), fixture.newAccount());
    blueprint = fixture.blueprint("app");
    other = fixture.blueprint("other");
    for (String name : List.of(blueprint, other)) {
      created(
          owner.post("/v1/workspaces", Map.of("name", name + "_workspace", "mode", "workspace")));
      created(owner.post("/v1/tenants", Map.of("blueprint", name, "name", "acme")));
    }
    created(owner.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "beta")));
    for (String tenant : List.of("acme", "beta")) {
      try (Connection c = postgres.connect(blueprint + "__" + tenant);
          Statement s = c.createStatement()) {
        s.execute("SET ROLE " + blueprint + "__owner");
        s.execute("CREATE TABLE note (id serial PRIMARY KEY, body text)");
        s.execute("INSERT INTO note (body) VALUES ('" + tenant + "')");
      }
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.cleanUp(fixture.postgres);
    fixture.close();
  }

  @Test
  void loginIsItsOwnAndReachesOnlyItsTenantsDatabases() throws SQLException {
    Api app =
        Api.basic(
            fixture.uri(),
            issue(owner, Map.of("blueprint", blueprint, "tenants", List.of("acme"))));
    JsonNode entry = app.get("/v1/routing/" + blueprint + "__acme").json();
    JsonNode runtime = owner.get("/v1/routing/" + blueprint + "__acme").json();
    assertThat(entry.get("role").asText()).matches(LOGIN);
    assertThat(entry.get("password").asText()).isNotEqualTo(runtime.get("password").asText());
    try (Connection c = login(entry, blueprint + "__acme");
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT body FROM note")).isEqualTo("acme");
      s.execute("INSERT INTO note (body) VALUES ('by credential')");
      assertThat(one(s, "SHOW statement_timeout")).isEqualTo(timeoutOf(runtime));
      // Its member role's rights, never the role itself: so it cannot take that role's password.
      assertSqlState(s, "SET ROLE " + runtime.get("role").asText(), "42501");
      assertSqlState(s, "ALTER ROLE " + runtime.get("role").asText() + " PASSWORD 'mine'", "42501");
      assertSqlState(s, "CREATE TABLE mine (id int)", "42501");
    }
    for (String database :
        List.of(blueprint + "__beta", other + "__acme", fixture.metadataDatabase)) {
      assertThatThrownBy(() -> login(entry, database))
          .as(database)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
  }

  @Test
  void readOnlyLoginCannotWriteEvenWhenItConnectsDirectly() throws SQLException {
    Api app =
        Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", blueprint, "read_only", true)));
    JsonNode entry = app.get("/v1/routing/" + blueprint + "__beta").json();
    try (Connection c = login(entry, blueprint + "__beta");
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT body FROM note")).isEqualTo("beta");
      assertSqlState(s, "INSERT INTO note (body) VALUES ('x')", "25006");
      s.execute("SET default_transaction_read_only = off");
      assertSqlState(s, "INSERT INTO note (body) VALUES ('x')", "42501");
      assertSqlState(s, "DELETE FROM note", "42501");
    }
  }

  @Test
  void revokedLoginNoLongerConnectsAndItsDriverSessionsEnd() throws SQLException {
    AccountCredentials credential = issue(owner, Map.of("blueprint", blueprint));
    JsonNode entry =
        Api.basic(fixture.uri(), credential).get("/v1/routing/" + blueprint + "__acme").json();
    try (Connection session = login(entry, blueprint + "__acme");
        Statement s = session.createStatement()) {
      assertThat(one(s, "SELECT count(*) > 0 FROM note")).isEqualTo("t");
      assertThat(owner.delete("/v1/credentials/" + credentialId(owner, credential.user())).status())
          .isEqualTo(204);
      assertThatThrownBy(() -> one(s, "SELECT 1")).isInstanceOf(SQLException.class);
    }
    assertThatThrownBy(() -> login(entry, blueprint + "__acme"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).startsWith("28"));
    assertThat(roleExists(entry.get("role").asText())).isFalse();
  }

  @Test
  void rotationWithoutOverlapEndsTheOldLoginAtOnce() throws SQLException {
    AccountCredentials first = issue(owner, Map.of("blueprint", blueprint));
    String tenant = "/v1/routing/" + blueprint + "__acme";
    JsonNode old = Api.basic(fixture.uri(), first).get(tenant).json();
    try (Connection session = login(old, blueprint + "__acme");
        Statement s = session.createStatement()) {
      Api.Reply rotated =
          owner.post(
              "/v1/credentials/" + credentialId(owner, first.user()) + "/rotate",
              Map.of("overlap_seconds", 0));
      assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
      assertThatThrownBy(() -> one(s, "SELECT 1")).isInstanceOf(SQLException.class);
      AccountCredentials second =
          new AccountCredentials(first.user(), rotated.json().get("secret").asText());
      JsonNode fresh = Api.basic(fixture.uri(), second).get(tenant).json();
      assertThat(fresh.get("role").asText()).isNotEqualTo(old.get("role").asText());
      login(fresh, blueprint + "__acme").close();
    }
    assertThatThrownBy(() -> login(old, blueprint + "__acme"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).startsWith("28"));
  }

  @Test
  void afterTheOverlapTheOldLoginIsRefusedAndItsSessionsEnd() throws SQLException {
    AccountCredentials first = issue(owner, Map.of("blueprint", blueprint));
    String tenant = "/v1/routing/" + blueprint + "__acme";
    JsonNode old = Api.basic(fixture.uri(), first).get(tenant).json();
    Api.Reply rotated =
        owner.post(
            "/v1/credentials/" + credentialId(owner, first.user()) + "/rotate",
            Map.of("overlap_seconds", 2));
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    try (Connection session = login(old, blueprint + "__acme");
        Statement s = session.createStatement()) {
      // PostgreSQL refuses the password once the overlap is over (VALID UNTIL), sweep or not.
      poll(() -> refused(old), Duration.ofSeconds(10));
      // The periodic round of another replica ends the sessions the overlap left open.
      try (AdminServer sweeper =
          AdminServer.start(
              fixture.config.toBuilder().roleCheckInterval(Duration.ofMillis(200)).build())) {
        poll(() -> !roleExists(old.get("role").asText()), Duration.ofSeconds(20));
      }
      assertThatThrownBy(() -> one(s, "SELECT 1")).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void blueprintWideLoginCoversLaterTenantsAndLosesDroppedOnes() throws SQLException {
    Api app = Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", blueprint)));
    created(owner.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "later")));
    String logical = blueprint + "__later";
    JsonNode entry = app.get("/v1/routing/" + logical).json();
    String database = entry.get("database").asText();
    login(entry, database).close();
    assertThat(owner.post("/v1/tenants/" + logical + "/suspend", Map.of()).status()).isEqualTo(200);
    assertThatThrownBy(() -> login(entry, database))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    assertThat(owner.delete("/v1/tenants/" + logical + "?hard=true").status()).isEqualTo(204);
    assertThat(app.get("/v1/routing/" + logical).status()).isEqualTo(404);
    assertThat(
            AdminFixture.scalar(
                fixture.postgres,
                "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member"
                    + " WHERE r.rolname = ?",
                entry.get("role").asText()))
        .isEqualTo("0");
  }

  @Test
  void everyRoleOfATenantSharesItsConnectionBudget() throws SQLException {
    String logical = other + "__acme";
    Api.Reply patched =
        owner.patch(
            "/v1/workspaces/" + other + "_workspace/settings", Map.of("max_connections", 3));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    JsonNode runtime = owner.get("/v1/routing/" + logical).json();
    JsonNode readOnly =
        Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", other, "read_only", true)))
            .get("/v1/routing/" + logical)
            .json();
    JsonNode readWrite =
        Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", other)))
            .get("/v1/routing/" + logical)
            .json();
    List<Connection> held = new ArrayList<>();
    try {
      for (JsonNode entry : List.of(runtime, readOnly, readWrite)) {
        held.add(login(entry, logical));
      }
      for (JsonNode entry : List.of(runtime, readOnly, readWrite)) {
        assertThatThrownBy(() -> login(entry, logical))
            .as(entry.get("role").asText())
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("53300"));
      }
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  @Test
  void theRoleCheckRestoresTheDatabasesConnectionLimit() throws SQLException {
    String logical = blueprint + "__beta";
    try (Connection c = fixture.postgres.connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE \"" + logical + "\" CONNECTION LIMIT -1");
    }
    assertThat(fixture.server.inProcess().checkRoles()).isPositive();
    assertThat(
            AdminFixture.scalar(
                fixture.postgres,
                "SELECT datconnlimit FROM pg_database WHERE datname = ?",
                logical))
        .isEqualTo(
            owner
                .get("/v1/workspaces/" + blueprint + "_workspace/settings")
                .json()
                .get("max_connections")
                .asText());
    JsonNode check = owner.get("/v1/tenants/" + logical).json().get("role_check");
    assertThat(check.get("drift").toString())
        .contains("database " + logical + " CONNECTION LIMIT is -1");
  }

  @Test
  void theRoleCheckRestoresSettingsALoginGaveItself() throws SQLException {
    String logical = blueprint + "__beta";
    JsonNode entry =
        Api.basic(fixture.uri(), issue(owner, Map.of("blueprint", blueprint, "read_only", true)))
            .get("/v1/routing/" + logical)
            .json();
    JsonNode runtime = owner.get("/v1/routing/" + logical).json();
    try (Connection c = login(entry, logical);
        Statement s = c.createStatement()) {
      s.execute("SET default_transaction_read_only = off");
      s.execute(
          "ALTER ROLE CURRENT_USER IN DATABASE \"" + logical + "\" SET statement_timeout = 0");
      s.execute(
          "ALTER ROLE CURRENT_USER IN DATABASE \""
              + logical
              + "\" SET default_transaction_read_only = off");
    }
    try (Connection c = login(entry, logical);
        Statement s = c.createStatement()) {
      assertThat(one(s, "SHOW statement_timeout")).isEqualTo("0");
    }
    fixture.server.inProcess().checkRoles();
    try (Connection c = login(entry, logical);
        Statement s = c.createStatement()) {
      assertThat(one(s, "SHOW statement_timeout")).isEqualTo(timeoutOf(runtime));
      assertThat(one(s, "SHOW default_transaction_read_only")).isEqualTo("on");
    }
    JsonNode check = owner.get("/v1/tenants/" + logical).json().get("role_check");
    assertThat(check.get("drift").toString())
        .contains("settings of credential login " + entry.get("role").asText() + " changed");
  }

  private static String timeoutOf(JsonNode runtime) throws SQLException {
    try (Connection c = login(runtime, runtime.get("database").asText());
        Statement s = c.createStatement()) {
      return one(s, "SHOW statement_timeout");
    }
  }

  private static Connection login(JsonNode entry, String database) throws SQLException {
    return DriverManager.getConnection(
        fixture.postgres.jdbcUrl(database),
        entry.get("role").asText(),
        entry.get("password").asText());
  }

  private static boolean refused(JsonNode entry) {
    try {
      login(entry, entry.get("database").asText()).close();
      return false;
    } catch (SQLException e) {
      assertThat(e.getSQLState()).startsWith("28");
      return true;
    }
  }

  private static boolean roleExists(String role) {
    try {
      return AdminFixture.scalar(fixture.postgres, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)
          != null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
