/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hard delete either completes or changes nothing: a runtime role that holds something in another
 * database (as a tenant that planted large objects in template1 did) is refused before anything is
 * dropped, and a delete that stops half-way is finished by the next one while settings changes
 * leave the tenant out.
 */
@ExtendWith(PostgresExtension.class)
final class HardDeleteIT {
  private static final String ROLE_EXISTS = "SELECT count(*) FROM pg_roles WHERE rolname = ?";
  private static final String DATABASE_EXISTS =
      "SELECT count(*) FROM pg_database WHERE datname = ?";
  private static final String CAN_LOGIN = "SELECT rolcanlogin FROM pg_roles WHERE rolname = ?";

  private static AdminFixture fixture;
  private static TestPostgres server;
  private static Api api;
  private static String blueprint;
  private static String other;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 50).status())
        .isEqualTo(201);
    api = Api.basic(fixture.uri(), fixture.newAccount());
    blueprint = fixture.blueprint("shop");
    Api.Reply workspace =
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"));
    assertThat(workspace.status()).isEqualTo(201);
    other = fixture.prefix + "_other";
    superuser(postgres.maintenanceDatabase(), "CREATE DATABASE " + other);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void refusesAndChangesNothingWhileTheRoleHoldsSomethingElsewhere() throws SQLException {
    String logical = createTenant("planter");
    String role = logical + "__rt";
    superuser(
        other,
        "CREATE TABLE planted (id int)",
        "ALTER TABLE planted OWNER TO \"" + role + "\"",
        "SELECT lo_create(4242)",
        "ALTER LARGE OBJECT 4242 OWNER TO \"" + role + "\"");

    Api.Reply refused = api.delete("/v1/tenants/" + logical + "?hard=true");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("tenant_role_in_use");
    assertThat(refused.errorMessage())
        .contains("nothing was changed")
        .contains("2 owned object(s) in database " + other);
    assertThat(refused.json().path("error").path("hint").asText())
        .contains("DROP OWNED BY \"" + role + "\"");
    assertThat(api.get("/v1/tenants/" + logical).json().get("status").asText()).isEqualTo("active");
    assertThat(AdminFixture.scalar(server, DATABASE_EXISTS, logical)).isEqualTo("1");
    assertThat(AdminFixture.scalar(server, CAN_LOGIN, role)).isEqualTo("t");

    superuser(other, "DROP OWNED BY \"" + role + "\"");
    assertThat(api.delete("/v1/tenants/" + logical + "?hard=true").status()).isEqualTo(204);
    assertGone(logical);
  }

  @Test
  void aDeleteThatStoppedHalfWayIsLeftOutOfSettingsAndFinishedByTheNext() throws SQLException {
    String logical = createTenant("halfway");
    String role = logical + "__rt";
    // PostgreSQL refuses to drop a template database: the drop fails after the delete started.
    superuser(server.maintenanceDatabase(), "ALTER DATABASE \"" + logical + "\" IS_TEMPLATE true");

    Api.Reply stopped = api.delete("/v1/tenants/" + logical + "?hard=true");

    assertThat(stopped.status()).isGreaterThanOrEqualTo(400);
    assertThat(stopped.errorMessage()).contains("stopped half-way");
    assertThat(stopped.json().path("error").path("hint").asText()).contains("--hard again");
    assertThat(api.get("/v1/tenants/" + logical).json().get("status").asText())
        .isEqualTo("deleted");
    assertThat(AdminFixture.scalar(server, CAN_LOGIN, role)).isEqualTo("f");
    Api.Reply restore = api.post("/v1/tenants/" + logical + "/restore", Map.of());
    assertThat(restore.status()).isEqualTo(409);
    assertThat(restore.errorCode()).isEqualTo("tenant_dropping");
    Api.Reply settings =
        api.patch(
            "/v1/workspaces/" + blueprint + "_workspace/settings", Map.of("max_connections", 6));
    assertThat(settings.status()).as(settings.body()).isEqualTo(200);

    // What the role gains elsewhere meanwhile no longer stops the delete: the database is going.
    superuser(server.maintenanceDatabase(), "ALTER DATABASE \"" + logical + "\" IS_TEMPLATE false");
    superuser(
        other,
        "CREATE TABLE late (id int)",
        "ALTER TABLE late OWNER TO \"" + role + "\"",
        "GRANT SELECT ON late TO \"" + role + "\"");
    superuser(server.maintenanceDatabase(), "DROP DATABASE \"" + logical + "\"");

    assertThat(api.delete("/v1/tenants/" + logical + "?hard=true").status()).isEqualTo(204);
    assertGone(logical);
    try (Connection connection = server.connect(other);
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT to_regclass('late') IS NULL")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("DROP OWNED cleared the late table").isTrue();
    }
  }

  private static String createTenant(String name) {
    Api.Reply created = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return blueprint + "__" + name;
  }

  private static void assertGone(String logical) throws SQLException {
    assertThat(api.get("/v1/tenants/" + logical).status()).isEqualTo(404);
    assertThat(AdminFixture.scalar(server, DATABASE_EXISTS, logical)).isEqualTo("0");
    assertThat(AdminFixture.scalar(server, ROLE_EXISTS, logical + "__rt")).isEqualTo("0");
  }

  private static void superuser(String database, String... statements) throws SQLException {
    try (Connection connection = server.connect(database);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
