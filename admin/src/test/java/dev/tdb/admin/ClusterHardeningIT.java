/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * What the server itself refuses to a role that logs in with its own credentials, bypassing tdb:
 * databases closed to PUBLIC on the whole cluster, advisory locks and {@code pg_settings} closed
 * inside tenant databases, the limits carried as role settings, and the connection budget.
 */
@ExtendWith(PostgresExtension.class)
final class ClusterHardeningIT {
  private static AdminFixture fixture;
  private static Api api;
  private static String cluster;
  private static JsonNode registration;
  private static String crm;
  private static String shop;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    superuser(
        postgres,
        "GRANT CONNECT, TEMPORARY ON DATABASE postgres TO PUBLIC",
        "GRANT CONNECT, TEMPORARY ON DATABASE template1 TO PUBLIC");
    cluster = fixture.prefix + "-one";
    Api.Reply reply = fixture.registerCluster(cluster, postgres, 100);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    registration = reply.json();
    api = Api.basic(fixture.uri(), fixture.newAccount());
    crm = fixture.blueprint("crm");
    shop = fixture.blueprint("shop");
    for (String blueprint : List.of(crm, shop)) {
      created(
          api.post(
              "/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace")));
    }
    created(api.post("/v1/tenants", Map.of("blueprint", crm, "name", "acme")));
    created(api.post("/v1/tenants", Map.of("blueprint", crm, "name", "globex")));
    created(api.post("/v1/tenants", Map.of("blueprint", shop, "name", "initech")));
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void registrationSaysWhatItClosedPerDatabase() {
    assertThat(registration.get("name").asText()).isEqualTo(cluster);
    JsonNode hardening = registration.get("hardening");
    Map<String, String> changes = new java.util.HashMap<>();
    for (JsonNode database : hardening.get("databases")) {
      changes.put(database.get("database").asText(), database.get("changes").toString());
    }
    assertThat(changes.get("postgres")).contains("revoked CONNECT, TEMPORARY from PUBLIC");
    assertThat(changes.get("template1")).contains("revoked CONNECT, TEMPORARY from PUBLIC");
    assertThat(changes).containsKey(fixture.metadataDatabase).doesNotContainKey("template0");
    JsonNode connections = hardening.get("connections");
    int usable =
        connections.get("max_connections").asInt()
            - connections.get("superuser_reserved_connections").asInt()
            - connections.get("reserved_connections").asInt();
    assertThat(connections.get("usable_connections").asInt()).isEqualTo(usable);
    assertThat(connections.get("tenant_max_connections").asInt()).isEqualTo(usable / 2);
    assertThat(hardening.get("warnings")).isEmpty();
  }

  @Test
  void aRuntimeRoleReachesItsOwnDatabaseAndNoOther() throws SQLException {
    for (String logical : List.of(crm + "__acme", shop + "__initech", crm + "_workspace")) {
      JsonNode entry = routing(logical);
      String own = entry.get("database").asText();
      List<String> reached = new ArrayList<>();
      for (String database : openDatabases()) {
        try (Connection connection =
            connect(entry, database, entry.get("role").asText(), password(entry))) {
          reached.add(database);
        } catch (SQLException e) {
          assertThat(e.getSQLState()).as(database + ": " + e.getMessage()).isEqualTo("42501");
        }
      }
      assertThat(reached).as(logical).containsExactly(own);
    }
  }

  @Test
  void aBlueprintOwnerReachesOnlyTheDatabasesItOwns() throws SQLException {
    String owner = crm + "__owner";
    String password =
        new SecretBox(fixture.config.secretKey().bytes()).derive("owner/" + cluster + "/" + owner);
    JsonNode entry = routing(crm + "__acme");
    List<String> reached = new ArrayList<>();
    for (String database : openDatabases()) {
      try (Connection connection = connect(entry, database, owner, password)) {
        reached.add(database);
      } catch (SQLException e) {
        assertThat(e.getSQLState()).as(database + ": " + e.getMessage()).isEqualTo("42501");
      }
    }
    assertThat(reached)
        .containsExactlyInAnyOrderElementsOf(
            names(
                "SELECT datname FROM pg_database WHERE datallowconn"
                    + " AND datdba = (SELECT oid FROM pg_roles WHERE rolname = ?)",
                owner))
        .contains(crm + "__acme", crm + "__globex")
        .doesNotContain(shop + "__initech", crm + "_workspace", "postgres", "template1");
  }

  @Test
  void theServiceClosesDatabasesMadeBehindItsBackWhenItStarts() throws SQLException {
    String outsider = fixture.postgres.createDatabase(fixture.prefix + "outsider");
    superuser(fixture.postgres, "GRANT CONNECT ON DATABASE \"" + outsider + "\" TO PUBLIC");
    JsonNode entry = routing(crm + "__globex");
    connect(entry, outsider, entry.get("role").asText(), password(entry)).close();
    try (AdminServer restarted = fixture.startAnother()) {
      assertThatThrownBy(
              () -> connect(entry, outsider, entry.get("role").asText(), password(entry)).close())
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    } finally {
      fixture.postgres.dropDatabase(outsider);
    }
  }

  @Test
  void thePeriodicCheckClosesADatabaseItsOwnerOpened() throws Exception {
    JsonNode workspace = routing(shop + "_workspace");
    String database = workspace.get("database").asText();
    JsonNode tenant = routing(crm + "__acme");
    try (AdminServer periodic =
        AdminServer.start(
            fixture.config.toBuilder().roleCheckInterval(Duration.ofMillis(100)).build())) {
      // A workspace role owns its database, so it may grant CONNECT on it to PUBLIC itself.
      try (Connection connection =
              connect(workspace, database, workspace.get("role").asText(), password(workspace));
          Statement statement = connection.createStatement()) {
        statement.execute("GRANT CONNECT ON DATABASE \"" + database + "\" TO PUBLIC");
      }
      String refused =
          await("the database closed again")
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(50))
              .until(() -> refusal(tenant, database), state -> state != null);
      assertThat(refused).isEqualTo("42501");
    }
  }

  @Test
  void advisoryLocksAndPgSettingsAreClosedOnTheServerUntilTheWorkspaceAllowsLocks()
      throws SQLException {
    String blueprint = fixture.blueprint("locks");
    created(
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace")));
    created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "one")));
    List<String> locks =
        List.of(
            "SELECT pg_advisory_lock(1)",
            "SELECT pg_catalog.pg_advisory_lock(1, 2)",
            "SELECT pg_try_advisory_lock_shared(1)",
            "SELECT PG_ADVISORY_XACT_LOCK(1)",
            "SELECT \"pg_try_advisory_xact_lock\"(1, 2)",
            "SELECT count(pg_advisory_lock(g)) FROM generate_series(1, 10) g");
    try (Connection connection = tenant(blueprint + "__one");
        Statement statement = connection.createStatement()) {
      for (String sql : locks) {
        assertRefused(statement, sql, "42501");
      }
      assertRefused(
          statement,
          "UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'",
          "42501");
      assertRefused(
          statement,
          "UPDATE pg_catalog.pg_settings SET setting = '0' WHERE name = 'statement_timeout'",
          "42501");
    }
    assertThat(settings(blueprint, Map.of("allow_advisory_locks", true)).status()).isEqualTo(200);
    created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "two")));
    for (String tenant : List.of("one", "two")) {
      try (Connection connection = tenant(blueprint + "__" + tenant);
          Statement statement = connection.createStatement()) {
        for (String sql : locks) {
          statement.execute(sql);
        }
        assertRefused(statement, "UPDATE pg_settings SET setting = 'off'", "42501");
      }
    }
    assertThat(settings(blueprint, Map.of("allow_advisory_locks", false)).status()).isEqualTo(200);
    try (Connection connection = tenant(blueprint + "__two");
        Statement statement = connection.createStatement()) {
      assertRefused(statement, "SELECT pg_advisory_lock(1)", "42501");
    }
  }

  @Test
  void theRoleCarriesTheLimitsAndCannotLiftTheTempFileLimit() throws SQLException {
    String blueprint = fixture.blueprint("limits");
    created(
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace")));
    created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "one")));
    String logical = blueprint + "__one";
    try (Connection connection = tenant(logical);
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "work_mem")).isEqualTo("4MB");
      assertThat(show(statement, "temp_file_limit")).isEqualTo("1GB");
      assertThat(show(statement, "idle_in_transaction_session_timeout")).isEqualTo("1min");
      assertThat(show(statement, "standard_conforming_strings")).isEqualTo("on");
      assertRefused(statement, "SET temp_file_limit = -1", "42501");
      // A role may change its own role-level defaults; the per-database ones still win.
      statement.execute("ALTER ROLE CURRENT_USER SET work_mem = '1GB'");
    }
    assertThat(
            settings(
                    blueprint,
                    Map.of(
                        "work_mem_kb", 8192,
                        "temp_file_limit_kb", 0,
                        "idle_in_transaction_timeout_ms", 0,
                        "query_timeout_ms", 0))
                .status())
        .isEqualTo(200);
    try (Connection connection = tenant(logical);
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "work_mem")).isEqualTo("8MB");
      assertThat(show(statement, "temp_file_limit")).isEqualTo("-1");
      assertThat(show(statement, "idle_in_transaction_session_timeout")).isEqualTo("0");
      assertThat(show(statement, "statement_timeout")).isEqualTo("0");
    }
    assertThat(
            names(
                "SELECT coalesce(d.datname, '*') || ' ' || c FROM pg_db_role_setting s"
                    + " LEFT JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) c"
                    + " WHERE s.setrole = (SELECT oid FROM pg_roles WHERE rolname = ?)"
                    + " AND c LIKE 'work_mem=%'",
                logical + "__rt"))
        .contains(logical + " work_mem=8192kB", "* work_mem=8192kB");
  }

  @Test
  void refusesMaxConnectionsBeyondTheClusterBudget() throws SQLException {
    int max = Integer.parseInt(scalar("SELECT current_setting('max_connections')"));
    int reserved =
        Integer.parseInt(scalar("SELECT current_setting('superuser_reserved_connections')"))
            + Integer.parseInt(scalar("SELECT current_setting('reserved_connections')"));
    int allowed = (max - reserved) / 2;
    Api.Reply refused = settings(crm, Map.of("max_connections", allowed + 1));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("connection_budget");
    assertThat(refused.errorMessage())
        .contains(cluster, "max_connections is " + max, "at most " + allowed);
    assertThat(settings(crm, Map.of("max_connections", allowed)).status()).isEqualTo(200);
    assertThat(settings(crm, Map.of("max_connections", 20)).status()).isEqualTo(200);
  }

  @Test
  void aTenantAtItsLimitLeavesRoomForOthersAndTheAdmin() throws SQLException {
    String blueprint = fixture.blueprint("busy");
    created(
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace")));
    created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "one")));
    assertThat(settings(blueprint, Map.of("max_connections", 3)).status()).isEqualTo(200);
    List<Connection> held = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        held.add(tenant(blueprint + "__one"));
      }
      assertThatThrownBy(() -> tenant(blueprint + "__one").close())
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("53300");
      try (Connection other = tenant(crm + "__acme")) {
        assertThat(other.isValid(2)).isTrue();
      }
      created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "two")));
      assertThat(api.get("/v1/tenants/" + blueprint + "__one").status()).isEqualTo(200);
    } finally {
      for (Connection connection : held) {
        connection.close();
      }
    }
  }

  private static void assertRefused(Statement statement, String sql, String sqlState) {
    assertThatThrownBy(() -> statement.execute(sql))
        .as(sql)
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo(sqlState);
  }

  private static Api.Reply settings(String blueprint, Map<String, ?> changes) {
    return api.patch("/v1/workspaces/" + blueprint + "_workspace/settings", changes);
  }

  private static String show(Statement statement, String parameter) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW " + parameter)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static Connection tenant(String logical) throws SQLException {
    JsonNode entry = routing(logical);
    return connect(
        entry, entry.get("database").asText(), entry.get("role").asText(), password(entry));
  }

  private static List<String> openDatabases() throws SQLException {
    return names(
        "SELECT datname FROM pg_database WHERE datallowconn AND datname <> ? ORDER BY 1", "");
  }

  private static List<String> names(String sql, String param) throws SQLException {
    try (Connection connection = fixture.postgres.connect();
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, param);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    }
  }

  private static String scalar(String sql) throws SQLException {
    return AdminFixture.scalar(fixture.postgres, sql);
  }

  private static void superuser(TestPostgres postgres, String... statements) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static void created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private static JsonNode routing(String logical) {
    return RuntimeLogin.of(api, logical).entry();
  }

  private static String password(JsonNode entry) {
    return entry.get("password").asText();
  }

  private static Connection connect(JsonNode entry, String database, String user, String password)
      throws SQLException {
    return new RuntimeLogin(entry).connect(database, user, password);
  }

  /** The SQLSTATE {@code tenant}'s role is refused with on {@code database}; null if admitted. */
  private static String refusal(JsonNode tenant, String database) {
    try (Connection connection =
        connect(tenant, database, tenant.get("role").asText(), password(tenant))) {
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }
}
