/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.cli.TdbCli;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * A runtime role that changes itself behind tdb's back (its password, its own defaults) is put back
 * by the role check, which records what it found.
 */
@ExtendWith(PostgresExtension.class)
final class RoleDriftIT {
  private static AdminFixture fixture;
  private static Api api;
  private static AccountCredentials account;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 100).status())
        .isEqualTo(201);
    account = fixture.newAccount();
    api = Api.basic(fixture.uri(), account);
    blueprint = fixture.blueprint("crm");
    created(
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace")));
    for (String name : List.of("acme", "globex", "initech")) {
      created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", name)));
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void theCheckRestoresThePasswordAndSettingsAndShowsWhatItFound() throws SQLException {
    String logical = blueprint + "__acme";
    JsonNode entry = routing(logical);
    try (Connection connection = connect(entry, entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER ROLE CURRENT_USER SET statement_timeout = 0");
      statement.execute(
          "ALTER ROLE CURRENT_USER IN DATABASE \""
              + logical
              + "\" SET standard_conforming_strings = off");
      statement.execute("ALTER ROLE CURRENT_USER SET search_path = 'elsewhere'");
      statement.execute("ALTER ROLE CURRENT_USER PASSWORD 'chosen by the tenant'");
    }
    assertThatThrownBy(() -> connect(entry, entry.get("password").asText()).close())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");

    assertThat(fixture.server.inProcess().checkRoles()).isEqualTo(1);

    try (Connection connection = connect(entry, entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "statement_timeout")).isEqualTo("30s");
      assertThat(show(statement, "standard_conforming_strings")).isEqualTo("on");
      assertThat(show(statement, "search_path")).isEqualTo("\"$user\", public");
    }
    assertThatThrownBy(() -> connect(entry, "chosen by the tenant").close())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");
    JsonNode check = api.get("/v1/tenants/" + logical).json().get("role_check");
    assertThat(check.get("checked_at").asText()).isNotBlank();
    assertThat(check.get("drift_found_at").asText()).isNotBlank();
    List<String> drift = new ArrayList<>();
    check.get("drift").forEach(finding -> drift.add(finding.asText()));
    assertThat(drift)
        .contains(
            "password changed (tdb's logins as the role would fail with 28P01)",
            "setting statement_timeout=0 on the role",
            "setting statement_timeout=30000 missing on the role",
            "setting standard_conforming_strings=off in database " + logical,
            "setting search_path=elsewhere on the role");

    StringWriter out = new StringWriter();
    int code =
        TdbCli.run(
            new String[] {
              "tenants",
              "get",
              logical,
              "--url",
              fixture.uri().toString(),
              "--user",
              account.user(),
              "--secret",
              account.secret()
            },
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    assertThat(out.toString()).contains("role_check:").contains("password changed");

    assertThat(fixture.server.inProcess().checkRoles()).isZero();
    JsonNode again = api.get("/v1/tenants/" + logical).json().get("role_check");
    assertThat(again.get("drift_found_at")).isEqualTo(check.get("drift_found_at"));
    assertThat(again.get("checked_at").asText()).isGreaterThan(check.get("checked_at").asText());
  }

  @Test
  void changingSettingsAlsoDropsWhatTheRoleGaveItself() throws SQLException {
    String logical = blueprint + "__globex";
    JsonNode entry = routing(logical);
    try (Connection connection = connect(entry, entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      String own = "ALTER ROLE CURRENT_USER IN DATABASE \"" + logical + "\"";
      statement.execute(own + " SET work_mem = '1GB'");
      statement.execute(own + " SET search_path = 'elsewhere'");
    }
    Api.Reply changed =
        api.patch(
            "/v1/workspaces/" + blueprint + "_workspace/settings", Map.of("work_mem_kb", 2048));
    assertThat(changed.status()).isEqualTo(200);
    try (Connection connection = connect(entry, entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "work_mem")).isEqualTo("2MB");
      assertThat(show(statement, "search_path")).isEqualTo("\"$user\", public");
    }
    assertThat(api.get("/v1/tenants/" + logical).json().get("role_check").get("drift").toString())
        .contains("setting search_path=elsewhere in database " + logical);
  }

  @Test
  void aTenantsFirstCheckAppliesTheGuardsItMayLack() throws SQLException {
    created(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "hooli")));
    String logical = blueprint + "__hooli";
    // As a tenant made before the guards existed would be.
    try (Connection connection = fixture.postgres.connect(logical);
        Statement statement = connection.createStatement()) {
      statement.execute("GRANT EXECUTE ON FUNCTION pg_advisory_lock(bigint) TO PUBLIC");
      statement.execute("GRANT UPDATE ON pg_settings TO PUBLIC");
    }
    JsonNode entry = routing(logical);
    fixture.server.inProcess().checkRoles();
    try (Connection connection = connect(entry, entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      for (String sql :
          List.of("SELECT pg_advisory_lock(1)", "UPDATE pg_settings SET setting = '0'")) {
        assertThatThrownBy(() -> statement.execute(sql))
            .as(sql)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
      }
    }
  }

  @Test
  void thePeriodicCheckRepairsWithoutBeingAsked() throws Exception {
    String logical = blueprint + "__initech";
    JsonNode entry = routing(logical);
    try (Connection connection = connect(entry, entry.get("password").asText());
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER ROLE CURRENT_USER PASSWORD 'mine now'");
    }
    try (AdminServer periodic =
        AdminServer.start(
            fixture.config.toBuilder().roleCheckInterval(Duration.ofMillis(100)).build())) {
      await("the password repaired")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> logsIn(entry));
    }
  }

  private static String show(Statement statement, String parameter) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW " + parameter)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void created(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private static JsonNode routing(String logical) {
    return RuntimeLogin.of(api, logical).entry();
  }

  private static Connection connect(JsonNode entry, String password) throws SQLException {
    RuntimeLogin login = new RuntimeLogin(entry);
    return login.connect(login.database(), login.role(), password);
  }

  /** Whether the entry's password logs in; false while PostgreSQL refuses it (28P01). */
  private static boolean logsIn(JsonNode entry) throws SQLException {
    try (Connection connection = connect(entry, entry.get("password").asText())) {
      return true;
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isEqualTo("28P01");
      return false;
    }
  }
}
