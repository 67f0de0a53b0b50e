/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.MetricsScrape;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.StringReader;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

/**
 * The proxy's management port with real clients: {@code /metrics} counters move with the traffic
 * pgjdbc sends through the proxy, and {@code /readyz} follows whether routes can be had.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyMetricsIT {
  private static final ProxyConfig.Management MANAGEMENT =
      ProxyConfig.Management.on("127.0.0.1", 0);

  @Test
  void countersMoveWithRealTraffic(TestPostgres postgres) throws Exception {
    try (ProxyService service =
        ProxyService.start(postgres, c -> c.toBuilder().management(MANAGEMENT).build())) {
      URI metrics = uri(service, "/metrics");
      String workspace = service.workspace();
      MetricsScrape before = MetricsScrape.of(metrics);
      assertThat(before.sum("tdb_proxy_client_connections", "tenant", "acme")).isZero();

      String refusedState;
      MetricsScrape open;
      try (Connection simple =
              service.connect(service.tenant(), service.secret(), "?preferQueryMode=simple");
          Connection extended = service.connect(service.tenant(), service.secret(), "")) {
        // The baseline of statements: what pgjdbc sends while it connects is not counted below.
        open = MetricsScrape.of(metrics);
        assertThat(
                open.sum("tdb_proxy_client_connections", "workspace", workspace, "tenant", "acme"))
            .isEqualTo(2);
        assertThat(
                open.sum("tdb_proxy_server_connections", "workspace", workspace, "tenant", "acme"))
            .isEqualTo(2);
        try (Statement s = simple.createStatement()) {
          s.execute("SELECT 1");
          catchThrowableOfType(SQLException.class, () -> s.execute("SELECT 1/0"));
          refusedState =
              catchThrowableOfType(SQLException.class, () -> s.execute("CREATE TABLE t (i int)"))
                  .getSQLState();
        }
        try (PreparedStatement p = extended.prepareStatement("SELECT ?::int")) {
          p.setInt(1, 7);
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
          }
        }
        ((PGConnection) simple)
            .getCopyAPI()
            .copyIn("COPY note FROM STDIN", new StringReader("1\tone\n"));
      }

      // The proxy counts a client gone once it has seen the socket close, after close() returns.
      MetricsScrape after =
          await("the two clients' connections gone from the gauge")
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(20))
              .until(
                  () -> MetricsScrape.of(metrics),
                  scrape -> scrape.sum("tdb_proxy_client_connections", "tenant", "acme") == 0);
      assertThat(moved(open, after, "query", "ok", workspace)).isEqualTo(1);
      assertThat(moved(open, after, "query", "error", workspace)).isEqualTo(1);
      assertThat(moved(open, after, "query", "refused", workspace)).isEqualTo(1);
      assertThat(moved(open, after, "copy", "ok", workspace)).isEqualTo(1);
      assertThat(moved(open, after, "parse_execute", "ok", workspace)).isGreaterThanOrEqualTo(1);
      assertThat(after.sum("tdb_proxy_refusals_total", "sqlstate", refusedState)).isEqualTo(1);
      assertThat(
              after.sum(
                  "tdb_proxy_statement_duration_seconds_count",
                  "workspace",
                  workspace,
                  "kind",
                  "copy"))
          .isEqualTo(1);
      assertThat(
              after.sum(
                  "tdb_proxy_statement_duration_seconds_bucket", "kind", "query", "le", "+Inf"))
          .isGreaterThanOrEqualTo(2);
      for (String direction : new String[] {"in", "out"}) {
        assertThat(
                after.sum("tdb_proxy_bytes_total", "workspace", workspace, "direction", direction))
            .isGreaterThan(before.sum("tdb_proxy_bytes_total", "direction", direction));
      }
      assertThat(after.sum("tdb_proxy_tls_handshakes_total", "result", "ok")).isEqualTo(2);
      assertThat(after.sum("tdb_proxy_routing_lookups_total")).isEqualTo(2);
    }
  }

  @Test
  void countsStatementsPastTheStatisticsLimitAsOverflow(TestPostgres postgres) throws Exception {
    ProxyConfig.Statistics oneStatement =
        ProxyConfig.Statistics.defaults()
            .withFlushInterval(Duration.ofMillis(50))
            .withMaxStatements(1);
    try (ProxyService service =
        ProxyService.start(
            postgres,
            c ->
                c.toBuilder()
                    .management(MANAGEMENT)
                    .queryLog(ProxyConfig.QueryLog.off().withStatistics(oneStatement))
                    .build())) {
      try (Connection c = service.connect(service.tenant(), service.secret(), "");
          Statement s = c.createStatement()) {
        s.execute("SELECT 1 AS first_statement");
        s.execute("SELECT 1 AS second_statement");
        s.execute("SELECT 1 AS third_statement");
      }
      URI metrics = uri(service, "/metrics");
      // At least the second and third statements (the driver may run one of its own first).
      await("two statements counted as overflow")
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> MetricsScrape.of(metrics).sum("tdb_proxy_statement_stats_overflow_total"),
              overflow -> overflow >= 2);
      assertThat(MetricsScrape.of(metrics).sum("tdb_proxy_statement_stats_dropped_total")).isZero();
    }
  }

  @Test
  void aFatalRefusalIsCountedBySqlState(TestPostgres postgres) throws Exception {
    try (ProxyService service =
        ProxyService.start(postgres, c -> c.toBuilder().management(MANAGEMENT).build())) {
      SQLException unknown =
          catchThrowableOfType(
              SQLException.class,
              () -> service.connect(service.tenant() + "x", service.secret(), "").close());

      MetricsScrape after = MetricsScrape.of(uri(service, "/metrics"));

      assertThat(after.sum("tdb_proxy_refusals_total", "sqlstate", unknown.getSQLState()))
          .isEqualTo(1);
    }
  }

  @Test
  void readyzFollowsTheAdminServiceAndHealthzStaysUp(TestPostgres postgres) throws Exception {
    Duration moment = Duration.ofMillis(300);
    ProxyConfig.AdminCache brief = new ProxyConfig.AdminCache(moment, moment, moment);
    try (ProxyService service =
        ProxyService.start(
            postgres, c -> c.toBuilder().management(MANAGEMENT).adminCache(brief).build())) {
      URI ready = uri(service, "/readyz");
      assertThat(MetricsScrape.status(ready)).isEqualTo(200);

      service.stopAdmin();
      awaitStatus(ready, 503);
      assertThat(MetricsScrape.status(uri(service, "/healthz"))).isEqualTo(200);

      service.restartAdmin();
      awaitStatus(ready, 200);
    }
  }

  private static double moved(
      MetricsScrape before, MetricsScrape after, String kind, String outcome, String workspace) {
    String[] labels = {"workspace", workspace, "kind", kind, "outcome", outcome};
    return after.sum("tdb_proxy_statements_total", labels)
        - before.sum("tdb_proxy_statements_total", labels);
  }

  private static void awaitStatus(URI uri, int status) throws Exception {
    await(uri + " answering " + status)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> MetricsScrape.status(uri) == status);
  }

  private static URI uri(ProxyService service, String path) {
    return URI.create("http://127.0.0.1:" + service.proxy().managementPort().orElseThrow() + path);
  }
}
