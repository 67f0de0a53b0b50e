/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Data-plane credentials through the real proxy and the real driver, with pgjdbc: what they reach,
 * read-only sessions, rotation and revocation (live sessions included).
 */
@ExtendWith(PostgresExtension.class)
final class ProxyCredentialsIT {
  /** Short, so that revocation and expiry reach live sessions within a test's patience. */
  private static final Duration VERIFIER_TTL = Duration.ofMillis(200);

  /** The bound docs/security.md promises: two verifier_ttl and an admin round trip. */
  private static final Duration BOUND = VERIFIER_TTL.multipliedBy(2).plusSeconds(5);

  // Long enough for the proxy to learn the new secret while PostgreSQL still takes the old login.
  private static final Duration OVERLAP = Duration.ofSeconds(8);
  private static final String LOGIN_ROLE = "tdbc_[0-9a-f]{12}_[0-9]+";

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ProxyService service;
  private static String blueprint;
  private static String otherTenant;

  /** A user and secret, as issued. */
  private record Login(String id, String user, String secret) {}

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    ProxyConfig.AdminCache brief =
        new ProxyConfig.AdminCache(VERIFIER_TTL, VERIFIER_TTL, Duration.ofMinutes(5));
    service = ProxyService.start(postgres, c -> c.toBuilder().adminCache(brief).build());
    blueprint = service.tenant().substring(0, service.tenant().indexOf("__"));
    String other = blueprint + "x";
    assertThat(
            post("/v1/workspaces", Map.of("name", other + "_workspace", "mode", "workspace"))
                .get("name")
                .asText())
        .isEqualTo(other + "_workspace");
    post("/v1/tenants", Map.of("blueprint", other, "name", "acme"));
    otherTenant = other + "__acme";
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void reachesItsBlueprintsTenantAndNothingElse() throws Exception {
    Login app = issue(Map.of("blueprint", blueprint));
    try (Connection c = connect(service.tenant(), app.user(), app.secret());
        Statement s = c.createStatement()) {
      // The credential's own login role, a member of the tenant's runtime role.
      assertThat(one(s, "SELECT current_user")).matches(LOGIN_ROLE);
      assertThat(one(s, "SELECT pg_has_role('" + service.tenant() + "__rt', 'USAGE')"))
          .isEqualTo("t");
      s.execute("INSERT INTO note VALUES (100, 'from the app')");
    }
    for (String refused : List.of(service.workspace(), service.control(), otherTenant)) {
      assertThatThrownBy(() -> connect(refused, app.user(), app.secret()).close())
          .as(refused)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3D000"));
    }
    AdminApiResponse admin =
        send("GET", "/v1/tenants", null, AdminApiClient.basic(app.user(), app.secret()));
    assertThat(admin.status()).isEqualTo(403);
    assertThat(JSON.readTree(admin.body()).get("error").get("code").asText())
        .isEqualTo("credential_not_allowed");
  }

