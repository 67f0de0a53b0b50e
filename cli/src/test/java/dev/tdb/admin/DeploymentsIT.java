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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deployments take captured versions to tenant databases exactly once, over real servers. */
@ExtendWith(PostgresExtension.class)
final class DeploymentsIT {
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
  void deploysToEveryTenantWhoseRuntimeRoleThenWritesTheNewTable() throws Exception {
    String blueprint = designed("all", "CREATE TABLE items (id serial PRIMARY KEY, name text)");
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("counts").get("succeeded").asInt()).isEqualTo(3);
    for (String tenant : TENANTS) {
      try (Connection connection = blueprints.connect(blueprint + "__" + tenant, "");
          Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO items (name) VALUES ('" + tenant + "')");
        assertThat(scalar(statement, "SELECT count(*) FROM items")).isEqualTo("1");
      }
      assertThat(blueprints.tenantVersion(blueprint + "__" + tenant)).isEqualTo("1");
    }
  }

  @Test
  void appliesEachChangeOnceWhenDeployedAgainOrTwiceAtTheSameTime() throws Exception {
    String blueprint = designed("once", "CREATE TABLE orders (id int)");
    long first = deployAll(blueprint);
    long second = deployAll(blueprint);
    JsonNode a = blueprints.awaitDeployment(first);
    JsonNode b = blueprints.awaitDeployment(second);
    assertThat(List.of(a.get("status").asText(), b.get("status").asText()))
        .containsOnly("succeeded");
    assertThat(a.get("counts").get("succeeded").asInt() + b.get("counts").get("succeeded").asInt())
        .isEqualTo(3);
    JsonNode again = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(again.get("counts").get("skipped").asInt()).isEqualTo(3);
  }

  @Test
  void recordsTheFailingTenantWithPostgresErrorAndUpgradesTheOthers() throws Exception {
    String blueprint = designed("fail", "CREATE TABLE clash (id int)");
    try (Connection connection = fixture.postgres.connect(blueprint + "__globex");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE clash (other text)");
    }
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(done.get("status").asText()).isEqualTo("failed");
    for (JsonNode tenant : done.get("tenants")) {
      boolean globex = tenant.get("logical_name").asText().endsWith("__globex");
      assertThat(tenant.get("status").asText()).isEqualTo(globex ? "failed" : "succeeded");
      if (globex) {
        assertThat(tenant.get("sql_state").asText()).isEqualTo("42P07");
        assertThat(tenant.get("error").asText()).contains("\"clash\" already exists");
        assertThat(blueprints.tenantVersion(blueprint + "__globex")).isEqualTo("0");
      }
    }
  }

  @Test
  void startsNewTenantsAtTheDeployedVersion() throws Exception {
    String blueprint = designed("late", "CREATE TABLE notes (body text)");
    blueprints.awaitDeployment(deployAll(blueprint));
    blueprints.tenant(blueprint, "newcomer");
    try (Connection connection = blueprints.connect(blueprint + "__newcomer", "");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO notes VALUES ('hello')");
    }
    assertThat(blueprints.tenantVersion(blueprint + "__newcomer")).isEqualTo("1");
  }

  @Test
  void appliesChangesWithTheOwnersRightsOnlyEvenWhenAChangeResetsItsRole() throws Exception {
    // In the workspace this runs as the workspace role; deployed, RESET ROLE must not reach a
    // superuser, so the probe records the rights the change really had on the tenant.
    String blueprint =
        designed(
            "escape",
            "DO $$ BEGIN RESET ROLE; CREATE TABLE probe AS SELECT current_user::text AS who,"
                + " (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super; END $$");
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    try (Connection connection = fixture.postgres.connect(blueprint + "__acme");
        Statement statement = connection.createStatement()) {
      assertThat(scalar(statement, "SELECT who || ' ' || super FROM probe"))
          .isEqualTo(blueprint + "__owner false");
      assertThat(scalar(statement, "SELECT tableowner FROM pg_tables WHERE tablename = 'probe'"))
          .isEqualTo(blueprint + "__owner");
    }
  }

  @Test
  void refusesAVersionThatDoesNotExistAndUpgradesSuspendedTenantsToo() throws Exception {
    String blueprint = designed("bad", "CREATE TABLE ledger (id int)");
    Api.Reply missing =
        blueprints.api.post(
            "/v1/deployments", Map.of("blueprint", blueprint, "all", true, "version", 7));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.errorCode()).isEqualTo("version_not_found");
    assertThat(missing.json().get("error").get("message").asText()).contains(blueprint + " v7");
    assertThat(
            blueprints.api.post("/v1/tenants/" + blueprint + "__globex/suspend", Map.of()).status())
        .isEqualTo(200);
    // A suspended tenant keeps in step with the blueprint, so it is current when resumed.
    JsonNode done = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(done.get("counts").get("succeeded").asInt()).as(done.toString()).isEqualTo(3);
    assertThat(blueprints.tenantVersion(blueprint + "__globex")).isEqualTo("1");
  }

  @Test
  void theCliDeploysAndShowsProgress() throws Exception {
    String blueprint = designed("cli", "CREATE TABLE cli_made (id int)");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = {
      "deployments",
      "create",
      "--blueprint",
      blueprint,
      "--all",
      "--parallel",
      "2",
      "--url",
      fixture.uri().toString(),
      "--user",
      fixture.admin.user(),
      "--secret",
      fixture.admin.secret()
    };
    int code = TdbCli.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("3/3  succeeded 3, failed 0, skipped 0")
        .contains("to version 1: succeeded: 3 tenants upgraded to version 1")
        .contains(blueprint + "__acme");
    StringWriter again = new StringWriter();
    code = TdbCli.run(args, new PrintWriter(again), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(again.toString())
        .contains("to version 1: nothing to deploy: 3 tenants already at version 1")
        .doesNotContain(": succeeded");
  }

  @Test
  void saysSoWhenEveryTenantWasAlreadyAtTheTarget() throws Exception {
    String blueprint = designed("noop", "CREATE TABLE noop (id int)");
    JsonNode first = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(first.get("summary").asText())
        .isEqualTo("succeeded: 3 tenants upgraded to version 1");
    JsonNode again = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(again.get("summary").asText())
        .isEqualTo("nothing to deploy: 3 tenants already at version 1");
  }

  @Test
  void refusesToTakeTenantsBackToAnOlderVersionBeforeAnythingRuns() throws Exception {
    String blueprint = designed("back", "CREATE TABLE first_table (id int)");
    blueprints.awaitDeployment(deployAll(blueprint));
    blueprints.change(blueprint, "CREATE TABLE second_table (id int)");
    JsonNode forward = blueprints.awaitDeployment(deployAll(blueprint));
    assertThat(forward.get("status").asText()).as(forward.toString()).isEqualTo("succeeded");
    int before =
        blueprints.api.get("/v1/deployments?blueprint=" + blueprint).json().get("items").size();

    Api.Reply back =
        blueprints.api.post(
            "/v1/deployments", Map.of("blueprint", blueprint, "all", true, "version", 1));
    assertThat(back.status()).as(back.body()).isEqualTo(409);
    assertThat(back.errorCode()).isEqualTo("deployment_downgrade");
    assertThat(back.errorMessage())
        .contains("version 1 of " + blueprint + " is older than 3 of the tenants")
        .contains(blueprint + "__acme (version 2)")
        .contains(blueprint + "__initech (version 2)");
    assertThat(back.json().get("error").get("hint").asText())
        .contains(blueprint + "_workspace")
        .contains("version 3")
        .contains("diff-revert")
        .contains("backups");
    assertThat(blueprints.api.get("/v1/deployments?blueprint=" + blueprint).json().get("items"))
        .hasSize(before);
    assertThat(blueprints.tenantVersion(blueprint + "__acme")).isEqualTo("2");

    Api.Reply one =
        blueprints.api.post(
            "/v1/deployments",
            Map.of("blueprint", blueprint, "tenants", List.of("globex"), "version", 1));
    assertThat(one.status()).isEqualTo(409);
    assertThat(one.errorMessage()).contains("older than 1 of the tenants").contains("__globex");
  }

  /** A blueprint with three tenants and one captured change, made in its workspace. */
  private static String designed(String hint, String ddl) throws SQLException {
    return blueprints.designed(hint, TENANTS, ddl);
  }

  private static long deployAll(String blueprint) {
    return blueprints.deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 2));
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
