/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.security.RandomTokens;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.Server;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures half-way leave no database, role or metadata behind, and a retry succeeds. */
@ExtendWith(PostgresExtension.class)
final class CompensationIT {
  private static AdminFixture fixture;
  private static TestPostgres two;
  private static Api api;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres, @Server("second") TestPostgres second)
      throws SQLException {
    fixture = AdminFixture.start(postgres);
    two = second;
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    fixture.registerCluster(fixture.prefix + "-two", second, 100);
    api = Api.basic(fixture.uri(), fixture.newAccount());
    blueprint = fixture.blueprint("comp");
    Api.Reply workspace =
        api.post(
            "/v1/workspaces",
            Map.of(
                "name", blueprint + "_workspace",
                "mode", "workspace",
                "cluster", fixture.prefix + "-one"));
    assertThat(workspace.status()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.cleanUp(two);
    fixture.close();
  }

  @Test
  void refusesToRegisterAServerThatDoesNotAnswer() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Api.Reply reply =
        fixture
            .adminApi()
            .post(
                "/v1/clusters",
                Map.of(
                    "name", fixture.prefix + "-down",
                    "host", "127.0.0.1",
                    "port", closedPort,
                    "superuser", "postgres",
                    "password", "secret-that-must-not-leak",
                    "ssl_mode", "disable"));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.errorCode()).isEqualTo("cluster_unavailable");
    assertThat(reply.body()).doesNotContain("secret-that-must-not-leak");
    assertThat(fixture.adminApi().get("/v1/clusters/" + fixture.prefix + "-down").status())
        .isEqualTo(404);
  }

  @Test
  void undoesATenantWhoseDatabaseCannotBeCreatedAndSucceedsOnRetry() throws SQLException {
    String logical = blueprint + "__clash";
    try (Connection connection = two.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + logical + "\"");
    }
    Api.Reply refused = createTenant("clash", fixture.prefix + "-two");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("exists_on_cluster");
    // The runtime role and the owner role made by this attempt are gone; the foreign database
    // that made it fail is left alone.
    assertThat(fixture.roles(two)).doesNotContain(blueprint + "__clash__rt", blueprint + "__owner");
    assertThat(fixture.databases(two)).contains(logical);
    assertThat(api.get("/v1/tenants/" + logical).status()).isEqualTo(404);
    assertThat(api.get("/v1/routing/" + logical).status()).isEqualTo(404);
    assertThat(
            fixture
                .adminApi()
                .get("/v1/clusters/" + fixture.prefix + "-two")
                .json()
                .get("tenant_count")
                .asInt())
        .isZero();

    two.dropDatabase(logical);
    Api.Reply retried = createTenant("clash", fixture.prefix + "-two");
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(fixture.roles(two)).contains(blueprint + "__clash__rt", blueprint + "__owner");
  }

  @Test
  void leavesNothingWhenAClusterBecomesUnreachableAndRetriesCleanly() throws SQLException {
    String flaky = fixture.blueprint("flaky");
    Api.Reply workspace =
        api.post(
            "/v1/workspaces",
            Map.of(
                "name",
                flaky + "_workspace",
                "mode",
                "workspace",
                "cluster",
                fixture.prefix + "-one"));
    assertThat(workspace.status()).isEqualTo(201);
    String superuser = fixture.prefix + "_su";
    String password = RandomTokens.base64Url(18);
    superuserCommand(
        "CREATE ROLE \"" + superuser + "\" SUPERUSER LOGIN PASSWORD '" + password + "'");
    String cluster = fixture.prefix + "-flaky";
    Api.Reply registered =
        fixture
            .adminApi()
            .post(
                "/v1/clusters",
                Map.of(
                    "name",
                    cluster,
                    "host",
                    two.host(),
                    "port",
                    two.port(),
                    "superuser",
                    superuser,
                    "password",
                    password,
                    "ssl_mode",
                    "disable"));
    assertThat(registered.status()).isEqualTo(201);

    cutOff(superuser);
    Api.Reply refused = createTenant(flaky, "one", cluster);
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.errorCode()).isEqualTo("cluster_unavailable");
    assertThat(refused.body()).doesNotContain(password);
    assertThat(fixture.databases(two)).doesNotContain(flaky + "__one");
    assertThat(fixture.roles(two)).doesNotContain(flaky + "__one__rt");
    assertThat(api.get("/v1/tenants/" + flaky + "__one").status()).isEqualTo(404);

    superuserCommand("ALTER ROLE \"" + superuser + "\" LOGIN");
    assertThat(createTenant(flaky, "one", cluster).status()).isEqualTo(201);

    cutOff(superuser);
    String settings = "/v1/workspaces/" + flaky + "_workspace/settings";
    Api.Reply unchanged = api.patch(settings, Map.of("query_timeout_ms", 1234));
    assertThat(unchanged.status()).isEqualTo(503);
    assertThat(api.get(settings).json().get("query_timeout_ms").asLong()).isEqualTo(30000);
    assertThat(
            AdminFixture.scalar(
                fixture.postgres,
                "SELECT array_to_string(rolconfig, ',') FROM pg_roles WHERE rolname = ?",
                flaky + "_workspace__rt"))
        .isEqualTo(
            "statement_timeout=30000,idle_in_transaction_session_timeout=60000,work_mem=4096kB,"
                + "temp_file_limit=1048576kB,standard_conforming_strings=on");
    superuserCommand("ALTER ROLE \"" + superuser + "\" LOGIN");
    assertThat(api.patch(settings, Map.of("query_timeout_ms", 1234)).status()).isEqualTo(200);
  }

  private static Api.Reply createTenant(String name, String cluster) {
    return createTenant(blueprint, name, cluster);
  }

  private static Api.Reply createTenant(String blueprint, String name, String cluster) {
    return api.post(
        "/v1/tenants", Map.of("blueprint", blueprint, "name", name, "cluster", cluster));
  }

  /** The role can no longer log in, and its open sessions (pooled ones too) end. */
  private static void cutOff(String role) throws SQLException {
    superuserCommand("ALTER ROLE \"" + role + "\" NOLOGIN");
    superuserCommand(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
  }

  private static void superuserCommand(String sql) throws SQLException {
    try (Connection connection = two.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
