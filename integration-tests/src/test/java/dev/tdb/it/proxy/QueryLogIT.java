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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy's per-statement query log as its owner reads it, with the workspace opted in ({@code
 * query_log = all}, {@code query_log_literals = true}): statements run through the real proxy reach
 * the admin service, and {@code tdb tenants logs|metrics} show them, SQL cut as configured and
 * parameter values nowhere.
 */
@ExtendWith(PostgresExtension.class)
final class QueryLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int SQL_LENGTH = 60;
  private static final String SECRET_PARAMETER = "sekret-parameter-4711";

  private static ProxyService service;
  private static Path logFile;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    logFile = Files.createTempFile("tdb-query-log", ".jsonl");
    service =
        ProxyService.start(
            postgres,
            config ->
                config.toBuilder()
                    .queryLog(
                        ProxyConfig.QueryLog.on()
                            .withSqlLength(SQL_LENGTH)
                            .withFile(logFile)
                            .withFlushInterval(Duration.ofMillis(100))
                            .withStatistics(
                                ProxyConfig.Statistics.defaults()
                                    .withFlushInterval(Duration.ofMillis(100))))
                    .build());
    // The per-statement log is opt-in per workspace, literals too; no session has started yet.
    service.updateSettings(Map.of("query_log", "all", "query_log_literals", true));
  }

  @AfterAll
  static void stop() throws Exception {
    service.close();
    Files.deleteIfExists(logFile);
  }

  @Test
  void showsSuccessesRefusalsAndErrorsWithoutParameters() throws Exception {
    String tenant = service.tenant();
    String longSql = "SELECT 1 AS " + "a".repeat(100);
    try (Connection c = service.connect(tenant, service.secret(), "")) {
      try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM note WHERE body = ?")) {
        p.setString(1, SECRET_PARAMETER);
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute(longSql);
        assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (id int)"))
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
      }
    }
    try (Connection c = service.connect(tenant, service.secret(), "?preferQueryMode=simple");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("SELECT 1/0"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("22012");
    }

    JsonNode logs = awaitLogs(tenant, 4);
    List<String> states = new ArrayList<>();
    logs.forEach(event -> states.add(event.path("sqlstate").asText(null)));
    assertThat(states).contains(null, "42501", "22012");
    assertThat(logs.toString()).doesNotContain(SECRET_PARAMETER);

    JsonNode select = find(logs, "SELECT count(*) FROM note WHERE body = $1");
    assertThat(select.path("rows").asLong()).isEqualTo(1);
    assertThat(select.path("kind").asText()).isEqualTo("READ");
    assertThat(select.path("account").asText()).isEqualTo(service.user());
    assertThat(select.path("tenant").asText()).isEqualTo("acme");
    assertThat(select.path("client").asText()).isEqualTo("127.0.0.1");
    JsonNode refused = find(logs, "CREATE TABLE intruder (id int)");
    assertThat(refused.path("sqlstate").asText()).isEqualTo("42501");
    assertThat(refused.path("kind").asText()).isEqualTo("DDL");
    assertThat(refused.path("duration_ms").asDouble()).isZero();
    assertThat(find(logs, "SELECT 1/0").path("rows").isNull()).isTrue();
    assertThat(find(logs, longSql.substring(0, SQL_LENGTH) + "...").path("sqlstate").isNull())
        .isTrue();

    JsonNode errors = cli("tenants", "logs", tenant, "--type", "error", "--json").path("items");
    List<String> errorStates = new ArrayList<>();
    errors.forEach(event -> errorStates.add(event.path("sqlstate").asText(null)));
    assertThat(errorStates).contains("42501", "22012").doesNotContainNull();

    // Hourly figures come from the statement statistics, flushed on their own schedule.
    await("the hourly figures counting every statement and error")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> hourly(tenant),
            figures -> figures[0] >= logs.size() && figures[1] >= errors.size());

    String table = run("tenants", "logs", tenant, "--since", "1h", "--type", "error");
    assertThat(table).contains("SQLSTATE", "42501", "22012", "CREATE TABLE intruder (id int)");
    assertThat(run("tenants", "metrics", tenant)).contains("QUERIES", "AVG_MS", "ERRORS");

    String lines = Files.readString(logFile);
    assertThat(lines).contains("\"sqlstate\":\"22012\"").doesNotContain(SECRET_PARAMETER);
  }

  @Test
  void logsPasswordsInSqlTextRedacted() throws Exception {
    String tenant = service.tenant();
    String secret = "hunter2-sekret";
    try (Connection c = service.connect(tenant, service.secret(), "");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("ALTER ROLE CURRENT_USER PASSWORD E'" + secret + "'"))
          .isInstanceOf(SQLException.class);
      s.execute("SELECT 'x' AS pw_probe, $q$password=" + secret + "$q$");
    }
    String logged =
        await("the probe logged")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> cli("tenants", "logs", tenant, "--json").path("items").toString(),
                items -> items.contains("pw_probe"));
    assertThat(logged).contains("PASSWORD '[redacted]'", "pw_probe").doesNotContain(secret);
    assertThat(Files.readString(logFile)).doesNotContain(secret);
  }

  @Test
  void logsAResultOverTheRowLimitAsTheClientSawIt() throws Exception {
    String tenant = service.tenant();
    service.updateSettings(Map.of("max_rows_per_query", 2));
    try {
      // The proxy has routed the tenant before: new sessions get the limit once it revalidates.
      await("a new session refused with 54000")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> overLimitState(service, tenant), "54000"::equals);
    } finally {
      service.updateSettings(Map.of("max_rows_per_query", 100_000));
    }
    JsonNode event =
        await("the over-limit statement logged")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> overLimitEvent(tenant), found -> found != null);
    assertThat(event.path("sqlstate").asText()).isEqualTo("54000");
    assertThat(event.path("rows").isNull()).isTrue();
  }

  /** The SQLSTATE a new session's over-limit statement gets, null while it has no limit. */
  private static String overLimitState(ProxyService service, String tenant) {
    try (Connection c = service.connect(tenant, service.secret(), "");
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT generate_series(1, 10) AS over_limit").close();
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  /** The logged error event of the over-limit statement, null while there is none. */
  private static JsonNode overLimitEvent(String tenant) throws Exception {
    for (JsonNode logged :
        cli("tenants", "logs", tenant, "--type", "error", "--json").path("items")) {
      if (logged.path("sql").asText().contains("over_limit")) {
        return logged;
      }
    }
    return null;
  }

  /** Queries and errors summed over the hours of {@code tdb tenants metrics}. */
  private static long[] hourly(String tenant) throws Exception {
    long[] figures = new long[2];
    for (JsonNode hour : cli("tenants", "metrics", tenant, "--json").path("items")) {
      figures[0] += hour.path("queries").asLong();
      figures[1] += hour.path("errors").asLong();
      assertThat(hour.path("max_ms").asDouble())
          .isGreaterThanOrEqualTo(hour.path("avg_ms").asDouble());
    }
    return figures;
  }

  private static JsonNode awaitLogs(String tenant, int atLeast) throws Exception {
    return await(atLeast + " events logged")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> cli("tenants", "logs", tenant, "--json").path("items"),
            items -> items.size() >= atLeast);
  }

  private static JsonNode find(JsonNode logs, String sql) {
    for (JsonNode event : logs) {
      if (event.path("sql").asText().equals(sql)) {
        return event;
      }
    }
    throw new AssertionError("no event with SQL " + sql + " in " + logs);
  }

  private static JsonNode cli(String... args) throws Exception {
    return JSON.readTree(run(args));
  }

  private static String run(String... args) {
    return service.tdb(args);
  }
}
