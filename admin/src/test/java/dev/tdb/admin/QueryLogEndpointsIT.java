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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query log's endpoints: only an admin (the proxy) sends events, only the tenant's owner reads
 * them, filters answer what was sent, and expired events are deleted. Hourly figures come from the
 * statement statistics ({@link StatementStatsEndpointsIT}).
 */
@ExtendWith(PostgresExtension.class)
final class QueryLogEndpointsIT {
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
    tenant = fixture.createTenant(owner, "ql", "acme");
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void storesWhatTheProxySendsForTheOwnerOnly() {
    Instant now = Instant.now();
    String batch =
        "["
            + event(now, "SELECT 1", 2.5, "1", "null")
            + ","
            + event(now, "CREATE TABLE t (id int)", 0, "null", "\"42501\"")
            + ","
            + event(now, "SELECT pg_sleep(2)", 2001.25, "1", "null")
            + "]";
    Api.Reply refused =
        Api.basic(fixture.uri(), owner).sendRaw("POST", "/v1/proxy/query-events", batch);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(fixture.adminApi().sendRaw("POST", "/v1/proxy/query-events", batch).status())
        .isEqualTo(204);

    Api api = Api.basic(fixture.uri(), owner);
    assertThat(sqls(api.get("/v1/tenants/" + tenant + "/logs").json()))
        .containsExactlyInAnyOrder("SELECT 1", "CREATE TABLE t (id int)", "SELECT pg_sleep(2)");
    JsonNode errors = api.get("/v1/tenants/" + tenant + "/logs?type=error").json();
    assertThat(sqls(errors)).containsExactly("CREATE TABLE t (id int)");
    assertThat(errors.path("items").get(0).path("rows").isNull()).isTrue();
    assertThat(sqls(api.get("/v1/tenants/" + tenant + "/logs?type=slow").json()))
        .containsExactly("SELECT pg_sleep(2)");
    assertThat(sqls(api.get("/v1/tenants/" + tenant + "/logs?type=slow&slow_ms=2").json()))
        .containsExactlyInAnyOrder("SELECT 1", "SELECT pg_sleep(2)");

    assertThat(Api.basic(fixture.uri(), stranger).get("/v1/tenants/" + tenant + "/logs").status())
        .isEqualTo(404);
    Api.Reply badSince = api.get("/v1/tenants/" + tenant + "/logs?since=yesterday");
    assertThat(badSince.status()).isEqualTo(400);
    assertThat(badSince.errorMessage()).contains("since");
  }

  @Test
  void deletesEventsOlderThanTheRetention() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(8));
    String batch =
        "["
            + event(old, "SELECT 'expired'", 1, "1", "null")
            + ","
            + event(Instant.now(), "SELECT 'kept'", 1, "1", "null")
            + "]";
    assertThat(fixture.adminApi().sendRaw("POST", "/v1/proxy/query-events", batch).status())
        .isEqualTo(204);
    Api api = Api.basic(fixture.uri(), owner);
    String path = "/v1/tenants/" + tenant + "/logs?since=30d&limit=1000";
    assertThat(sqls(api.get(path).json())).contains("SELECT 'expired'", "SELECT 'kept'");

    // A starting server deletes what has expired, as it then does every hour.
    try (AdminServer restarted = fixture.startAnother()) {
      List<String> left =
          await("the expired events deleted")
              .atMost(Duration.ofSeconds(20))
              .pollInterval(Duration.ofMillis(100))
              .until(() -> sqls(api.get(path).json()), l -> !l.contains("SELECT 'expired'"));
      assertThat(left).contains("SELECT 'kept'");
    }
  }

  private static String event(Instant time, String sql, double ms, String rows, String sqlstate) {
    return "{\"time\":\""
        + time
        + "\",\"account\":\""
        + owner.user()
        + "\",\"database\":\""
        + tenant
        + "\",\"tenant\":\"acme\",\"kind\":\"READ\",\"duration_ms\":"
        + ms
        + ",\"rows\":"
        + rows
        + ",\"sqlstate\":"
        + sqlstate
        + ",\"client\":\"127.0.0.1\",\"sql\":\""
        + sql
        + "\"}";
  }

  private static List<String> sqls(JsonNode logs) {
    List<String> sqls = new ArrayList<>();
    logs.path("items").forEach(event -> sqls.add(event.path("sql").asText()));
    return sqls;
  }
}
