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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reverting pending workspace changes and importing schemas, on real workspaces and tenants. */
@ExtendWith(PostgresExtension.class)
final class WorkspaceSchemaIT {
  private static TestPostgres server;
  private static AdminFixture fixture;
  private static Blueprints blueprints;

  /** A change, and a query (as the runtime role) that is true while what it made exists. */
  private record Form(String sql, String exists) {}

  private static final List<Form> FORMS =
      List.of(
          new Form("CREATE TABLE gone (id int)", "SELECT to_regclass('public.gone') IS NOT NULL"),
          new Form(
              "CREATE INDEX base_name ON base (name)",
              "SELECT to_regclass('public.base_name') IS NOT NULL"),
          new Form(
              "CREATE VIEW base_view AS SELECT id FROM base",
              "SELECT to_regclass('public.base_view') IS NOT NULL"),
          new Form(
              "CREATE MATERIALIZED VIEW base_mat AS SELECT id FROM base",
              "SELECT to_regclass('public.base_mat') IS NOT NULL"),
          new Form("CREATE SEQUENCE counter", "SELECT to_regclass('public.counter') IS NOT NULL"),
          new Form(
              "CREATE TYPE mood AS ENUM ('happy', 'sad')", "SELECT to_regtype('mood') IS NOT NULL"),
          new Form(
              "CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql AS $$ SELECT 2 * x $$",
              "SELECT to_regprocedure('twice(int)') IS NOT NULL"),
          new Form(
              "CREATE SCHEMA reporting",
              "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'reporting')"),
          new Form(
              "ALTER TABLE base ADD COLUMN extra int DEFAULT 7",
              "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'base'::regclass"
                  + " AND attname = 'extra' AND NOT attisdropped)"),
          new Form(
              "ALTER TABLE base ADD CONSTRAINT base_positive CHECK (id > 0)",
              "SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'base_positive')"));

