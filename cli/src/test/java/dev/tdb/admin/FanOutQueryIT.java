/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.names.Names;
import dev.tdb.cli.TdbCli;
import dev.tdb.core.policy.Policy;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code POST /v1/query} and {@code tdb query}: one statement on many tenants, over real servers.
 */
@ExtendWith(PostgresExtension.class)
final class FanOutQueryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TENANTS = List.of("acme", "globex", "initech");
  private static AdminFixture fixture;
  private static Blueprints blueprints;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    blueprints = Blueprints.onOneCluster(postgres, 100);
    fixture = blueprints.fixture;
    blueprint =
        blueprints.designed(
            "fan",
            TENANTS,
            "CREATE TABLE accounts (id int, name text); CREATE TABLE notes (body text);"
                + " CREATE TABLE extra (id int)");
    JsonNode done =
        blueprints.awaitDeployment(blueprints.deploy(Map.of("blueprint", blueprint, "all", true)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    for (int i = 0; i < TENANTS.size(); i++) {
      try (Connection connection = blueprints.connect(logical(TENANTS.get(i)), "");
          Statement statement = connection.createStatement()) {
        statement.execute(
            "INSERT INTO accounts SELECT g, 'a' || g FROM generate_series(1, " + (i + 1) + ") g");
      }
    }
    // globex lost a table behind tdb's back: its queries of it fail, the others' succeed.
    try (Connection connection = fixture.postgres.connect(logical("globex"));
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE extra");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void answersEveryTenantWithATenantColumnAsTheirOwnRuntimeRole() {
    List<JsonNode> lines =
        ndjson(
            query(
                Map.of(
                    "sql",
                    "SELECT count(*) AS n, current_user AS who FROM accounts",
                    "blueprint",
                    blueprint,
                    "all",
                    true)));
    Map<String, JsonNode> rows = byTenant(lines, "row");
    assertThat(rows).containsOnlyKeys(logical("acme"), logical("globex"), logical("initech"));
    for (int i = 0; i < TENANTS.size(); i++) {
      JsonNode row = rows.get(logical(TENANTS.get(i))).get("row");
      assertThat(row.get(0).asLong()).isEqualTo(i + 1);
      assertThat(row.get(1).asText()).isEqualTo(runtimeRole(TENANTS.get(i)));
    }
    JsonNode columns = byTenant(lines, "columns").get(logical("acme")).get("columns");
    assertThat(columns.get(0).get("name").asText()).isEqualTo("n");
    assertThat(columns.get(0).get("type").asText()).isEqualTo("int8");
    assertThat(byTenant(lines, "result").values())
        .allSatisfy(result -> assertThat(result.get("status").asText()).isEqualTo("ok"));
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(summary.get("type").asText()).isEqualTo("summary");
    assertThat(summary.get("ok").asInt()).isEqualTo(3);
    assertThat(summary.get("failed").asInt()).isZero();
  }

  @Test
  void writesNumbersAndBooleansAsJsonAndEverythingElseAsPostgresText() {
    List<JsonNode> lines =
        ndjson(
            query(
                named(
                    "SELECT 7::int2, 2.50::numeric, 'NaN'::float8, true, NULL::text,"
                        + " DATE '2026-01-31', ARRAY[1, 2], 0.1::float8",
                    "acme")));
    JsonNode row = byTenant(lines, "row").get(logical("acme")).get("row");
    assertThat(row.get(0).isIntegralNumber()).isTrue();
    assertThat(row.get(0).asInt()).isEqualTo(7);
    assertThat(row.get(1).isNumber()).isTrue();
    assertThat(row.get(1).decimalValue()).isEqualByComparingTo("2.50");
    assertThat(row.get(2).asText()).isEqualTo("NaN");
    assertThat(row.get(3).isBoolean()).isTrue();
    assertThat(row.get(4).isNull()).isTrue();
    assertThat(row.get(5).asText()).isEqualTo("2026-01-31");
    assertThat(row.get(6).asText()).isEqualTo("{1,2}");
    assertThat(row.get(7).isNumber()).isTrue();
    assertThat(row.get(7).asDouble()).isEqualTo(0.1);
  }

  @Test
  void streamsEachTenantsLinesBeforeASlowTenantHasAnswered() throws Exception {
    Timed both = timedSlowQuery(List.of(logical("acme"), logical("globex")));
    assertThat(both.summaryMs()).isGreaterThan(2900);
    assertThat(both.acmeResultMs()).isLessThan(2000);
    Timed slowOnly = timedSlowQuery(List.of(logical("globex")));
    assertThat(slowOnly.summaryMs()).isGreaterThan(2900);
    assertThat(slowOnly.headersMs()).isLessThan(2000);
  }

  @Test
  void stopsStartingTenantsOnceTheClientWentAway() throws Exception {
    List<String> many = List.of("t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8");
    String gone = blueprints.designed("gone", many, "CREATE TABLE marks (at timestamptz)");
    blueprints.awaitDeployment(blueprints.deploy(Map.of("blueprint", gone, "all", true)));
    Map<String, Object> body =
        Map.of(
            "sql",
            "INSERT INTO marks SELECT now() FROM pg_sleep(0.4)",
            "blueprint",
            gone,
            "all",
            true,
            "write",
            true,
            "parallelism",
            1);
    HttpResponse<java.io.InputStream> response =
        HttpClient.newHttpClient()
            .send(post(JSON.writeValueAsString(body)), HttpResponse.BodyHandlers.ofInputStream());
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).contains("\"result\"").contains(gone + "__t1");
    }
    awaitNoSessions(gone);
    int marked = 0;
    for (String tenant : many) {
      try (Connection connection = fixture.postgres.connect(gone + "__" + tenant);
          Statement statement = connection.createStatement();
          var rs = statement.executeQuery("SELECT count(*) FROM marks")) {
        rs.next();
        marked += rs.getInt(1);
      }
    }
    assertThat(marked).as("tenants that ran the insert").isBetween(1, 5);
  }

  /** A POST of {@code body} to /v1/query as the fixture's account. */
  private static HttpRequest post(String body) {
    String credentials = fixture.admin.user() + ":" + fixture.admin.secret();
    return HttpRequest.newBuilder(fixture.uri().resolve("/v1/query"))
        .header("Content-Type", "application/json")
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /**
   * Waits, with a bound, until no session has been connected to a tenant of {@code blueprint} for a
   * second: longer than the gap between one tenant's session and the next, so a fan-out still going
   * is not taken for one that stopped.
   */
  private static void awaitNoSessions(String blueprint) {
    String sql = "SELECT count(*) FROM pg_stat_activity WHERE datname LIKE ?";
    await("no session of " + blueprint + " for a second")
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "0".equals(AdminFixture.scalar(fixture.postgres, sql, blueprint + "\\_\\_%")));
  }

  /** When the answer's headers, acme's result and the summary arrived, in ms from the request. */
  private record Timed(long headersMs, long acmeResultMs, long summaryMs) {}

  /** Runs a query in which globex sleeps 3 s, timing its answer as it arrives. */
  private static Timed timedSlowQuery(List<String> tenants) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "sql",
                "SELECT pg_sleep(CASE WHEN current_database() LIKE '%globex' THEN 3 ELSE 0 END)",
                "tenants",
                tenants));
    HttpRequest request = post(body);
    long start = System.nanoTime();
    var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    long headers = (System.nanoTime() - start) / 1_000_000;
    long[] at = {-1, -1};
    response
        .body()
        .forEach(
            line -> {
              long ms = (System.nanoTime() - start) / 1_000_000;
              if (line.contains("\"result\"") && line.contains(logical("acme"))) {
                at[0] = ms;
              } else if (line.contains("\"summary\"")) {
                at[1] = ms;
              }
            });
    return new Timed(headers, at[0], at[1]);
  }

  @Test
  void refusesDdlAndStatementsThatLeaveTheTransactionBeforeAnythingRuns() {
    Api.Reply ddl = query(named("CREATE TABLE sneaky (id int)", "acme"));
    assertThat(ddl.status()).isEqualTo(403);
    assertThat(ddl.errorCode()).isEqualTo("sql_not_allowed");
    assertThat(ddl.errorMessage()).startsWith(Policy.TENANT_DDL_MESSAGE).contains("42501");
    assertThat(ddl.json().get("error").get("hint").asText()).contains("_workspace");
    for (String sql :
        List.of("SET statement_timeout = 0", "COMMIT", "SELECT set_config('role', 'x', false)")) {
      Api.Reply refused = query(named(sql, "acme"));
      assertThat(refused.status()).as(sql).isEqualTo(403);
      assertThat(refused.errorCode()).as(sql).isEqualTo("sql_not_allowed");
    }
    Api.Reply two = query(named("SELECT 1; SELECT 2", "acme"));
    assertThat(two.status()).isEqualTo(400);
    assertThat(two.errorCode()).isEqualTo("invalid_sql");
  }

  @Test
  void refusesWritesUnlessAskedAndCommitsThemWhenAsked() throws Exception {
    List<JsonNode> readOnly = ndjson(query(named("INSERT INTO notes VALUES ('x')", "acme")));
    JsonNode refused = byTenant(readOnly, "result").get(logical("acme"));
    assertThat(refused.get("status").asText()).isEqualTo("error");
    assertThat(refused.get("sql_state").asText()).isEqualTo("25006");
    Map<String, Object> write = new HashMap<>(named("INSERT INTO notes VALUES ('x')", "acme"));
    write.put("write", true);
    JsonNode written = byTenant(ndjson(query(write)), "result").get(logical("acme"));
    assertThat(written.get("status").asText()).isEqualTo("ok");
    assertThat(written.get("rows").asInt()).isEqualTo(1);
    try (Connection connection = blueprints.connect(logical("acme"), "");
        Statement statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT count(*) FROM notes")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void reportsTheTenantsThatFailedOrTimedOutWhileTheOthersAnswer() {
    List<JsonNode> missing =
        ndjson(
            query(
                Map.of("sql", "SELECT count(*) FROM extra", "blueprint", blueprint, "all", true)));
    Map<String, JsonNode> results = byTenant(missing, "result");
    assertThat(results.get(logical("globex")).get("sql_state").asText()).isEqualTo("42P01");
    assertThat(results.get(logical("acme")).get("status").asText()).isEqualTo("ok");
    assertThat(missing.get(missing.size() - 1).get("failed").asInt()).isEqualTo(1);

    Map<String, Object> slow =
        new HashMap<>(
            Map.of(
                "sql",
                "SELECT pg_sleep(CASE WHEN current_database() LIKE '%globex' THEN 5 ELSE 0 END)",
                "blueprint",
                blueprint,
                "all",
                true));
    slow.put("timeout_ms", 300);
    List<JsonNode> timed = ndjson(query(slow));
    JsonNode timeout = byTenant(timed, "result").get(logical("globex"));
    assertThat(timeout.get("status").asText()).isEqualTo("timeout");
    assertThat(timeout.get("sql_state").asText()).isEqualTo("57014");
    assertThat(byTenant(timed, "result").get(logical("initech")).get("status").asText())
        .isEqualTo("ok");
    assertThat(timed.get(timed.size() - 1).get("timed_out").asInt()).isEqualTo(1);
  }

  @Test
  void failsATenantWhoseResultGoesBeyondMaxRowsPerQuery() throws Exception {
    String limited = blueprints.create("lim");
    blueprints.tenant(limited, "one");
    Api.Reply set =
        blueprints.api.patch(
            "/v1/workspaces/" + limited + "_workspace/settings", Map.of("max_rows_per_query", 2));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    List<JsonNode> within =
        ndjson(
            query(
                Map.of(
                    "sql", "SELECT generate_series(1, 2)", "tenants", List.of(limited + "__one"))));
    assertThat(within.get(within.size() - 1).get("ok").asInt()).isEqualTo(1);
    List<JsonNode> beyond =
        ndjson(
            query(
                Map.of(
                    "sql", "SELECT generate_series(1, 3)", "tenants", List.of(limited + "__one"))));
    JsonNode result = byTenant(beyond, "result").get(limited + "__one");
    assertThat(result.get("status").asText()).isEqualTo("error");
    assertThat(result.get("sql_state").asText()).isEqualTo("54000");
    assertThat(result.get("message").asText()).contains("max_rows_per_query (2)");
  }

  @Test
  void skipsSuspendedTenantsAndReportsThem() throws Exception {
    String side = blueprints.create("side");
    blueprints.tenant(side, "up");
    blueprints.tenant(side, "down");
    assertThat(blueprints.api.post("/v1/tenants/" + side + "__down/suspend", Map.of()).status())
        .isEqualTo(200);
    List<JsonNode> lines = ndjson(query(Map.of("sql", "SELECT 1", "blueprint", side, "all", true)));
    Map<String, JsonNode> results = byTenant(lines, "result");
    assertThat(results.get(side + "__down").get("status").asText()).isEqualTo("skipped");
    assertThat(results.get(side + "__down").get("reason").asText()).isEqualTo("suspended");
    assertThat(results.get(side + "__up").get("status").asText()).isEqualTo("ok");
  }

  @Test
  void anotherAccountReachesNoneOfTheTenantsAndUnknownNamesRunNothing() {
    Api stranger = Api.basic(fixture.uri(), fixture.newAccount());
    Api.Reply byName = stranger.post("/v1/query", named("SELECT 1", "acme"));
    assertThat(byName.status()).isEqualTo(404);
    assertThat(byName.errorCode()).isEqualTo("tenant_not_found");
    Api.Reply byBlueprint =
        stranger.post("/v1/query", Map.of("sql", "SELECT 1", "blueprint", blueprint, "all", true));
    assertThat(byBlueprint.status()).isEqualTo(404);
    assertThat(byBlueprint.errorCode()).isEqualTo("blueprint_not_found");
    Api.Reply unknown =
        query(
            Map.of(
                "sql",
                "INSERT INTO notes VALUES ('never')",
                "write",
                true,
                "tenants",
                List.of(logical("acme"), blueprint + "__nobody")));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorMessage()).contains(blueprint + "__nobody");
  }

  @Test
  void cliPrintsATableCsvOrNdjsonAndExitsNonZeroWhenATenantFailed() throws Exception {
    Run table =
        tdb("query", "--all", "--blueprint", blueprint, "SELECT count(*) AS n FROM accounts");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out().lines().findFirst().orElseThrow()).matches("tenant\\s+n");
    assertThat(table.out()).containsPattern(logical("initech") + "\\s+3");
    assertThat(table.out()).contains("(3 rows)").contains("3 tenants: 3 ok, 0 failed");

    Run csv =
        tdb(
            "query",
            "--tenants",
            "acme,globex",
            "--blueprint",
            blueprint,
            "--csv",
            "SELECT id, name FROM accounts ORDER BY id");
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    assertThat(csv.out().lines().toList())
        .containsExactlyInAnyOrder(
            "tenant,id,name",
            logical("acme") + ",1,a1",
            logical("globex") + ",1,a1",
            logical("globex") + ",2,a2");

    Run json = tdb("query", "--tenant", logical("globex"), "--json", "SELECT count(*) FROM extra");
    assertThat(json.exitCode()).isEqualTo(1);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : json.out().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines.get(0).get("status").asText()).isEqualTo("error");
    assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("summary");
    assertThat(json.err()).contains(logical("globex") + "  error 42P01");

    Run written =
        tdb(
            "query",
            "--tenant",
            logical("initech"),
            "--write",
            "--yes",
            "INSERT INTO notes VALUES ('cli')");
    assertThat(written.exitCode()).as(written.err()).isZero();
    assertThat(written.out()).contains("1 tenant: 1 ok, 0 failed");
    Run write = tdb("query", "--tenant", logical("acme"), "--write", "DELETE FROM notes");
    assertThat(write.exitCode()).isEqualTo(2);
    assertThat(write.err()).contains("--write needs --yes");
    Run help = tdb("query", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--parallelism=N").contains("Examples:");
    Run ddl = tdb("query", "--tenant", logical("acme"), "DROP TABLE accounts");
    assertThat(ddl.exitCode()).isEqualTo(1);
    assertThat(ddl.err()).contains(Policy.TENANT_DDL_MESSAGE);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run tdb(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--url",
            fixture.uri().toString(),
            "--user",
            fixture.admin.user(),
            "--secret",
            fixture.admin.secret()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TdbCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private static Api.Reply query(Map<String, ?> body) {
    return blueprints.api.post("/v1/query", body);
  }

  private static Map<String, Object> named(String sql, String tenant) {
    return Map.of("sql", sql, "tenants", List.of(logical(tenant)));
  }

  private static List<JsonNode> ndjson(Api.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/x-ndjson");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : reply.body().split("\n")) {
      try {
        lines.add(JSON.readTree(line));
      } catch (IOException e) {
        throw new AssertionError("not a JSON line: " + line, e);
      }
    }
    return lines;
  }

  /** The lines of {@code type}, one per tenant (the last one when a tenant has several). */
  private static Map<String, JsonNode> byTenant(List<JsonNode> lines, String type) {
    Map<String, JsonNode> byTenant = new HashMap<>();
    for (JsonNode line : lines) {
      if (line.get("type").asText().equals(type)) {
        byTenant.put(line.get("tenant").asText(), line);
      }
    }
    return byTenant;
  }

  private static String logical(String tenant) {
    return blueprint + "__" + tenant;
  }

  private static String runtimeRole(String tenant) {
    return Names.runtimeRole(logical(tenant));
  }
}
