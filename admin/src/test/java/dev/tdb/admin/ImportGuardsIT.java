/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.sources.SourcePolicy;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Imports make the admin host connect to a database the caller names, so they are an admin's right,
 * reach only hosts the operator listed, answer every failed connection alike, and are rate-limited
 * per account: otherwise any account could forge requests from the admin host, scan its ports and
 * guess passwords.
 */
@ExtendWith(PostgresExtension.class)
final class ImportGuardsIT {
  private static AdminFixture fixture;
  private static TestPostgres server;
  private static String workspace;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 50).status())
        .isEqualTo(201);
    workspace = new Blueprints(fixture, fixture.adminApi()).create("guard") + "_workspace";
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void refusesMemberAccountsEveryWayASourceIsNamed() {
    Api member = Api.basic(fixture.uri(), fixture.newAccount());
    String own = new Blueprints(fixture, member).create("member") + "_workspace";
    for (Api.Reply refused :
        List.of(
            member.post("/v1/workspaces/" + own + "/import-analysis", source(server.port())),
            member.post("/v1/workspaces/" + own + "/imports", source(server.port())),
            member.post(
                "/v1/workspaces/" + own + "/schema",
                Map.of("database", "postgresql://u:p@" + server.host() + ":1/d")))) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.errorCode()).isEqualTo("admin_required");
      assertThat(refused.json().path("error").path("hint").asText()).isNotBlank();
    }
    Api.Reply template =
        member.post("/v1/workspaces/" + own + "/schema", Map.of("template", "blog"));
    assertThat(template.status()).as(template.body()).isEqualTo(200);
  }

  @Test
  void connectsOnlyToHostsTheOperatorListed() {
    for (String host : List.of("169.254.169.254", "10.255.255.1", "metadata.google.internal")) {
      Map<String, Object> body = new HashMap<>(source(5432));
      body.put("host", host);
      long started = System.nanoTime();
      Api.Reply refused = fixture.adminApi().post(analysis(), body);
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.errorCode()).isEqualTo("source_host_not_allowed");
      assertThat(refused.errorMessage()).contains(host);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
    Api.Reply schema =
        fixture
            .adminApi()
            .post(
                "/v1/workspaces/" + workspace + "/schema",
                Map.of("database", "postgresql://u:p@169.254.169.254/d"));
    assertThat(schema.errorCode()).isEqualTo("source_host_not_allowed");

    try (AdminServer closed =
        AdminServer.start(fixture.config.toBuilder().sourcePolicy(SourcePolicy.closed()).build())) {
      Api.Reply off = Api.basic(closed.baseUri(), fixture.admin).post(analysis(), source(1));
      assertThat(off.status()).isEqualTo(403);
      assertThat(off.errorCode()).isEqualTo("source_host_not_allowed");
      assertThat(off.json().path("error").path("hint").asText())
          .contains("imports from a database are off");
    }
  }

  @Test
  void answersEveryFailedConnectionAlike() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Map<String, Map<String, Object>> cases = new HashMap<>();
    cases.put("closed port", source("127.0.0.1", closedPort, "postgres", "nobody", "x"));
    cases.put(
        "not PostgreSQL", source("127.0.0.1", fixture.server.port(), "postgres", "nobody", "x"));
    cases.put(
        "wrong password",
        source(
            server.host(), server.port(), server.maintenanceDatabase(), server.superuser(), "x"));
    cases.put(
        "no such database",
        source(server.host(), server.port(), "nope", server.superuser(), server.password()));
    cases.put(
        "no such user",
        source(server.host(), server.port(), server.maintenanceDatabase(), "nobody", "x"));
    for (Map.Entry<String, Map<String, Object>> each : cases.entrySet()) {
      Map<String, Object> body = each.getValue();
      Api.Reply failed = fixture.adminApi().post(analysis(), body);
      assertThat(failed.status()).as(each.getKey() + ": " + failed.body()).isEqualTo(422);
      assertThat(failed.errorCode()).as(each.getKey()).isEqualTo("source_connect_failed");
      assertThat(failed.errorMessage())
          .as(each.getKey())
          .isEqualTo(
              "the source database "
                  + body.get("host")
                  + ":"
                  + body.get("port")
                  + "/"
                  + body.get("database")
                  + " could not be reached or refused the login");
      assertThat(failed.json().path("error").path("hint").asText())
          .isEqualTo(
              "check the host, port, database, user and password of the source; the admin"
                  + " service's log has the server's answer");
    }
  }

  @Test
  void limitsHowOftenOneAccountAsks() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SourcePolicy twice = SourcePolicy.loopback().withRate(2, Duration.ofHours(1));
    try (AdminServer limited =
        AdminServer.start(fixture.config.toBuilder().sourcePolicy(twice).build())) {
      Api api = Api.basic(limited.baseUri(), fixture.admin);
      Map<String, Object> body = source("127.0.0.1", closedPort, "postgres", "nobody", "x");
      assertThat(api.post(analysis(), body).errorCode()).isEqualTo("source_connect_failed");
      assertThat(api.post(analysis(), body).errorCode()).isEqualTo("source_connect_failed");

      Api.Reply limitedReply = api.post(analysis(), body);
      assertThat(limitedReply.status()).as(limitedReply.body()).isEqualTo(429);
      assertThat(limitedReply.errorCode()).isEqualTo("source_rate_limited");
      assertThat(Long.parseLong(limitedReply.header("Retry-After"))).isBetween(1L, 3600L);
      Api.Reply imports = api.post("/v1/workspaces/" + workspace + "/imports", body);
      assertThat(imports.status()).isEqualTo(429);

      AccountCredentials other = limited.inProcess().createAccount();
      Api.Reply otherAccount = Api.basic(limited.baseUri(), other).post(analysis(), body);
      assertThat(otherAccount.status())
          .as("another account has its own allowance")
          .isNotEqualTo(429);
    }
  }

  private static String analysis() {
    return "/v1/workspaces/" + workspace + "/import-analysis";
  }

  private static Map<String, Object> source(int port) {
    return source(server.host(), port, server.maintenanceDatabase(), server.superuser(), "x");
  }

  private static Map<String, Object> source(
      String host, int port, String database, String user, String password) {
    return Map.of(
        "host", host, "port", port, "database", database, "user", user, "password", password);
  }
}
