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
import dev.tdb.proxy.ProxyConfig;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Statement statistics end to end: statements run through the real proxy by pgjdbc and psql are
 * counted per normalized statement (calls, rows, errors by SQLSTATE), reach the admin service and
 * {@code tdb tenants top} prints them, with no literal, parameter or password anywhere; the
 * per-statement log stays off.
 */
@ExtendWith(PostgresExtension.class)
final class StatementStatsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "hunter2-sekret";

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service =
        ProxyService.start(
            postgres,
            config ->
                config.toBuilder()
                    .queryLog(
                        ProxyConfig.QueryLog.off()
                            .withStatistics(
                                ProxyConfig.Statistics.defaults()
                                    .withFlushInterval(Duration.ofMillis(100))))
                    .build());
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
  }

  @Test
  void countsCallsRowsAndErrorsPerStatementWithoutLiterals() throws Exception {
    String tenant = service.tenant();
    try (Connection c = service.connect(tenant, service.secret(), "")) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO note (id, body) VALUES (?, ?)")) {
        for (int id = 1001; id <= 1003; id++) {
          p.setInt(1, id);
          p.setString(2, SECRET + "-parameter");
          assertThat(p.executeUpdate()).isEqualTo(1);
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM note WHERE id >= ?")) {
        p.setInt(1, 1001);
        try (ResultSet rs = p.executeQuery()) {
          int rows = 0;
          while (rs.next()) {
            rows++;
          }
          assertThat(rows).isEqualTo(3);
        }
      }
      try (Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (id int)"))
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
        assertThatThrownBy(() -> s.execute("ALTER ROLE CURRENT_USER PASSWORD '" + SECRET + "'"))
            .isInstanceOf(SQLException.class);
        s.execute("SELECT md5('" + SECRET + "') AS literal_probe");
      }
    }
    try (Connection c = service.connect(tenant, service.secret(), "?preferQueryMode=simple");
        Statement s = c.createStatement()) {
      for (int dividend = 1; dividend <= 2; dividend++) {
        String sql = "SELECT " + dividend + "/0 AS divided";
        assertThatThrownBy(() -> s.execute(sql))
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("22012");
      }
    }
    psql(tenant, "SELECT 40 + 2 AS answer");
    psql(tenant, "select 41 + 1 as answer;");

    JsonNode top =
        awaitTop(
            tenant,
            items ->
                calls(items, "SELECT $1/$2 AS divided") >= 2
                    && calls(items, "INSERT INTO note (id, body) VALUES ($1, $2)") >= 3
                    && calls(items, "literal_probe") >= 1
                    && (!ProxyService.psqlInstalled()
                        || calls(items, "SELECT $1 + $2 AS answer") >= 2));
    JsonNode insert = find(top, "INSERT INTO note (id, body) VALUES ($1, $2)");
    assertThat(insert.path("calls").asLong()).isEqualTo(3);
    assertThat(insert.path("rows").asLong()).isEqualTo(3);
    assertThat(insert.path("errors").asLong()).isZero();
    assertThat(find(top, "SELECT id FROM note WHERE id >= $1").path("rows").asLong()).isEqualTo(3);
    JsonNode divided = find(top, "SELECT $1/$2 AS divided");
    assertThat(divided.path("calls").asLong()).isEqualTo(2);
    assertThat(divided.path("errors_by_sqlstate").path("22012").asLong()).isEqualTo(2);
    JsonNode refused = find(top, "CREATE TABLE intruder (id int)");
    assertThat(refused.path("errors_by_sqlstate").path("42501").asLong()).isEqualTo(1);
    assertThat(refused.path("total_ms").asDouble()).isZero();
    assertThat(top.toString()).contains("ALTER ROLE CURRENT_USER PASSWORD $1");
    assertThat(top.toString()).doesNotContain(SECRET);

    if (ProxyService.psqlInstalled()) {
      // "SELECT 40 + 2 AS answer" and "select 41 + 1 as answer;" are one statement.
      assertThat(calls(top, "SELECT $1 + $2 AS answer")).isEqualTo(2);
    }

    String table = service.tdb("tenants", "top", tenant, "--by", "errors", "--limit", "3");
    assertThat(table).contains("CALLS", "MEAN_MS", "QUERY", "SELECT $1/$2 AS divided");
    assertThat(table).doesNotContain(SECRET);
    long metricsCalls = 0;
    for (JsonNode hour : cli("tenants", "metrics", tenant, "--json").path("items")) {
      metricsCalls += hour.path("queries").asLong();
    }
    assertThat(metricsCalls).isGreaterThanOrEqualTo(9);
    assertThat(cli("tenants", "logs", tenant, "--json").path("items").size())
        .as("the per-statement log is off")
        .isZero();
  }

  private static void psql(String tenant, String sql) throws Exception {
    if (ProxyService.psqlInstalled()) {
      assertThat(service.psql(tenant, sql).trim()).isEqualTo("42");
    }
  }

  private static JsonNode awaitTop(String tenant, Predicate<JsonNode> done) {
    return await("statistics of " + tenant + " arrived")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> top(tenant), done::test);
  }

  private static JsonNode top(String tenant) throws Exception {
    return cli("tenants", "top", tenant, "--by", "calls", "--limit", "100", "--json").path("items");
  }

  private static long calls(JsonNode items, String queryPart) {
    long calls = 0;
    for (JsonNode item : items) {
      // Texts that differ only in case are one statement, shown as whichever came first.
      if (item.path("query")
          .asText()
          .toLowerCase(Locale.ROOT)
          .contains(queryPart.toLowerCase(Locale.ROOT))) {
        calls += item.path("calls").asLong();
      }
    }
    return calls;
  }

  private static JsonNode find(JsonNode items, String query) {
    for (JsonNode item : items) {
      if (item.path("query").asText().equals(query)) {
        return item;
      }
    }
    throw new AssertionError("no statement " + query + " in " + items);
  }

  private static JsonNode cli(String... args) throws Exception {
    return JSON.readTree(service.tdb(args));
  }
}
