/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deployments survive the admin server stopping under them and admin servers sharing one metadata
 * database: every tenant ends at the target with each change applied exactly once.
 */
@ExtendWith(PostgresExtension.class)
final class DeploymentRecoveryIT {
  private static final int MANY = 200;
  private static AdminFixture fixture;
  private static Blueprints blueprints;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    blueprints = Blueprints.onOneCluster(postgres, 1000);
    fixture = blueprints.fixture;
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  /**
   * The server that started the deployment is closed mid-deployment (HTTP, deployment threads,
   * cluster pools and the metadata pool, in that order) and the tenant sessions it still had are
   * then terminated on the server, so an upgrade in flight rolls back as if its process had died.
   * Two new servers start on the same metadata database at once, as two replicas would, and both
   * try to resume.
   */
  @Test
  void resumesADeploymentCutShortOnEveryTenantExactlyOnce() throws Exception {
    String blueprint = blueprints.create("crash");
    List<String> tenants = names("t", MANY);
    createInParallel(blueprint, tenants);
    capture(
        blueprint,
        "CREATE TABLE items (id int PRIMARY KEY)",
        "ALTER TABLE items ADD COLUMN note text",
        "CREATE INDEX items_note ON items (note)");
    int target = blueprints.versions(blueprint).size();
    AdminServer first = fixture.startAnother();
    Api firstApi = Api.basic(first.baseUri(), fixture.admin);
    long id =
        new Blueprints(fixture, firstApi)
            .deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 2));
    awaitSucceeded(firstApi, id, 20);

    first.close();
    terminateSessionsOf(blueprint + "__owner");
    Map<String, Integer> atCrash = statusCounts(id);
    assertThat(atCrash.getOrDefault("pending", 0) + atCrash.getOrDefault("running", 0))
        .as("tenants left to resume at the crash: %s", atCrash)
        .isPositive();

    JsonNode done;
    try (AdminServer second = fixture.startAnother();
        AdminServer third = fixture.startAnother()) {
      Blueprints resumed = new Blueprints(fixture, Api.basic(second.baseUri(), fixture.admin));
      done = resumed.awaitDeployment(id);
      assertThat(Api.basic(third.baseUri(), fixture.admin).get("/v1/deployments/" + id).json())
          .isEqualTo(done);
    }
    assertThat(done.get("status").asText()).as("%s", done.get("counts")).isEqualTo("succeeded");
    assertThat(statusCounts(id).keySet()).isSubsetOf("succeeded", "skipped");
    assertThat(done.get("tenants")).hasSize(MANY);
    for (JsonNode tenant : done.get("tenants")) {
      assertThat(tenant.get("to_version").asInt()).as(tenant.toString()).isEqualTo(target);
    }
    for (String tenant : tenants) {
      assertUpgradedOnce(blueprint + "__" + tenant, target);
    }
  }

  /**
   * A {@code CREATE INDEX CONCURRENTLY} cut short leaves an invalid index behind; the resumed
   * deployment must build a valid one rather than take "already exists" for success.
   */
  @Test
  void rebuildsAConcurrentIndexThatACrashLeftInvalid() throws Exception {
    String blueprint = blueprints.create("cic");
    blueprints.tenant(blueprint, "only");
    String database = blueprint + "__only";
    capture(blueprint, "CREATE TABLE items (id int, body text)");
    blueprints.awaitDeployment(
        blueprints.deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 1)));
    capture(blueprint, "CREATE INDEX CONCURRENTLY items_body ON items (body)");
    int target = blueprints.versions(blueprint).size();
    long id;
    try (Connection writer = fixture.postgres.connect(database);
        Statement statement = writer.createStatement()) {
      // An open writer makes the concurrent build wait after it has entered the index.
      writer.setAutoCommit(false);
      statement.execute("INSERT INTO items VALUES (1, 'x')");
      try (AdminServer first = fixture.startAnother()) {
        id =
            new Blueprints(fixture, Api.basic(first.baseUri(), fixture.admin))
                .deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 1));
        awaitWaitingOnLock(database, blueprint + "__owner");
      }
      terminateSessionsOf(blueprint + "__owner");
      writer.rollback();
    }
    assertThat(
            query(
                database,
                "SELECT (SELECT pending_version FROM tdb_catalog.schema_version) || ' '"
                    + " || (SELECT indisvalid FROM pg_index"
                    + " WHERE indexrelid = 'items_body'::regclass)"))
        .as("what the crash left")
        .isEqualTo(target + " false");

    try (AdminServer second = fixture.startAnother()) {
      JsonNode done =
          new Blueprints(fixture, Api.basic(second.baseUri(), fixture.admin)).awaitDeployment(id);
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    }
    assertThat(
            query(
                database,
                "SELECT (SELECT version || '/' || coalesce(pending_version, 0)"
                    + " FROM tdb_catalog.schema_version) || ' '"
                    + " || (SELECT string_agg(c.relname || ':' || i.indisvalid, ',')"
                    + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE i.indrelid = 'items'::regclass)"))
        .isEqualTo(target + "/0 items_body:true");
  }

  /**
   * Three deployments of one blueprint start at the same moment, two through one server and one
   * through another on the same metadata database; a change applied twice would either fail (the
   * ALTER) or leave a second row in {@code applied} (the DO block).
   */
  @Test
  void appliesEachChangeOnceWhenThreeDeploymentsOnTwoServersRunAtOnce() throws Exception {
    String blueprint = blueprints.create("race");
    List<String> tenants = names("r", 12);
    createInParallel(blueprint, tenants);
    capture(
        blueprint,
        "DO $$ BEGIN CREATE TABLE applied (n int); INSERT INTO applied VALUES (1); END $$",
        "ALTER TABLE applied ADD COLUMN note text");
    int target = blueprints.versions(blueprint).size();
    Map<String, Object> body = Map.of("blueprint", blueprint, "all", true, "parallel", 3);
    try (AdminServer other = fixture.startAnother()) {
      Api otherApi = Api.basic(other.baseUri(), fixture.admin);
      List<Api> apis = List.of(blueprints.api, blueprints.api, otherApi);
      CountDownLatch ready = new CountDownLatch(apis.size());
      List<Callable<Api.Reply>> posts = new ArrayList<>();
      for (Api api : apis) {
        posts.add(
            () -> {
              ready.countDown();
              ready.await();
              return api.post("/v1/deployments", body);
            });
      }
      List<Long> ids = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(apis.size());
      try {
        for (Future<Api.Reply> reply : pool.invokeAll(posts)) {
          assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(201);
          ids.add(reply.get().json().get("id").asLong());
        }
      } finally {
        pool.shutdown();
      }
      Map<String, List<String>> byTenant = new HashMap<>();
      for (long id : ids) {
        JsonNode done = blueprints.awaitDeployment(id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
        for (JsonNode tenant : done.get("tenants")) {
          byTenant
              .computeIfAbsent(tenant.get("logical_name").asText(), k -> new ArrayList<>())
              .add(tenant.get("status").asText());
        }
      }
      assertThat(byTenant).hasSize(tenants.size());
      byTenant.forEach(
          (tenant, statuses) ->
              assertThat(statuses)
                  .as(tenant)
                  .containsExactlyInAnyOrder("succeeded", "skipped", "skipped"));
    }
    for (String tenant : tenants) {
      String database = blueprint + "__" + tenant;
      assertThat(query(database, "SELECT count(*) FROM applied")).isEqualTo("1");
      assertThat(query(database, "SELECT version FROM tdb_catalog.schema_version"))
          .isEqualTo(Integer.toString(target));
    }
  }

  private static List<String> names(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }

  /** Creates tenants through the REST API, four requests at a time, as a signup burst would. */
  private static void createInParallel(String blueprint, List<String> tenants) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> creations = new ArrayList<>();
      for (String tenant : tenants) {
        creations.add(
            () -> {
              blueprints.tenant(blueprint, tenant);
              return null;
            });
      }
      for (Future<Void> creation : pool.invokeAll(creations)) {
        creation.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Runs each statement on its own in the blueprint's workspace, so each becomes a version. */
  private static void capture(String blueprint, String... ddl) throws SQLException {
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
  }

  private static void awaitSucceeded(Api api, long id, int atLeast) {
    await("deployment " + id + " with " + atLeast + " tenants succeeded")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(
            () ->
                api.get("/v1/deployments/" + id).json().get("counts").get("succeeded").asInt()
                    >= atLeast);
  }

  /** Waits until a session of {@code role} on {@code database} waits for a lock. */
  private static void awaitWaitingOnLock(String database, String role) {
    String sql =
        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND usename = ?"
            + " AND wait_event_type = 'Lock'";
    await("the index build waiting on a lock")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> AdminFixture.scalar(fixture.postgres, sql, database, role).equals("1"));
  }

  /** Ends every session of {@code role} on the server, rolling back what it had in flight. */
  private static void terminateSessionsOf(String role) throws SQLException {
    try (Connection connection = fixture.postgres.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
      statement.setString(1, role);
      statement.execute();
    }
  }

  /** Tenants per status of a deployment, read from the metadata database itself. */
  private static Map<String, Integer> statusCounts(long id) throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection connection = fixture.postgres.connect(fixture.metadataDatabase);
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT status, count(*) FROM deployment_tenants WHERE deployment_id = ?"
                    + " GROUP BY status")) {
      statement.setLong(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return counts;
  }

  private static void assertUpgradedOnce(String database, int target) throws SQLException {
    assertThat(
            query(
                database,
                "SELECT version || '/' || coalesce(pending_version, 0)"
                    + " FROM tdb_catalog.schema_version"))
        .as(database)
        .isEqualTo(target + "/0");
    assertThat(
            query(
                database,
                "SELECT count(*) FROM pg_attribute WHERE attrelid = 'items'::regclass"
                    + " AND attname = 'note' AND NOT attisdropped"))
        .as(database)
        .isEqualTo("1");
    assertThat(
            query(
                database,
                "SELECT string_agg(indexname, ',') FROM pg_indexes WHERE tablename = 'items'"
                    + " AND indexname <> 'items_pkey'"))
        .as(database)
        .isEqualTo("items_note");
  }

  private static String query(String database, String sql) throws SQLException {
    try (Connection connection = fixture.postgres.connect(database);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
