/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.cli.TdbCli;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** New tenants are copies of their blueprint's template database, kept at the released version. */
@ExtendWith(PostgresExtension.class)
final class TemplatesIT {
  private static AdminFixture fixture;
  private static Blueprints blueprints;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    blueprints = Blueprints.onOneCluster(postgres, 100);
    fixture = blueprints.fixture;
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void deploymentsUpgradeTheTemplateAndNewTenantsAreCopiesOfIt() throws Exception {
    String blueprint = designed("copy", "CREATE TABLE items (id serial PRIMARY KEY, name text)");
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    JsonNode template = done.get("templates").get(0);
    assertThat(template.get("version").asInt()).as(done.toString()).isEqualTo(1);
    assertThat(template.get("error").isNull()).isTrue();
    String database = "_tdb_template__" + blueprint;
    try (Connection connection = fixture.postgres.connect();
        Statement statement = connection.createStatement()) {
      assertThat(
              scalar(
                  statement,
                  "SELECT datistemplate || ' ' || pg_get_userbyid(datdba) FROM pg_database"
                      + " WHERE datname = '"
                      + database
                      + "'"))
          .isEqualTo("true " + blueprint + "__owner");
    }
    // Only a copy carries what was put into the template behind tdb's back.
    try (Connection connection = fixture.postgres.connect(database);
        Statement statement = connection.createStatement()) {
      assertThat(scalar(statement, "SELECT version FROM tdb_catalog.schema_version"))
          .isEqualTo("1");
      statement.execute("COMMENT ON TABLE items IS 'copied'");
    }
    blueprints.tenant(blueprint, "newcomer");
    String logical = blueprint + "__newcomer";
    try (Connection connection = blueprints.connect(logical, "");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO items (name) VALUES ('first')");
      assertThat(scalar(statement, "SELECT obj_description('items'::regclass)"))
          .isEqualTo("copied");
      assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (id int)"))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
    JsonNode tenant = blueprints.api.get("/v1/tenants/" + logical).json();
    assertThat(tenant.get("schema_version").asInt()).as(tenant.toString()).isEqualTo(1);
    assertThat(tenant.get("released_version").asInt()).isEqualTo(1);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] get = {
      "tenants",
      "get",
      logical,
      "--url",
      fixture.uri().toString(),
      "--user",
      fixture.admin.user(),
      "--secret",
      fixture.admin.secret()
    };
    assertThat(TdbCli.run(get, new PrintWriter(out), new PrintWriter(err)))
        .as(err.toString())
        .isZero();
    assertThat(out.toString())
        .containsPattern("schema_version: +1")
        .containsPattern("released_version: +1");
  }

  @Test
  void aCopyWaitsBrieflyForASessionOnTheTemplateToEnd() throws Exception {
    String blueprint = designed("busy", "CREATE TABLE busy (id int)");
    blueprints.awaitDeployment(deployAll(blueprint));
    String database = "_tdb_template__" + blueprint;
    try (Connection connection = fixture.postgres.connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute("COMMENT ON TABLE busy IS 'copied after the session ended'");
    }
    Connection session = fixture.postgres.connect(database);
    Thread closer =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
                session.close();
              } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    closer.start();
    blueprints.tenant(blueprint, "patient");
    closer.join();
    try (Connection connection = fixture.postgres.connect(blueprint + "__patient");
        Statement statement = connection.createStatement()) {
      assertThat(scalar(statement, "SELECT obj_description('busy'::regclass)"))
          .isEqualTo("copied after the session ended");
    }
  }

  @Test
  void aCopiedTenantsRuntimeRoleCanUseWhatLaterDeploymentsCreate() throws Exception {
    String blueprint = designed("later", "CREATE TABLE first_table (id int)");
    blueprints.awaitDeployment(deployAll(blueprint));
    blueprints.tenant(blueprint, "copied");
    blueprints.change(blueprint, "CREATE TABLE second_table (id serial PRIMARY KEY, body text)");
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("templates").get(0).get("version").asInt()).isEqualTo(2);
    try (Connection connection = blueprints.connect(blueprint + "__copied", "");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO second_table (body) VALUES ('default privileges')");
      assertThat(scalar(statement, "SELECT count(*) FROM second_table")).isEqualTo("1");
    }
  }

  @Test
  void aMissingTemplateFallsBackToReplayAndIsMadeAgain() throws Exception {
    String blueprint = designed("repair", "CREATE TABLE notes (body text)");
    blueprints.awaitDeployment(deployAll(blueprint));
    String database = "_tdb_template__" + blueprint;
    try (Connection connection = fixture.postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER DATABASE \"" + database + "\" IS_TEMPLATE false");
      statement.execute("DROP DATABASE \"" + database + "\"");
    }
    blueprints.tenant(blueprint, "replayed");
    try (Connection connection = blueprints.connect(blueprint + "__replayed", "");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO notes VALUES ('replayed')");
    }
    try (Connection connection = fixture.postgres.connect(database);
        Statement statement = connection.createStatement()) {
      assertThat(scalar(statement, "SELECT version FROM tdb_catalog.schema_version"))
          .isEqualTo("1");
    }
  }

  @Test
  void aFailingTemplateIsRecordedOnTheDeploymentAndTheTenantsStillUpgrade() throws Exception {
    String blueprint = designed("broken", "CREATE TABLE clash (id int)");
    blueprints.tenant(blueprint, "early");
    try (Connection connection = fixture.postgres.connect("_tdb_template__" + blueprint);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE clash (other text)");
    }
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    JsonNode template = done.get("templates").get(0);
    assertThat(template.get("version").asInt()).as(done.toString()).isZero();
    assertThat(template.get("sql_state").asText()).isEqualTo("42P07");
    assertThat(template.get("error").asText()).contains("\"clash\" already exists");
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void deletingTheWorkspaceDropsTheTemplate() throws Exception {
    String blueprint = designed("gone", "CREATE TABLE t (id int)");
    blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(blueprints.api.delete("/v1/tenants/" + blueprint + "__acme?hard=true").status())
        .isEqualTo(204);
    assertThat(blueprints.api.delete("/v1/workspaces/" + blueprint + "_workspace").status())
        .isEqualTo(204);
    try (Connection connection = fixture.postgres.connect();
        Statement statement = connection.createStatement()) {
      assertThat(
              scalar(
                  statement,
                  "SELECT count(*) FROM pg_database WHERE datname = '_tdb_template__"
                      + blueprint
                      + "'"))
          .isEqualTo("0");
      assertThat(
              scalar(
                  statement,
                  "SELECT count(*) FROM pg_roles WHERE rolname = '" + blueprint + "__owner'"))
          .isEqualTo("0");
    }
  }

  /** A blueprint with tenant acme and one captured change. */
  private static String designed(String hint, String ddl) throws SQLException {
    return blueprints.designed(hint, List.of("acme"), ddl);
  }

  private static long deployAll(String blueprint) {
    return blueprints.deploy(Map.of("blueprint", blueprint, "all", true));
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
