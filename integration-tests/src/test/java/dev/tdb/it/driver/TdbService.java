/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.AdminServer;
import dev.tdb.admin.TestAdmin;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * A tdb installation for driver tests: the real admin service on the test PostgreSQL, registered as
 * its cluster, and one account whose workspaces and tenants the tests create. Applications reach it
 * only through {@code jdbc:tdb:} URLs with that account's credentials, as a user would. Names carry
 * a prefix unique to one instance, because databases and roles live on a shared server.
 */
final class TdbService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestPostgres postgres;
  private final TestAdmin base;
  private final String prefix;
  private final AccountCredentials account;
  private final int port;
  private AdminServer admin;

  private TdbService(TestPostgres postgres, TestAdmin base) {
    this.postgres = postgres;
    this.base = base;
    this.prefix = base.prefix();
    this.account = base.account();
    this.admin = base.server();
    this.port = admin.port();
    base.registerCluster("primary", "disable");
  }

  /** An admin service on a new metadata database of {@code postgres}, on a free port. */
  static TdbService start(TestPostgres postgres) throws SQLException {
    return new TdbService(postgres, TestAdmin.start(postgres, 'd', UnaryOperator.identity()));
  }

  /** Starts the admin service (again) on its port, with the same metadata database and key. */
  void startAdmin() {
    base.restart();
    admin = base.server();
  }

  /** Stops the admin service; databases and what applications cached stay. */
  void stopAdmin() {
    base.stop();
  }

  /** Creates workspace {@code <blueprint>_workspace} and returns the blueprint's name. */
  String createBlueprint(String hint) {
    String blueprint = prefix + hint;
    admin
        .inProcess()
        .createWorkspace(account.user(), blueprint + "_workspace", ConnectionMode.WORKSPACE);
    return blueprint;
  }

  /** Creates control workspace {@code <prefix><hint>_workspace} and returns its logical name. */
  String createControlWorkspace(String hint) {
    String name = prefix + hint + "_workspace";
    admin.inProcess().createWorkspace(account.user(), name, ConnectionMode.CONTROL);
    return name;
  }

  /**
   * Creates tenant {@code <blueprint>__<tenant>} and runs {@code schema} in its database as the
   * blueprint's owner role, as a deployment does; returns the logical name.
   */
  String createTenant(String blueprint, String tenant, String... schema) throws SQLException {
    admin.inProcess().createTenant(account.user(), blueprint, tenant);
    String logicalName = blueprint + "__" + tenant;
    try (Connection connection = postgres.connect(logicalName);
        Statement statement = connection.createStatement()) {
      statement.execute("SET ROLE " + blueprint + "__owner");
      for (String sql : schema) {
        statement.execute(sql);
      }
    }
    return logicalName;
  }

  /** Changes the settings of the blueprint's workspace, and so of all its tenants. */
  void updateSettings(String blueprint, Map<String, ?> changes) {
    admin.inProcess().updateSettings(account.user(), blueprint + "_workspace", changes);
  }

  /**
   * The blueprint's versions through the REST API ({@code GET /v1/blueprints/{name}/versions}),
   * oldest first.
   */
  List<JsonNode> blueprintVersions(String blueprint) {
    String body = call("GET", "/v1/blueprints/" + blueprint + "/versions", null);
    try {
      List<JsonNode> versions = new ArrayList<>();
      JSON.readTree(body).get("items").forEach(versions::add);
      return versions;
    } catch (IOException e) {
      throw new IllegalStateException("versions of " + blueprint + ": " + body, e);
    }
  }

  /**
   * Deploys the blueprint's newest version to all its tenants through the REST API ({@code POST
   * /v1/deployments}) and returns the deployment once it no longer runs.
   */
  JsonNode deployToAll(String blueprint) {
    String created = call("POST", "/v1/deployments", Map.of("blueprint", blueprint, "all", true));
    String path = "/v1/deployments/" + json(created).get("id").asLong();
    return await(path + " finished")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> json(call("GET", path, null)),
            deployment -> !deployment.get("status").asText().equals("running"));
  }

  /** Suspends a tenant through the REST API. */
  void suspend(String logicalName) {
    call("POST", "/v1/tenants/" + logicalName + "/suspend", Map.of());
  }

  /** Soft-deletes a tenant through the REST API. */
  void delete(String logicalName) {
    call("DELETE", "/v1/tenants/" + logicalName, null);
  }

  /** The {@code jdbc:tdb:} URL of {@code logicalName} with the account's credentials. */
  String url(String logicalName) {
    return urlWithoutCredentials(logicalName)
        + "?user="
        + account.user()
        + "&password="
        + account.secret();
  }

  /** The {@code jdbc:tdb:} URL of {@code logicalName} without credentials. */
  String urlWithoutCredentials(String logicalName) {
    return adminUrl() + "/" + logicalName;
  }

  /** The admin service as {@code jdbc:tdb://127.0.0.1:PORT}. */
  String adminUrl() {
    return "jdbc:tdb://127.0.0.1:" + port;
  }

  /** The account's credentials as {@code user} and {@code password} properties. */
  Properties credentials() {
    Properties properties = new Properties();
    properties.setProperty("user", account.user());
    properties.setProperty("password", account.secret());
    return properties;
  }

  /** The account user. */
  String user() {
    return account.user();
  }

  /** A superuser connection to the physical database of {@code logicalName}, to check results. */
  Connection superuser(String logicalName) throws SQLException {
    return postgres.connect(logicalName);
  }

  /**
   * Connects to {@code logicalName} until a connect fails with {@code sqlState}, for at most 20
   * seconds (four routing refresh periods), and returns that failure.
   */
  SQLException awaitConnectFailure(String logicalName, String sqlState) {
    String url = url(logicalName) + "&routingRefreshMs=200";
    return await("a connect to " + logicalName + " failing with " + sqlState)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> connectFailure(url), e -> e != null && sqlState.equals(e.getSQLState()));
  }

  /** The failure of a connect to {@code url}, or null when it connects. */
  private static SQLException connectFailure(String url) {
    try {
      DriverManager.getConnection(url).close();
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  /** Stops the admin service and drops its metadata and every database and role it made. */
  @Override
  public void close() throws SQLException {
    base.close();
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  private String call(String method, String path, Object body) {
    AdminApiClient admin =
        AdminApiClient.create(
            URI.create("http://127.0.0.1:" + port),
            AdminApiClient.basic(account.user(), account.secret()),
            Optional.empty(),
            AdminApiClient.Timeouts.of(Duration.ofMinutes(2)));
    try {
      AdminApiResponse response = admin.exchange(AdminApiCall.of(method, path, body));
      if (response.status() >= 300) {
        throw new IllegalStateException(method + " " + path + ": " + response.text());
      }
      return response.text();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path, e);
    }
  }
}
