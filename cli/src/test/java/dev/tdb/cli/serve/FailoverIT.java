/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import static dev.tdb.cli.serve.ServiceProcesses.get;
import static dev.tdb.cli.serve.ServiceProcesses.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.testkit.MetricsScrape;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.Server;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas that survive each other, as separate processes from the built {@code tdb.jar}: two
 * {@code tdb admin serve} on one metadata database (lease TTL 3 s, renewed every second) and two
 * {@code tdb proxy serve}, over two PostgreSQL servers. An admin killed with SIGKILL in the middle
 * of a deployment to 100 tenants leaves it to its peer, which upgrades each tenant once; clients of
 * a killed proxy go on through the other without losing a committed write; SIGTERM drains both
 * services. The tests run in order: each kills or stops what the next no longer needs.
 */
@ExtendWith(PostgresExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class FailoverIT {
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final int TENANTS = 100;
  private static final String PREFIX = "fo";
  private static final String ROWS = PREFIX + "rows";
  private static final String ROWS_TENANT = ROWS + "__t0";

  @TempDir static Path dir;
  private static ReplicaSet replicas;
  private static TenantFleet fleet;
  private static String auth;

  @BeforeAll
  static void start(TestPostgres one, @Server("second") TestPostgres two) throws Exception {
    replicas = new ReplicaSet(dir, one, two);
    fleet = replicas.fleet;
    auth = replicas.auth;
    createRowsTenant();
    replicas.awaitProxiesReady();
  }

  @AfterAll
  static void stop() throws Exception {
    if (replicas != null) {
      replicas.close(PREFIX);
    }
  }

  /**
   * Admin A runs a deployment to 100 tenants on two clusters, each tenant's change taking 0.25 s,
   * and is killed (SIGKILL) once some but not all tenants are done; admin B claims the deployment
   * once A's lease expired and finishes it. Each change creates a table with a primary key and
   * inserts a row, so a second application would fail or show twice.
   */
  @Test
  @Order(1)
  void aPeerFinishesTheDeploymentOfAKilledAdminUpgradingEachTenantOnce() throws Exception {
    String blueprint = PREFIX + "slow";
    fleet.workspace(replicas.uriA, blueprint, "one");
    Instant creating = Instant.now();
    fleet.tenants(replicas.uriA, blueprint, TENANTS, List.of("one", "two"));
    System.out.printf(
        "FailoverIT: %d tenants created in %d ms%n",
        TENANTS, Duration.between(creating, Instant.now()).toMillis());
    fleet.change(
        replicas.uriA,
        blueprint,
        "DO $$ BEGIN PERFORM pg_sleep(0.25); CREATE TABLE applied (n int PRIMARY KEY);"
            + " INSERT INTO applied VALUES (1); END $$");
    int target =
        get(replicas.uriA, auth, "/v1/blueprints/" + blueprint + "/versions").get("items").size();
    long id =
        post(
                replicas.uriA,
                auth,
                "/v1/deployments",
                Map.of("blueprint", blueprint, "all", true, "parallel", 4))
            .get("id")
            .asLong();
    await("12 tenants upgraded by A", () -> tenantsIn(id, "'succeeded'") >= 12);
    assertThat(leaseOwner(id)).startsWith(replicas.adminA.pid() + "/");

    replicas.adminA.destroyForcibly();
    assertThat(replicas.adminA.waitFor(30, TimeUnit.SECONDS)).isTrue();
    Instant killed = Instant.now();
    int left = tenantsIn(id, "'pending', 'running'");
    assertThat(left).as("tenants left to B").isPositive();
    await("B claims the deployment", () -> leaseOwner(id).startsWith(replicas.adminB.pid() + "/"));
    Duration claimed = Duration.between(killed, Instant.now());
    await(
        "the deployment ends",
        () -> !deployment(replicas.uriB, id).get("status").asText().equals("running"));
    Duration finished = Duration.between(killed, Instant.now());
    System.out.printf(
        "FailoverIT takeover: admin A killed with %d of %d tenants left -> B claimed deployment %d"
            + " in %d ms (lease ttl %s, renew %s) -> finished in %d ms%n",
        left,
        TENANTS,
        id,
        claimed.toMillis(),
        ReplicaSet.LEASE_TTL,
        ReplicaSet.LEASE_RENEW,
        finished.toMillis());

    assertThat(claimed)
        .isLessThan(ReplicaSet.LEASE_TTL.plus(ReplicaSet.LEASE_RENEW.multipliedBy(4)));
    JsonNode done = deployment(replicas.uriB, id);
    assertThat(done.get("status").asText()).as("%s", done.get("counts")).isEqualTo("succeeded");
    assertThat(done.get("tenants")).hasSize(TENANTS);
    for (JsonNode tenant : done.get("tenants")) {
      assertThat(tenant.get("status").asText()).as(tenant.toString()).isIn("succeeded", "skipped");
      assertThat(tenant.get("to_version").asInt()).as(tenant.toString()).isEqualTo(target);
      assertThat(fleet.appliedAndVersion(replicas.uriB, tenant.get("logical_name").asText()))
          .as(tenant.toString())
          .isEqualTo("1 " + target + "/0");
    }
    assertThat(leaseOwner(id)).as("released when finished").isNull();
  }

  /**
   * Three pgjdbc clients insert numbered rows through proxy 1, named first in a multi-host URL;
   * proxy 1 is killed (SIGKILL); they connect again, reach proxy 2 and go on. Every row whose
   * INSERT returned is in the table, and no row is there whose INSERT was not sent. psql with the
   * same two hosts reaches proxy 2 as well.
   */
  @Test
  @Order(2)
  void clientsOfAKilledProxyGoOnThroughTheOtherAndKeepEveryCommittedWrite() throws Exception {
    String url =
        "jdbc:postgresql://127.0.0.1:%d,127.0.0.1:%d/%s?sslmode=disable&targetServerType=any"
            .formatted(replicas.port1, replicas.port2, ROWS_TENANT);
    List<NumberedWriter> writers = new ArrayList<>();
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int client = 1; client <= 3; client++) {
        NumberedWriter writer = new NumberedWriter(client, url, replicas.user, replicas.secret);
        writers.add(writer);
        running.add(threads.submit(writer));
      }
      await("every client wrote 20 rows", () -> everyWriter(writers, w -> 20));
      Map<NumberedWriter, Integer> atKill = new HashMap<>();
      writers.forEach(w -> atKill.put(w, w.acknowledged().size()));
      replicas.proxy1.destroyForcibly();
      assertThat(replicas.proxy1.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Instant killed = Instant.now();
      await("every client wrote 20 more", () -> everyWriter(writers, w -> atKill.get(w) + 20));
      System.out.printf(
          "FailoverIT proxy: proxy 1 killed -> every client wrote 20 more rows through proxy 2 in"
              + " %d ms%n",
          Duration.between(killed, Instant.now()).toMillis());
      writers.forEach(NumberedWriter::stop);
      for (Future<?> writer : running) {
        writer.get(30, TimeUnit.SECONDS);
      }
    } finally {
      writers.forEach(NumberedWriter::stop);
      threads.shutdownNow();
    }
    Map<Integer, Set<Integer>> committed = committedRows();
    for (NumberedWriter writer : writers) {
      assertThat(writer.failure()).isNull();
      assertThat(writer.reconnects()).as("client %d reconnected", writer.client()).isPositive();
      Set<Integer> rows = committed.getOrDefault(writer.client(), Set.of());
      assertThat(rows).as("client %d", writer.client()).containsAll(writer.acknowledged());
      Set<Integer> sent = new HashSet<>(writer.acknowledged());
      sent.addAll(writer.inDoubt());
      assertThat(sent).as("client %d", writer.client()).containsAll(rows);
    }
    assertThat(psql("INSERT INTO writes (client, n) VALUES (99, 1)")).contains("INSERT 0 1");
  }

  /**
   * SIGTERM to proxy 2 with one idle session and one running a 2 s statement: readiness turns 503,
   * the statement gets its answer, both sessions end with 57P01 and the proxy exits 0 within its
   * drain timeout. SIGTERM to admin B while a fan-out query runs: the query's answer arrives whole
   * and the admin exits 0.
   */
  @Test
  @Order(3)
  void sigtermDrainsProxySessionsWith57P01AndFinishesAnInFlightAdminRequest() throws Exception {
    String url =
        "jdbc:postgresql://127.0.0.1:%d/%s?sslmode=disable".formatted(replicas.port2, ROWS_TENANT);
    try (Connection idle = DriverManager.getConnection(url, replicas.user, replicas.secret);
        Connection busy = DriverManager.getConnection(url, replicas.user, replicas.secret)) {
      CompletableFuture<Integer> statement =
          CompletableFuture.supplyAsync(() -> scalarInt(busy, "SELECT 7 FROM pg_sleep(2)"));
      awaitRunning("SELECT 7 FROM pg_sleep(2)");
      Instant terminated = Instant.now();
      replicas.proxy2.destroy();
      replicas.processes.awaitStatus(
          replicas.proxy2, ReplicaSet.managementUri(replicas.management2, "/readyz"), 503);
      assertThat(statement.get(30, TimeUnit.SECONDS)).isEqualTo(7);
      replicas.processes.assertExitsZero(replicas.proxy2);
      Duration stopped = Duration.between(terminated, Instant.now());
      System.out.printf(
          "FailoverIT drain: proxy 2 exited 0 %d ms after SIGTERM%n", stopped.toMillis());
      assertThat(stopped).isLessThan(ReplicaSet.PROXY_DRAIN);
      for (Connection session : List.of(idle, busy)) {
        assertThatThrownBy(() -> scalarInt(session, "SELECT 1"))
            .hasRootCauseInstanceOf(SQLException.class)
            .rootCause()
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P01"));
      }
    }
    assertThat(replicas.processes.log("proxy-2")).contains("tdb proxy: stopped");

    String query = "SELECT 8 AS n FROM pg_sleep(2)";
    CompletableFuture<AdminApiResponse> answer =
        ServiceProcesses.client(replicas.uriB, auth)
            .exchangeAsync(
                AdminApiCall.post(
                    "/v1/query", Map.of("sql", query, "blueprint", ROWS, "all", true)));
    awaitRunning(query);
    replicas.adminB.destroy();
    await("admin B's /readyz not ready", () -> !answers200(replicas.uriB.resolve("/readyz")));
    AdminApiResponse response = answer.get(30, TimeUnit.SECONDS);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(response.text()).contains("\"row\":[8]").contains("\"summary\"");
    replicas.processes.assertExitsZero(replicas.adminB);
    assertThat(replicas.processes.log("admin-b")).contains("tdb admin: stopped");
  }

  /** Tenant {@code forows__t0} on cluster two, with table {@code writes} deployed. */
  private static void createRowsTenant() throws Exception {
    fleet.workspace(replicas.uriB, ROWS, "two");
    fleet.tenants(replicas.uriB, ROWS, 1, List.of("two"));
    fleet.change(
        replicas.uriB, ROWS, "CREATE TABLE writes (client int, n int, PRIMARY KEY (client, n))");
    long id =
        post(replicas.uriB, auth, "/v1/deployments", Map.of("blueprint", ROWS, "all", true))
            .get("id")
            .asLong();
    await(
        "deployment of " + ROWS,
        () -> !deployment(replicas.uriB, id).get("status").asText().equals("running"));
    assertThat(deployment(replicas.uriB, id).get("status").asText()).isEqualTo("succeeded");
  }

  private static JsonNode deployment(URI admin, long id) throws Exception {
    return get(admin, auth, "/v1/deployments/" + id);
  }

  /** Tenants of deployment {@code id} whose status is one of {@code statuses} (SQL literals). */
  private static int tenantsIn(long id, String statuses) throws SQLException {
    return Integer.parseInt(
        metadataScalar(
            "SELECT count(*) FROM deployment_tenants WHERE deployment_id = ? AND status IN ("
                + statuses
                + ")",
            id));
  }

  private static String leaseOwner(long id) throws SQLException {
    return metadataScalar("SELECT lease_owner FROM deployments WHERE id = ?", id);
  }

  private static String metadataScalar(String sql, long id) throws SQLException {
    try (Connection connection = replicas.metadata.connect(replicas.metadataDatabase);
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** Whether every writer has at least {@code rows} of its rows acknowledged. */
  private static boolean everyWriter(
      List<NumberedWriter> writers, ToIntFunction<NumberedWriter> rows) {
    for (NumberedWriter writer : writers) {
      assertThat(writer.failure()).as("client %d", writer.client()).isNull();
      if (writer.acknowledged().size() < rows.applyAsInt(writer)) {
        return false;
      }
    }
    return true;
  }

  /** The rows of {@code writes}, by client, read as the tenant's superuser. */
  private static Map<Integer, Set<Integer>> committedRows() throws Exception {
    Map<Integer, Set<Integer>> rows = new HashMap<>();
    for (String row :
        fleet.inTenant(replicas.uriB, ROWS_TENANT, "SELECT client || ' ' || n FROM writes")) {
      String[] pair = row.split(" ");
      rows.computeIfAbsent(Integer.parseInt(pair[0]), c -> new HashSet<>())
          .add(Integer.parseInt(pair[1]));
    }
    return rows;
  }

  /** Runs {@code sql} with psql on both proxies' addresses, proxy 1 first; returns its output. */
  private static String psql(String sql) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                "/usr/lib/postgresql/15/bin/psql",
                "host=127.0.0.1,127.0.0.1 port=%d,%d dbname=%s user=%s sslmode=disable"
                    .formatted(replicas.port1, replicas.port2, ROWS_TENANT, replicas.user),
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql)
            .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", replicas.secret);
    Process psql = builder.start();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(psql.exitValue()).as(output).isZero();
    return output;
  }

  private static int scalarInt(Connection connection, String sql) {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }

  /** Waits until a session on either server runs exactly {@code sql}. */
  private static void awaitRunning(String sql) throws Exception {
    await(
        sql + " running",
        () ->
            fleet
                    .everywhere(
                        "SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query = '"
                            + sql
                            + "'")
                    .size()
                > 0);
  }

  private static boolean answers200(URI uri) throws InterruptedException {
    try {
      return MetricsScrape.status(uri) == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Polls {@code condition} every 50 ms until it holds, failing after {@link #BOUND}. */
  private static void await(String what, Callable<Boolean> condition) {
    Awaitility.await(what).atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(condition);
  }
}
