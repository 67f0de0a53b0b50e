/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The statement statistics' endpoints: only an admin (the proxy) adds windows, windows of one
 * bucket merge, only the tenant's owner reads the top statements and hourly figures (not a
 * routing-scoped key), and expired buckets are deleted.
 */
@ExtendWith(PostgresExtension.class)
final class StatementStatsEndpointsIT {
  private static AdminFixture fixture;
  private static AccountCredentials owner;
  private static AccountCredentials stranger;
  private static String tenant;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    fixture.registerCluster(fixture.prefix + "-one", postgres, 100);
    owner = fixture.newAccount();
    stranger = fixture.newAccount();
    tenant = fixture.createTenant(owner, "st", "acme");
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void mergesWindowsAndAnswersTheOwnerOnly() {
    Instant now = Instant.now();
    String first =
        report(
            now,
            statement(11, "SELECT * FROM t WHERE id = $1", 10, 10, 25.0, 9.0, "{}"),
            statement(22, "UPDATE t SET a = $1", 2, 2, 400.0, 300.0, "{\"40P01\":1}"));
    String second =
        report(
            now,
            statement(11, "SELECT * FROM t WHERE id = $1", 5, 4, 5.0, 2.0, "{\"22P02\":1}"),
            statement(-5, "SELECT pg_sleep($1)", 1, 1, 2000.0, 2000.0, "{}"));
    assertThat(Api.basic(fixture.uri(), owner).sendRaw("POST", STATS, first).status())
        .isEqualTo(403);
    assertThat(fixture.adminApi().sendRaw("POST", STATS, first).status()).isEqualTo(204);
    assertThat(fixture.adminApi().sendRaw("POST", STATS, second).status()).isEqualTo(204);

    Api api = Api.basic(fixture.uri(), owner);
    JsonNode byTotal = api.get(top("")).json().path("items");
    assertThat(queries(byTotal))
        .containsExactly(
            "SELECT pg_sleep($1)", "UPDATE t SET a = $1", "SELECT * FROM t WHERE id = $1");
    JsonNode select = byTotal.get(2);
    assertThat(select.path("calls").asLong()).isEqualTo(15);
    assertThat(select.path("rows").asLong()).isEqualTo(14);
    assertThat(select.path("total_ms").asDouble()).isEqualTo(30.0);
    assertThat(select.path("mean_ms").asDouble()).isEqualTo(2.0);
    assertThat(select.path("max_ms").asDouble()).isEqualTo(9.0);
    assertThat(select.path("errors").asLong()).isEqualTo(1);
    assertThat(select.path("errors_by_sqlstate").path("22P02").asLong()).isEqualTo(1);
    assertThat(select.path("fingerprint").asText()).isEqualTo("000000000000000b");
    assertThat(byTotal.get(0).path("fingerprint").asText()).isEqualTo("fffffffffffffffb");

    assertThat(queries(api.get(top("&by=calls")).json().path("items")).get(0))
        .isEqualTo("SELECT * FROM t WHERE id = $1");
    assertThat(queries(api.get(top("&by=mean&limit=1")).json().path("items")))
        .containsExactly("SELECT pg_sleep($1)");
    assertThat(queries(api.get(top("&by=errors&limit=2")).json().path("items")))
        .containsExactlyInAnyOrder("UPDATE t SET a = $1", "SELECT * FROM t WHERE id = $1");

    long calls = 0;
    long errors = 0;
    for (JsonNode hour : api.get("/v1/tenants/" + tenant + "/metrics").json().path("items")) {
      calls += hour.path("queries").asLong();
      errors += hour.path("errors").asLong();
    }
    assertThat(calls).isEqualTo(18);
    assertThat(errors).isEqualTo(2);

    assertThat(Api.basic(fixture.uri(), stranger).get(top("")).status()).isEqualTo(404);
    Api.Reply badBy = api.get(top("&by=rows"));
    assertThat(badBy.status()).isEqualTo(400);
    assertThat(badBy.errorMessage()).contains("total, calls, mean or errors");
  }

  @Test
  void aRoutingScopedKeyCannotReadStatistics() {
    Api.Reply created =
        Api.basic(fixture.uri(), owner)
            .post("/v1/apikeys", Map.of("name", "proxy", "scope", "routing"));
    assertThat(created.status()).isEqualTo(201);
    Api.Reply refused = Api.bearer(fixture.uri(), created.json().get("key").asText()).get(top(""));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.errorCode()).isEqualTo("scope_insufficient");
  }

  @Test
  void deletesBucketsOlderThanTheRetention() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(8));
    String expired = report(old, statement(33, "SELECT $1 AS expired", 1, 1, 1, 1, "{}"));
    assertThat(fixture.adminApi().sendRaw("POST", STATS, expired).status()).isEqualTo(204);
    Api api = Api.basic(fixture.uri(), owner);
    String path = "/v1/tenants/" + tenant + "/statements?since=30d&limit=1000";
    assertThat(queries(api.get(path).json().path("items"))).contains("SELECT $1 AS expired");

    // A starting server deletes what has expired, as it then does every hour.
    try (AdminServer restarted = fixture.startAnother()) {
      await("the expired statistics deleted")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> queries(api.get(path).json().path("items")),
              left -> !left.contains("SELECT $1 AS expired"));
    }
  }

  private static final String STATS = "/v1/proxy/statement-stats";

  private static String top(String parameters) {
    return "/v1/tenants/" + tenant + "/statements?since=1h" + parameters;
  }

  private static String report(Instant start, String... statements) {
    return "{\"window_start\":\""
        + start
        + "\",\"window_end\":\""
        + start.plusSeconds(5)
        + "\",\"statements\":["
        + String.join(",", statements)
        + "]}";
  }

  private static String statement(
      long fingerprint,
      String query,
      long calls,
      long rows,
      double totalMs,
      double maxMs,
      String errors) {
    return "{\"database\":\""
        + tenant
        + "\",\"fingerprint\":"
        + fingerprint
        + ",\"query\":\""
        + query
        + "\",\"calls\":"
        + calls
        + ",\"rows\":"
        + rows
        + ",\"total_ms\":"
        + totalMs
        + ",\"max_ms\":"
        + maxMs
        + ",\"errors\":"
        + errors
        + "}";
  }

  private static List<String> queries(JsonNode items) {
    List<String> queries = new ArrayList<>();
    items.forEach(item -> queries.add(item.path("query").asText()));
    return queries;
  }
}