  @Test
  void theDriverReachesOnlyTheCredentialsTenants() throws Exception {
    Login app = issue(Map.of("blueprint", blueprint));
    String base = "jdbc:tdb://127.0.0.1:" + service.adminUri().getPort() + "/";
    String credentials = "?user=" + app.user() + "&password=" + app.secret();
    try (Connection c = DriverManager.getConnection(base + service.tenant() + credentials);
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT current_user")).matches(LOGIN_ROLE);
    }
    for (String refused : List.of(service.workspace(), service.control(), otherTenant)) {
      assertThatThrownBy(() -> DriverManager.getConnection(base + refused + credentials).close())
          .as(refused)
          .isInstanceOf(SQLException.class);
    }
    Connection held = DriverManager.getConnection(base + service.tenant() + credentials);
    assertThat(send("DELETE", "/v1/credentials/" + app.id(), null, owner()).status())
        .isEqualTo(204);
    // The driver's session is PostgreSQL's own; the revocation terminated it there.
    try (Statement s = held.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT 1")).isInstanceOf(SQLException.class);
    } finally {
      held.close();
    }
    // The driver's cached route is revalidated after its refresh interval (5 s by default); the
    // admin service's 401 then drops it, and the next connect is refused.
    SQLException refused =
        await("the driver refusing the revoked credential")
            .atMost(Duration.ofSeconds(15))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> refusal(base + service.tenant() + credentials), e -> e != null);
    assertThat(refused.getMessage()).contains("authentication failed");
  }

  @Test
  void readOnlySessionsCannotWriteWhateverTheyTurnOff() throws Exception {
    Login app = issue(Map.of("blueprint", blueprint, "read_only", true));
    try (Connection c = connect(service.tenant(), app.user(), app.secret());
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT current_user")).matches(LOGIN_ROLE);
      assertThat(one(s, "SELECT pg_has_role('" + service.tenant() + "__rt', 'USAGE')"))
          .isEqualTo("f");
      assertThat(one(s, "SELECT count(*) >= 0 FROM note")).isEqualTo("t");
      assertState(s, "INSERT INTO note VALUES (1, 'x')", "25006");
      assertState(s, "BEGIN READ WRITE; INSERT INTO note VALUES (1, 'x')", "42501");
      s.execute("ROLLBACK");
      assertState(s, "SET transaction_read_only = off; INSERT INTO note VALUES (1, 'x')", "42501");
      s.execute("SELECT set_config('default_transaction_read_only', 'off', false)");
      assertState(s, "DELETE FROM note", "42501");
      s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
      assertState(s, "UPDATE note SET body = 'y'", "42501");
      assertState(s, "SELECT nextval('item_id_seq')", "42501");
    }
    try (Connection c = service.superuser(service.tenant());
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT count(*) FROM note WHERE id = 1 OR body = 'y'")).isEqualTo("0");
    }
  }

  @Test
  void rotationKeepsBothSecretsForTheOverlapThenEndsTheOldOnesSessions() throws Exception {
    Login first = issue(Map.of("blueprint", blueprint));
    Connection live = connect(service.tenant(), first.user(), first.secret());
    JsonNode rotated =
        post(
            "/v1/credentials/" + first.id() + "/rotate",
            Map.of("overlap_seconds", OVERLAP.toSeconds()));
    Login second = new Login(first.id(), first.user(), rotated.get("secret").asText());
    // The proxy learns the new secret once its cached verifiers are revalidated (verifier_ttl).
    awaitLogin(second, BOUND);
    connect(service.tenant(), first.user(), first.secret()).close();

    awaitEnded(live, "revoked or its secret expired", OVERLAP.plus(BOUND));
    assertThatThrownBy(() -> connect(service.tenant(), first.user(), first.secret()).close())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    try (Connection c = connect(service.tenant(), second.user(), second.secret());
        Statement s = c.createStatement()) {
      assertThat(one(s, "SELECT 1")).isEqualTo("1");
    }
  }

  @Test
  void revocationEndsLiveSessionsAndNewLogins() throws Exception {
    Login app = issue(Map.of("blueprint", blueprint));
    Connection live = connect(service.tenant(), app.user(), app.secret());
    assertThat(send("DELETE", "/v1/credentials/" + app.id(), null, owner()).status())
        .isEqualTo(204);
    awaitEnded(live, "revoked or its secret expired", BOUND);
    assertThatThrownBy(() -> connect(service.tenant(), app.user(), app.secret()).close())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
  }

  /** Polls until the proxy accepts {@code login}; at most {@code bound}. */
  private static void awaitLogin(Login login, Duration bound) throws SQLException {
    await(login.user() + " logging in")
        .atMost(bound)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> logsIn(login));
  }

  /** Whether {@code login} logs in through the proxy; false while refused with 28P01. */
  private static boolean logsIn(Login login) throws SQLException {
    try {
      connect(service.tenant(), login.user(), login.secret()).close();
      return true;
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isEqualTo("28P01");
      return false;
    }
  }

  /** What connecting to {@code url} is refused with, or null when it connects. */
  private static SQLException refusal(String url) {
    try {
      DriverManager.getConnection(url).close();
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  /**
   * Polls {@code live} with a query until it ended: by the proxy (FATAL 28000) or, as the admin
   * service terminates the credential login's server sessions, by PostgreSQL (57P01); at most
   * {@code bound}.
   */
  private static void awaitEnded(Connection live, String message, Duration bound) {
    SQLException ended =
        await("the session ended")
            .atMost(bound)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> queryFailure(live), e -> e != null);
    if (!"57P01".equals(ended.getSQLState())) {
      assertThat(ended.getSQLState()).isEqualTo("28000");
      assertThat(ended.getMessage()).contains(message);
    }
  }

  /** What a query on {@code live} fails with, or null when it is answered. */
  private static SQLException queryFailure(Connection live) {
    try (Statement s = live.createStatement()) {
      s.execute("SELECT 1");
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  private static Login issue(Map<String, ?> request) throws IOException {
    JsonNode reply = post("/v1/credentials", request);
    JsonNode credential = reply.get("credential");
    return new Login(
        credential.get("id").asText(),
        credential.get("user").asText(),
        reply.get("secret").asText());
  }

  private static Connection connect(String logical, String user, String password)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("sslmode", "require");
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + service.port() + "/" + logical, properties);
  }

  private static String one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void assertState(Statement s, String sql, String state) {
    assertThatThrownBy(() -> s.execute(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
  }

  private static JsonNode post(String path, Map<String, ?> body) throws IOException {
    AdminApiResponse reply = send("POST", path, body, owner());
    assertThat(reply.status()).as(reply.text()).isBetween(200, 201);
    return JSON.readTree(reply.body());
  }

  private static String owner() {
    return AdminApiClient.basic(service.user(), service.secret());
  }

  private static AdminApiResponse send(
      String method, String path, Object body, String authorization) throws IOException {
    return AdminApiClient.create(
            service.adminUri(),
            authorization,
            Optional.empty(),
            AdminApiClient.Timeouts.of(Duration.ofMinutes(2)))
        .exchange(AdminApiCall.of(method, path, body));
  }
}
