/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Schema drift against the template, and canary slices of deployments, on a real server. */
@ExtendWith(PostgresExtension.class)
final class DriftAndCanaryIT {
  private static final List<String> TENANTS = List.of("acme", "globex", "initech");
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
  void driftListsExactlyTheTenantAlteredBehindTdbsBack() throws Exception {
    String blueprint =
        designed(
            "drift",
            "CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x');"
                + " CREATE INDEX items_name ON items (name);"
                + " CREATE VIEW named AS SELECT name FROM items;"
                + " CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS 'SELECT upper(t)'");
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint, Map.of()));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    JsonNode clean = drift(blueprint);
    assertThat(clean.get("checked").asInt()).as(clean.toString()).isEqualTo(3);
    assertThat(clean.get("items")).isEmpty();

    try (Connection connection = fixture.postgres.connect(blueprint + "__globex");
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE items ALTER COLUMN name DROP NOT NULL");
    }
    JsonNode drift = drift(blueprint);
    assertThat(drift.get("items")).as(drift.toString()).hasSize(1);
    JsonNode globex = drift.get("items").get(0);
    assertThat(globex.get("logical_name").asText()).isEqualTo(blueprint + "__globex");
    assertThat(globex.get("status").asText()).isEqualTo("differs");
    assertThat(globex.get("object").asText()).isEqualTo("column public.items.name");
    assertThat(globex.get("template_definition").asText()).contains("not null");
    assertThat(globex.get("tenant_definition").asText()).doesNotContain("not null");
    assertThat(globex.get("fingerprint").asText())
        .isNotEqualTo(globex.get("template_fingerprint").asText());

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            cli("blueprints", "drift", blueprint), new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(blueprint + "__globex")
        .contains("column public.items.name")
        .contains("1 of 3 tenants differ from the template of " + blueprint)
        .doesNotContain(blueprint + "__acme");
  }

  @Test
  void driftReportsATenantAtAnotherVersion() throws Exception {
    String blueprint = designed("behind", "CREATE TABLE t (id int)");
    blueprints.awaitDeployment(
        blueprints.deploy(Map.of("blueprint", blueprint, "tenants", List.of("acme", "globex"))));
    JsonNode drift = drift(blueprint);
    assertThat(drift.get("items")).as(drift.toString()).hasSize(1);
    JsonNode initech = drift.get("items").get(0);
    assertThat(initech.get("logical_name").asText()).isEqualTo(blueprint + "__initech");
    assertThat(initech.get("status").asText()).isEqualTo("version differs");
    assertThat(initech.get("schema_version").asInt()).isZero();
    assertThat(initech.get("template_version").asInt()).isEqualTo(1);
  }

  @Test
  void aSucceedingCanaryLetsTheOtherTenantsFollow() throws Exception {
    String blueprint = designed("canaryok", "CREATE TABLE fine (id int)");
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint, Map.of("canary", 1)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("canary").asInt()).isEqualTo(1);
    assertThat(done.get("counts").get("succeeded").asInt()).isEqualTo(3);
  }

  @Test
  void aFailingCanarySkipsTheOtherTenants() throws Exception {
    String blueprint = designed("canaryko", "CREATE TABLE clash (id int)");
    try (Connection connection = fixture.postgres.connect(blueprint + "__globex");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE clash (other text)");
    }
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint, Map.of("canary", 2)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("failed");
    for (JsonNode tenant : done.get("tenants")) {
      String name = tenant.get("logical_name").asText();
      String expected =
          name.endsWith("__acme") ? "succeeded" : name.endsWith("__globex") ? "failed" : "skipped";
      assertThat(tenant.get("status").asText()).as(name).isEqualTo(expected);
      if (expected.equals("skipped")) {
        assertThat(tenant.get("error").asText()).isEqualTo("not attempted: canary failed");
      }
    }
    try (Connection connection = fixture.postgres.connect(blueprint + "__initech");
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'clash'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void theCliTakesACanary() throws Exception {
    String blueprint = designed("canarycli", "CREATE TABLE by_cli (id int)");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            cli("deployments", "create", "--blueprint", blueprint, "--all", "--canary", "2"),
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("3/3  succeeded 3, failed 0, skipped 0");
    String[] rejected =
        cli("deployments", "create", "--blueprint", blueprint, "--all", "--canary", "0");
    StringWriter errors = new StringWriter();
    assertThat(TdbCli.run(rejected, new PrintWriter(new StringWriter()), new PrintWriter(errors)))
        .isNotZero();
    assertThat(errors.toString()).contains("must be at least 1");
  }

  private static String[] cli(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--url",
            fixture.uri().toString(),
            "--user",
            fixture.admin.user(),
            "--secret",
            fixture.admin.secret()));
    return args.toArray(String[]::new);
  }

  private static JsonNode drift(String blueprint) {
    Api.Reply reply = blueprints.api.get("/v1/blueprints/" + blueprint + "/drift");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  /** A blueprint with three tenants and one captured change, made in its workspace. */
  private static String designed(String hint, String ddl) throws SQLException {
    return blueprints.designed(hint, TENANTS, ddl);
  }

  private static long deployAll(String blueprint, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("blueprint", blueprint);
    body.put("all", true);
    body.put("parallel", 2);
    return blueprints.deploy(body);
  }
}
