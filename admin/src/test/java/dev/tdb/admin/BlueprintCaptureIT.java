/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  private static List<String> texts(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(item -> values.add(item.get(field).asText()));
    return values;
  }
}