  /** The schema of the database that the import test builds, imports and deploys. */
  private static final String SOURCE_SCHEMA =
      """
      CREATE EXTENSION citext;
      CREATE SCHEMA billing;
      CREATE TYPE status AS ENUM ('new', 'paid', 'void');
      CREATE SEQUENCE invoice_numbers START 1000 INCREMENT 10;
      CREATE TABLE accounts (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          legacy serial,
          email citext NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          CONSTRAINT accounts_email_key UNIQUE (email));
      CREATE TABLE billing.invoices (
          number bigint PRIMARY KEY DEFAULT nextval('invoice_numbers'),
          account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
          state status NOT NULL DEFAULT 'new',
          total numeric(12,2) CHECK (total >= 0));
      CREATE INDEX invoices_account ON billing.invoices (account_id, state);
      CREATE VIEW open_invoices AS
          SELECT number, account_id FROM billing.invoices WHERE state = 'new';
      CREATE FUNCTION invoice_total(a bigint) RETURNS numeric LANGUAGE sql
          AS $$ SELECT coalesce(sum(total), 0) FROM billing.invoices WHERE account_id = a $$;
      COMMENT ON TABLE accounts IS 'who pays';
      """;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 100).status())
        .isEqualTo(201);
    // Only admin accounts may have the admin service connect to a source database.
    blueprints = new Blueprints(fixture, fixture.adminApi());
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void revertsEachSupportedFormSoNeitherChangeIsListedOrDeployed() throws Exception {
    String blueprint = blueprints.create("rev");
    String workspace = blueprint + "_workspace";
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE base (id int PRIMARY KEY, name text)");
      for (Form form : FORMS) {
        statement.execute(form.sql());
        assertThat(scalar(statement, form.exists())).as(form.sql()).isEqualTo("t");
        int version = latestVersion(blueprint);
        Api.Reply reply = revert(workspace, version);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("reverted").get("sql").asText()).isEqualTo(form.sql());
        assertThat(reply.json().get("reverted").get("skipped").asBoolean()).isTrue();
        assertThat(reply.json().get("inverse").get("version").asInt()).isEqualTo(version + 1);
        assertThat(reply.json().get("inverse").get("skipped").asBoolean()).isTrue();
        assertThat(scalar(statement, form.exists())).as(form.sql()).isEqualTo("f");
      }
    }
    JsonNode diff = blueprints.api.get("/v1/workspaces/" + workspace + "/diff").json();
    assertThat(texts(diff.get("items"), "sql"))
        .containsExactly("CREATE TABLE base (id int PRIMARY KEY, name text)");
    assertThat(
            blueprints.api.get("/v1/blueprints/" + blueprint).json().get("ready_to_deploy").asInt())
        .isEqualTo(1);

    blueprints.tenant(blueprint, "acme");
    JsonNode done =
        blueprints.awaitDeployment(blueprints.deploy(Map.of("blueprint", blueprint, "all", true)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    try (Connection tenant = blueprints.connect(blueprint + "__acme", "");
        Connection designed = blueprints.workspace(blueprint, "")) {
      List<String> deployed = SchemaSignature.of(tenant);
      assertThat(deployed).isEqualTo(SchemaSignature.of(designed));
      assertThat(SchemaSignature.kind(deployed, "column"))
          .hasSize(2)
          .allMatch(line -> line.startsWith("column | public | base | r | "));
    }

    Api.Reply deployedRevert = revert(workspace, 1);
    assertRefused(deployedRevert, "version_deployed", "version 1");
  }

  @Test
  void refusesChangesWithoutInverseAndChangesOthersMayDependOn() throws SQLException {
    String blueprint = blueprints.create("refuse");
    String workspace = blueprint + "_workspace";
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE parent (id int PRIMARY KEY, amount int)");
      statement.execute("CREATE TABLE child (parent_id int REFERENCES parent (id))");
      assertRefused(
          revert(workspace, 1), "not_latest_change", "version 1 is followed by version 2");

      statement.execute("ALTER TABLE parent ALTER COLUMN amount TYPE bigint");
      assertRefused(revert(workspace, 3), "no_inverse", "version 3 (ALTER TABLE) has no inverse");

      statement.execute("DROP TABLE child");
      assertRefused(revert(workspace, 4), "no_inverse", "version 4 (DROP TABLE) has no inverse");

      statement.execute("DO $$ BEGIN EXECUTE 'CREATE TABLE made_in_do (id int)'; END $$");
      assertRefused(revert(workspace, 5), "no_inverse", "version 5 (CREATE TABLE) has no inverse");
      assertThat(scalar(statement, "SELECT to_regclass('made_in_do') IS NOT NULL")).isEqualTo("t");
    }
    assertThat(
            blueprints.api.post("/v1/workspaces/" + workspace + "/diff/5/skip", Map.of()).status())
        .isEqualTo(200);
    assertRefused(revert(workspace, 5), "version_skipped", "version 5");
    assertThat(revert(workspace, 99).status()).isEqualTo(404);
    assertThat(texts(blueprints.versions(blueprint), "skipped"))
        .containsExactly("false", "false", "false", "false", "true");
  }

  @Test
  void aRevertWaitsForDdlBeingCommittedInTheWorkspaceAndThenSeesIt() throws Exception {
    String blueprint = blueprints.create("race");
    String workspace = blueprint + "_workspace";
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE first (id int)");
      connection.setAutoCommit(false);
      statement.execute("CREATE INDEX first_id ON first (id)");
      CompletableFuture<Api.Reply> reverting =
          CompletableFuture.supplyAsync(() -> revert(workspace, 1));
      await("the revert waiting on a lock in the workspace")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(20))
          .until(
              () ->
                  AdminFixture.scalar(
                          fixture.postgres,
                          "SELECT count(*) FROM pg_stat_activity"
                              + " WHERE datname = ? AND wait_event_type = 'Lock'",
                          workspace)
                      .equals("1"));
      assertThat(reverting).as("the revert waits for the open DDL transaction").isNotDone();
      connection.commit();
      assertRefused(
          reverting.get(30, TimeUnit.SECONDS),
          "not_latest_change",
          "version 1 is followed by version 2 (CREATE INDEX)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"saas", "ecommerce", "blog"})
  void loadsEachTemplateAndDeploysIt(String template) throws Exception {
    String blueprint = blueprints.create("t" + template.charAt(0));
    Api.Reply reply =
        blueprints.api.post(
            "/v1/workspaces/" + blueprint + "_workspace/schema", Map.of("template", template));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode loaded = reply.json();
    assertThat(loaded.get("source").asText()).isEqualTo("template " + template);
    assertThat(loaded.get("skipped").size()).as(reply.body()).isZero();
    assertThat(loaded.get("versions").size())
        .isEqualTo(loaded.get("applied").asInt())
        .isGreaterThan(5);
    assertThat(texts(blueprints.versions(blueprint), "command_tag"))
        .contains("CREATE TYPE", "CREATE TABLE", "CREATE INDEX", "CREATE VIEW");
    if (template.equals("saas")) {
      assertThat(texts(blueprints.versions(blueprint), "command_tag"))
          .startsWith("CREATE EXTENSION");
    }

    blueprints.tenant(blueprint, "first");
    JsonNode done =
        blueprints.awaitDeployment(blueprints.deploy(Map.of("blueprint", blueprint, "all", true)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    try (Connection tenant = blueprints.connect(blueprint + "__first", "");
        Connection designed = blueprints.workspace(blueprint, "")) {
      List<String> deployed = SchemaSignature.of(tenant);
      assertThat(deployed).isEqualTo(SchemaSignature.of(designed));
      assertThat(SchemaSignature.kind(deployed, "constraint"))
          .anyMatch(l -> l.contains("FOREIGN KEY"));
    }
  }

  @Test
  void refusesAnUnknownTemplateAndASourceThatIsNotAUrl() {
    String workspace = blueprints.create("bad") + "_workspace";
    Api.Reply unknown =
        blueprints.api.post("/v1/workspaces/" + workspace + "/schema", Map.of("template", "crm"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("invalid_template");
    Api.Reply notUrl =
        blueprints.api.post(
            "/v1/workspaces/" + workspace + "/schema", Map.of("database", "mysql://x/y"));
    assertThat(notUrl.status()).isEqualTo(400);
    assertThat(notUrl.json().get("error").get("code").asText()).isEqualTo("invalid_database");
    Api.Reply both =
        blueprints.api.post(
            "/v1/workspaces/" + workspace + "/schema",
            Map.of("database", "postgresql://u@h/d", "template", "blog"));
    assertThat(both.status()).isEqualTo(400);
  }

  @Test
  void answersAsForEveryFailedConnectionWhenTheSourceRefusesTheLogin() {
    String workspace = blueprints.create("nopw") + "_workspace";
    Api.Reply reply =
        blueprints.api.post(
            "/v1/workspaces/" + workspace + "/schema",
            Map.of(
                "database",
                "postgresql://"
                    + server.superuser()
                    + "@"
                    + server.host()
                    + ":"
                    + server.port()
                    + "/"
                    + server.maintenanceDatabase()));
    assertThat(reply.status()).as(reply.body()).isEqualTo(422);
    JsonNode error = reply.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("source_connect_failed");
    assertThat(error.get("message").asText())
        .isEqualTo(
            "the source database "
                + server.host()
                + ":"
                + server.port()
                + "/"
                + server.maintenanceDatabase()
                + " could not be reached or refused the login");
    assertThat(error.get("hint").asText()).contains("password");
  }

  @Test
  void importsTheSchemaOfADatabaseAndDeploysItToATenantThatThenMatchesIt() throws Exception {
    // Read by the schema reader from a database on the test server, PostgreSQL 17: no pg_dump
    // (the host's is older) takes part.
    String source = server.createDatabase("bp_source");
    try {
      try (Connection connection = server.connect(source);
          Statement statement = connection.createStatement()) {
        statement.execute(SOURCE_SCHEMA);
      }
      String blueprint = blueprints.create("imp");
      Api.Reply reply =
          blueprints.api.post(
              "/v1/workspaces/" + blueprint + "_workspace/schema",
              Map.of("database", serverUrl(source)));
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      JsonNode imported = reply.json();
      assertThat(imported.get("source").asText()).endsWith("/" + source);
      assertThat(texts(imported.get("versions"), "command_tag"))
          .contains(
              "CREATE EXTENSION",
              "CREATE SCHEMA",
              "CREATE TYPE",
              "CREATE SEQUENCE",
              "CREATE TABLE",
              "ALTER TABLE",
              "CREATE INDEX",
              "CREATE VIEW",
              "CREATE FUNCTION",
              "COMMENT");
      assertThat(imported.get("skipped").size()).as(reply.body()).isZero();
      // Each statement ran once and became one version.
      assertThat(imported.get("versions").size()).isEqualTo(imported.get("applied").asInt());

      blueprints.tenant(blueprint, "copy");
      JsonNode done =
          blueprints.awaitDeployment(
              blueprints.deploy(Map.of("blueprint", blueprint, "all", true)));
      assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
      List<String> original;
      try (Connection connection = server.connect(source)) {
        original = SchemaSignature.of(connection);
      }
      List<String> copy;
      try (Connection tenant = blueprints.connect(blueprint + "__copy", "")) {
        copy = SchemaSignature.of(tenant);
      }
      assertThat(copy).isEqualTo(original);
      for (String kind :
          List.of("column", "constraint", "index", "view", "function", "enum", "sequence")) {
        assertThat(SchemaSignature.kind(original, kind)).as(kind).isNotEmpty();
      }
    } finally {
      server.dropDatabase(source);
    }
  }

  private static String serverUrl(String database) {
    return "postgresql://"
        + server.superuser()
        + ":"
        + server.password()
        + "@"
        + server.host()
        + ":"
        + server.port()
        + "/"
        + database;
  }

  private static Api.Reply revert(String workspace, int version) {
    return blueprints.api.post(
        "/v1/workspaces/" + workspace + "/diff/" + version + "/revert", Map.of());
  }

  private static void assertRefused(Api.Reply reply, String code, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    JsonNode error = reply.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).contains(message);
    assertThat(error.get("hint").asText()).isNotBlank();
  }

  private static int latestVersion(String blueprint) {
    return blueprints.api.get("/v1/blueprints/" + blueprint).json().get("latest_version").asInt();
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(item -> values.add(item.get(field).asText()));
    return values;
  }
}
