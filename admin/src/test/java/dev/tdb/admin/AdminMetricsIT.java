/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.testkit.MetricsScrape;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin service's {@code /metrics}, {@code /healthz} and {@code /readyz} with real requests:
 * the counters move by route template and status, the metadata gauges follow the tenants, no tenant
 * name leaks, and {@code /readyz} follows the metadata database.
 */
@ExtendWith(PostgresExtension.class)
final class AdminMetricsIT {

  @Test
  void requestsAndTenantsShowWithoutTenantNames(TestPostgres postgres) throws Exception {
    try (AdminFixture fixture = AdminFixture.start(postgres)) {
      URI metrics = fixture.uri().resolve("/metrics");
      MetricsScrape before = MetricsScrape.of(metrics);
      String cluster = fixture.prefix + "-one";
      String blueprint = fixture.blueprint("app");
      Api api = fixture.adminApi();

      assertThat(fixture.registerCluster(cluster, postgres, 10).status()).isEqualTo(201);
      assertThat(
              api.post(
                      "/v1/workspaces",
                      Map.of("name", blueprint + "_workspace", "mode", "workspace"))
                  .status())
          .isEqualTo(201);
      assertThat(api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "acme")).status())
          .isEqualTo(201);
      assertThat(api.get("/v1/tenants/" + blueprint + "__acme").status()).isEqualTo(200);
      assertThat(api.get("/v1/tenants/" + blueprint + "__nobody").status()).isEqualTo(404);
      assertThat(Api.anonymous(fixture.uri()).get("/v1/tenants").status()).isEqualTo(401);
      assertThat(api.get("/v1/no-such-route-acme").status()).isEqualTo(404);

      MetricsScrape after = MetricsScrape.of(metrics);
      String requests = "tdb_admin_http_requests_seconds_count";
      String tenant = "/v1/tenants/{logical}";
      assertThat(after.sum(requests, "route", tenant, "status", "200")).isEqualTo(1);
      assertThat(after.sum(requests, "route", tenant, "status", "404")).isEqualTo(1);
      assertThat(after.sum(requests, "route", "/v1/tenants", "status", "401")).isEqualTo(1);
      assertThat(after.sum(requests, "method", "POST", "route", "/v1/tenants", "status", "201"))
          .isEqualTo(1);
      assertThat(after.sum(requests, "route", "unmatched", "status", "404")).isEqualTo(1);
      assertThat(before.sum("tdb_admin_tenants", "cluster", cluster)).isZero();
      assertThat(after.sum("tdb_admin_tenants", "cluster", cluster, "status", "active"))
          .isEqualTo(1);
      assertThat(after.has("tdb_admin_tenants", "cluster", cluster, "status", "suspended"))
          .isTrue();
      assertThat(after.sum("tdb_admin_cluster_reachable", "cluster", cluster)).isEqualTo(1);
      assertThat(after.has("tdb_admin_deployments", "status", "running")).isTrue();
      assertThat(after.has("tdb_admin_imports", "status", "failed")).isTrue();
      assertThat(after.sum("tdb_admin_metadata_up")).isEqualTo(1);
      assertThat(after.toString()).doesNotContain("acme").doesNotContain(blueprint);
      dashboardMatches(after);
    }
  }

  /**
   * The Grafana dashboard of the admin service queries only series it exports, and shows every
   * family it exports.
   */
  private static void dashboardMatches(MetricsScrape scrape) throws IOException {
    Path dashboard = Path.of("..", "deploy", "grafana", "tdb-admin.json");
    Set<String> queried = metricNames(new ObjectMapper().readTree(dashboard.toFile()));
    assertThat(queried).isNotEmpty();
    assertThat(scrape.seriesNames()).containsAll(queried);
    for (String family : scrape.families()) {
      assertThat(queried).as("a panel shows " + family).anyMatch(q -> q.startsWith(family));
    }
  }

  private static Set<String> metricNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    if (node.isTextual()) {
      Matcher matcher = Pattern.compile("\\btdb_[a-z0-9_]+").matcher(node.asText());
      while (matcher.find()) {
        names.add(matcher.group());
      }
    }
    node.forEach(child -> names.addAll(metricNames(child)));
    return names;
  }

  @Test
  void readyzFollowsTheMetadataDatabaseAndHealthzStaysUp(TestPostgres postgres) throws Exception {
    try (AdminFixture fixture = AdminFixture.start(postgres)) {
      URI ready = fixture.uri().resolve("/readyz");
      assertThat(MetricsScrape.status(ready)).isEqualTo(200);

      try {
        allowConnections(postgres, fixture.metadataDatabase, false);
        awaitStatus(ready, 503);
        assertThat(MetricsScrape.status(fixture.uri().resolve("/healthz"))).isEqualTo(200);
        assertThat(MetricsScrape.of(fixture.uri().resolve("/metrics")).sum("tdb_admin_metadata_up"))
            .isZero();
      } finally {
        allowConnections(postgres, fixture.metadataDatabase, true);
      }
      awaitStatus(ready, 200);
    }
  }

  /** Closes the database to new connections and ends those it has, or opens it again. */
  private static void allowConnections(TestPostgres postgres, String database, boolean allow)
      throws Exception {
    try (Connection c = postgres.connect();
        Statement s = c.createStatement()) {
      s.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + allow);
      if (!allow) {
        s.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + database
                + "'");
      }
    }
  }

  private static void awaitStatus(URI uri, int status) {
    await(uri + " answering " + status)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> MetricsScrape.status(uri) == status);
  }
}
