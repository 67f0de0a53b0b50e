/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DDL committed in a tenant workspace becomes blueprint versions, seen over real connections. */
@ExtendWith(PostgresExtension.class)
final class BlueprintCaptureIT {
  private static AdminFixture fixture;
  private static Blueprints blueprints;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 100).status())
        .isEqualTo(201);
    blueprints = new Blueprints(fixture, Api.basic(fixture.uri(), fixture.newAccount()));
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void capturesCommittedDdlOfTheRuntimeRoleButNotRolledBackOrFailedDdl() throws SQLException {
    String blueprint = blueprints.create("cap");
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text)");
      statement.execute("INSERT INTO items VALUES (1, 'a')");
      connection.setAutoCommit(false);
      statement.execute("CREATE TABLE scratch (id int)");
      connection.rollback();
      connection.setAutoCommit(true);
      assertThatThrownBy(() -> statement.execute("CREATE TABLE items (id int)"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42P07");
      statement.execute("CREATE TEMP TABLE session_only (id int)");
      statement.execute("DROP TABLE session_only");
      statement.execute("ALTER TABLE items ADD COLUMN price numeric");
    }
    JsonNode versions = blueprints.versions(blueprint);
    assertThat(texts(versions, "sql"))
        .containsExactly(
            "CREATE TABLE items (id bigint PRIMARY KEY, name text)",
            "ALTER TABLE items ADD COLUMN price numeric");
    assertThat(versions.get(0).get("command_tag").asText()).isEqualTo("CREATE TABLE");
    assertThat(versions.get(0).get("object_identity").asText()).isEqualTo("public.items");
    assertThat(versions.get(0).get("role").asText()).isEqualTo(blueprint + "_workspace__rt");
    assertThat(versions.get(1).get("version").asInt()).isEqualTo(2);
  }

  @Test
  void keepsEachDdlStatementOfAMultiStatementStringAndLeavesTheDmlOut() throws SQLException {
    String blueprint = blueprints.create("multi");
    try (Connection connection = blueprints.workspace(blueprint, "?preferQueryMode=simple");
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE a (id int); INSERT INTO a VALUES (1);"
              + " CREATE INDEX a_id ON a (id); SELECT 1; DROP TABLE IF EXISTS nothing_here");
      statement.execute("CREATE INDEX CONCURRENTLY a_id2 ON a (id)");
      statement.execute("DROP INDEX a_id2");
    }
    JsonNode versions = blueprints.versions(blueprint);
    assertThat(texts(versions, "sql"))
        .containsExactly(
            "CREATE TABLE a (id int)",
            "CREATE INDEX a_id ON a (id)",
            "CREATE INDEX CONCURRENTLY a_id2 ON a (id)",
            "DROP INDEX a_id2");
    assertThat(texts(versions, "non_transactional"))
        .containsExactly("false", "false", "true", "false");
    assertThat(versions.get(3).get("object_identity").asText()).isEqualTo("public.a_id2");
  }

  @Test
  void theRuntimeRoleCannotReadOrChangeTheCapture() throws SQLException {
    String blueprint = blueprints.create("tamper");
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      for (String sql :
          List.of(
              "SELECT * FROM tdb_catalog.changes",
              "DELETE FROM tdb_catalog.changes",
              "DROP SCHEMA tdb_catalog CASCADE",
              "ALTER EVENT TRIGGER tdb_capture_ddl DISABLE",
              "DROP EVENT TRIGGER tdb_capture_ddl",
              "SET session_replication_role = replica")) {
        assertThatThrownBy(() -> statement.execute(sql))
            .as(sql)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
      }
      statement.execute("CREATE TABLE still_captured (id int)");
    }
    assertThat(texts(blueprints.versions(blueprint), "sql"))
        .containsExactly("CREATE TABLE still_captured (id int)");
  }

  @Test
  void listsDiffsAndSkipsVersionsNotYetDeployed() throws SQLException {
    String blueprint = blueprints.create("skip");
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (id int)");
      statement.execute("CREATE TABLE dropped_from_queue (id int)");
    }
    String workspace = blueprint + "_workspace";
    assertThat(
            texts(
                blueprints.api.get("/v1/workspaces/" + workspace + "/diff").json().get("items"),
                "version"))
        .containsExactly("1", "2");
    Api.Reply skipped =
        blueprints.api.post("/v1/workspaces/" + workspace + "/diff/2/skip", Map.of());
    assertThat(skipped.status()).as(skipped.body()).isEqualTo(200);
    assertThat(skipped.json().get("skipped").asBoolean()).isTrue();
    JsonNode listed = blueprints.api.get("/v1/blueprints/" + blueprint).json();
    assertThat(listed.get("latest_version").asInt()).isEqualTo(2);
    assertThat(listed.get("ready_to_deploy").asInt()).isEqualTo(1);
    assertThat(
            blueprints.api.post("/v1/workspaces/" + workspace + "/diff/9/skip", Map.of()).status())
        .isEqualTo(404);
  }

  @Test
  void sessionsChangingOnlyTemporaryObjectsInOpenTransactionsDoNotWaitForEachOther()
      throws SQLException {
    String blueprint = blueprints.create("tmpwait");
    try (Connection first = blueprints.workspace(blueprint, "");
        Connection second = blueprints.workspace(blueprint, "")) {
      for (Connection session : List.of(first, second)) {
        session.setAutoCommit(false);
        try (Statement statement = session.createStatement()) {
          // A regression fails with 55P03 after this bound instead of hanging.
          statement.execute("SET LOCAL lock_timeout = '10s'");
          temporaryObjects(statement);
        }
      }
      assertThat(heldCaptureLocks(first)).isZero();
      first.rollback();
      second.rollback();
    }
    assertThat(blueprints.versions(blueprint)).isEmpty();
  }

  @Test
  void temporaryObjectsNeverBecomeVersions() throws SQLException {
    String blueprint = blueprints.create("tmpskip");
    try (Connection connection = blueprints.workspace(blueprint, "?preferQueryMode=simple");
        Statement statement = connection.createStatement()) {
      temporaryObjects(statement);
      statement.execute("CREATE TEMP TABLE copied AS SELECT 1 AS id");
      statement.execute("SELECT 1 AS id INTO TEMP selected");
      statement.execute("CREATE TEMP SEQUENCE counter");
      statement.execute("ALTER TABLE scratch ADD COLUMN note text");
      statement.execute("COMMENT ON TABLE scratch IS 'session only'");
      statement.execute("DROP TRIGGER scratch_trigger ON scratch");
      statement.execute("DROP RULE scratch_rule ON scratch");
      statement.execute("DROP POLICY scratch_policy ON scratch");
      statement.execute("DROP VIEW scratch_view");
      statement.execute("DROP TABLE scratch, copied");
      statement.execute("CREATE TEMP TABLE before_kept (id int); CREATE TABLE kept (id int)");
    }
    JsonNode versions = blueprints.versions(blueprint);
    assertThat(texts(versions, "sql")).containsExactly("CREATE TABLE kept (id int)");
    assertThat(texts(versions, "object_identity")).containsExactly("public.kept");
  }

  @Test
  void realDdlBesideTemporaryObjectsIsCapturedAndHoldsTheOrderingLock() throws SQLException {
    String blueprint = blueprints.create("tmpmix");
    try (Connection first = blueprints.workspace(blueprint, "");
        Connection second = blueprints.workspace(blueprint, "");
        Statement one = first.createStatement();
        Statement two = second.createStatement()) {
      first.setAutoCommit(false);
      one.execute("CREATE TEMP TABLE scratch (id int)");
      one.execute("CREATE TABLE first_real (id int)");
      assertThat(heldCaptureLocks(first)).isOne();
      second.setAutoCommit(false);
      two.execute("SET LOCAL lock_timeout = '200ms'");
      assertThatThrownBy(() -> two.execute("CREATE TABLE second_real (id int)"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("55P03");
      second.rollback();
      first.commit();
      two.execute("CREATE TABLE second_real (id int)");
      second.commit();
    }
    assertThat(texts(blueprints.versions(blueprint), "sql"))
        .containsExactly("CREATE TABLE first_real (id int)", "CREATE TABLE second_real (id int)");
  }

  @Test
  void realDdlOfTwoSessionsIsCapturedInCommitOrder() throws Exception {
    String blueprint = blueprints.create("order");
    String role = blueprint + "_workspace__rt";
    ExecutorService background = Executors.newSingleThreadExecutor();
    try (Connection first = blueprints.workspace(blueprint, "");
        Connection second = blueprints.workspace(blueprint, "");
        Statement one = first.createStatement()) {
      first.setAutoCommit(false);
      one.execute("CREATE TABLE one (id int)");
      Future<Void> later =
          background.submit(
              () -> {
                try (Statement two = second.createStatement()) {
                  second.setAutoCommit(false);
                  two.execute("SET LOCAL lock_timeout = '30s'");
                  two.execute("CREATE TABLE two (id int)");
                  second.commit();
                }
                return null;
              });
      awaitWaitingOnLock(role);
      one.execute("CREATE INDEX one_id ON one (id)");
      first.commit();
      later.get(30, TimeUnit.SECONDS);
    } finally {
      background.shutdownNow();
    }
    assertThat(texts(blueprints.versions(blueprint), "sql"))
        .containsExactly(
            "CREATE TABLE one (id int)",
            "CREATE INDEX one_id ON one (id)",
            "CREATE TABLE two (id int)");
  }

  @Test
  void aRestartRefreshesTheCaptureOfAnExistingWorkspace() throws SQLException {
    String blueprint = blueprints.create("upgrade");
    String database =
        blueprints
            .api
            .get("/v1/routing/" + blueprint + "_workspace")
            .json()
            .get("database")
            .asText();
    try (Connection superuser = fixture.postgres.connect(database);
        Statement statement = superuser.createStatement()) {
      // What an older capture did: record, and lock for, every command.
      statement.execute(
          "CREATE OR REPLACE FUNCTION tdb_catalog.on_ddl_command_end() RETURNS event_trigger"
              + " LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
              + " AS $$ BEGIN PERFORM tdb_catalog.record(tg_tag, NULL); END $$");
    }
    assertThat(temporaryTableTakesCaptureLock(blueprint)).isTrue();
    fixture.startAnother().close();
    assertThat(temporaryTableTakesCaptureLock(blueprint)).isFalse();
  }

  /** Creates, in {@code statement}'s session, temporary objects of every kind capture skips. */
  private static void temporaryObjects(Statement statement) throws SQLException {
    statement.execute("CREATE TEMP TABLE scratch (id serial PRIMARY KEY, name text UNIQUE)");
    statement.execute("CREATE INDEX scratch_name ON scratch (name)");
    statement.execute("CREATE TEMP VIEW scratch_view AS SELECT id FROM scratch");
    statement.execute(
        "CREATE TRIGGER scratch_trigger BEFORE UPDATE ON scratch FOR EACH ROW"
            + " EXECUTE FUNCTION suppress_redundant_updates_trigger()");
    statement.execute("CREATE RULE scratch_rule AS ON DELETE TO scratch DO INSTEAD NOTHING");
    statement.execute("CREATE POLICY scratch_policy ON scratch USING (true)");
  }

  private static boolean temporaryTableTakesCaptureLock(String blueprint) throws SQLException {
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      statement.execute("CREATE TEMP TABLE scratch (id int)");
      boolean locked = heldCaptureLocks(connection) > 0;
      connection.rollback();
      return locked;
    }
  }

  /** How many capture locks {@code session}'s transaction holds. */
  private static int heldCaptureLocks(Connection session) throws SQLException {
    try (Statement statement = session.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    + " AND pid = pg_backend_pid() AND classid = 7340021 AND objid = 2"
                    + " AND granted")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Waits until a session of {@code role} waits for a lock. */
  private static void awaitWaitingOnLock(String role) {
    String sql =
        "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND wait_event_type = 'Lock'";
    await("the second session waiting on a lock")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> AdminFixture.scalar(fixture.postgres, sql, role).equals("1"));
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(item -> values.add(item.get(field).asText()));
    return values;
  }
}
