/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.cli.TdbCli;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The {@code tdb} CLI against a running admin service, as a user types it. */
@ExtendWith(PostgresExtension.class)
final class TdbCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static AdminFixture fixture;
  private static TestPostgres postgres;

  @BeforeAll
  static void start(TestPostgres server) throws SQLException {
    postgres = server;
    fixture = AdminFixture.start(server);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.cleanUp(postgres);
    fixture.close();
  }

  /** What one CLI run printed and returned. */
  private record Run(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private static Run tdb(String... args) {
    return tdbAs(fixture.admin.user(), fixture.admin.secret(), args);
  }

  private static Run tdbAs(String user, String secret, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", fixture.uri().toString(), "--user", user, "--secret", secret));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TdbCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void managesClustersWorkspacesTenantsAndSettings() throws Exception {
    String cluster = fixture.prefix + "local";
    Run added =
        tdb(
            "clusters",
            "add",
            cluster,
            "--host",
            postgres.host(),
            "--port",
            Integer.toString(postgres.port()),
            "--superuser",
            postgres.superuser(),
            "--password",
            postgres.password(),
            "--ssl-mode",
            "disable");
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out())
        .contains("registered cluster " + cluster)
        .contains("databases closed to PUBLIC (CONNECT and TEMPORARY):")
        .containsPattern("\n  postgres: (already closed|revoked CONNECT)")
        .contains("one tenant may have at most ");
    assertThat(added.out() + added.err()).doesNotContain(postgres.password());

    String blueprint = fixture.blueprint("shop");
    assertThat(
            tdb("workspaces", "create", blueprint + "_workspace", "--cluster", cluster).exitCode())
        .isZero();
    Run created = tdb("tenants", "create", blueprint + "__acme");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("created tenant " + blueprint + "__acme on cluster " + cluster);
    assertThat(tdb("tenants", "create", "globex", "--blueprint", blueprint).exitCode()).isZero();

    Run table = tdb("tenants", "list", "--blueprint", blueprint);
    assertThat(table.out().lines().findFirst().orElseThrow())
        .startsWith("LOGICAL_NAME")
        .contains("STATUS");
    assertThat(table.out()).contains(blueprint + "__acme", blueprint + "__globex");

    JsonNode listed = tdb("tenants", "list", "--blueprint", blueprint, "--json").json();
    assertThat(listed.get("items")).hasSize(2);

    Run changed =
        tdb("workspaces", "settings", blueprint + "_workspace", "--set", "query_timeout_ms=5000");
    assertThat(changed.exitCode()).as(changed.err()).isZero();
    assertThat(changed.out()).contains("query_timeout_ms:").contains("5000");
    assertThat(
            AdminFixture.scalar(
                postgres,
                "SELECT array_to_string(rolconfig, ',') FROM pg_roles WHERE rolname = ?",
                blueprint + "__acme__rt"))
        .contains("statement_timeout=5000");

    assertThat(tdb("tenants", "suspend", blueprint + "__acme").out()).contains("suspended");
    assertThat(tdb("tenants", "get", blueprint + "__acme", "--json").json().get("status").asText())
        .isEqualTo("suspended");
    assertThat(tdb("tenants", "resume", blueprint + "__acme").exitCode()).isZero();
    assertThat(tdb("tenants", "delete", blueprint + "__globex", "--hard").exitCode()).isZero();
    assertThat(fixture.databases(postgres)).doesNotContain(blueprint + "__globex");
  }

  @Test
  void loadsATemplateIntoAWorkspaceAndRevertsItsNewestChange() throws Exception {
    String cluster = fixture.prefix + "schemas";
    assertThat(fixture.registerCluster(cluster, postgres, 100).status()).isEqualTo(201);
    String workspace = fixture.blueprint("blog") + "_workspace";
    assertThat(tdb("workspaces", "create", workspace, "--cluster", cluster).exitCode()).isZero();

    Run loaded = tdb("workspaces", "schema", workspace, "--template", "blog");
    assertThat(loaded.exitCode()).as(loaded.err()).isZero();
    assertThat(loaded.out())
        .contains("applied 9 statements from template blog to " + workspace + " as 9 versions");

    Run reverted = tdb("workspaces", "diff-revert", workspace, "9");
    assertThat(reverted.exitCode()).as(reverted.err()).isZero();
    assertThat(reverted.out())
        .contains(
            "reverted version 9 of "
                + workspace
                + " with version 10: DROP VIEW public.published_posts (both skipped)");
    assertThat(tdb("workspaces", "diff", workspace).out())
        .contains("CREATE TABLE comments")
        .doesNotContain("published_posts");

    Run again = tdb("workspaces", "diff-revert", workspace, "9");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .contains("version 9 of blueprint")
        .contains("is skipped")
        .contains("hint: ");
  }

  @Test
  void issuesRotatesAndRevokesCredentialsForApplications() throws Exception {
    fixture.registerCluster(fixture.prefix + "creds", postgres, 100);
    String blueprint = fixture.blueprint("app");
    assertThat(tdb("workspaces", "create", blueprint + "_workspace").exitCode()).isZero();
    assertThat(tdb("tenants", "create", blueprint + "__acme").exitCode()).isZero();

    Run created =
        tdb("credentials", "create", "--blueprint", blueprint, "--tenants", "acme", "--read-only");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("(read-only, tenants " + blueprint + "__acme of " + blueprint + ")")
        .containsPattern("user    tdbc_[0-9a-f]{12}")
        .contains("jdbc jdbc:tdb://")
        .contains("/" + blueprint + "__acme?user=tdbc_");
    JsonNode issued =
        tdb("credentials", "create", "--blueprint", blueprint, "--name", "web", "--json").json();
    String id = issued.get("credential").get("id").asText();
    String user = issued.get("credential").get("user").asText();
    String secret = issued.get("secret").asText();
    Run denied = tdbAs(user, secret, "tenants", "list");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.err()).contains("connects to databases only");

    Run rotated = tdb("credentials", "rotate", id, "--overlap", "30m");
    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    assertThat(rotated.out()).contains("rotated credential " + id).doesNotContain(secret);
    assertThat(tdb("credentials", "list").out())
        .contains(user)
        .contains("web")
        .containsPattern("2 \\(previous until 20\\d\\d-");
    assertThat(tdb("credentials", "rotate", id, "--overlap", "soon").exitCode()).isEqualTo(2);

    assertThat(tdb("credentials", "revoke", id).out()).contains("revoked credential " + id);
    assertThat(tdb("credentials", "list").out()).doesNotContain(user);
    assertThat(tdb("credentials", "revoke", id).exitCode()).isEqualTo(1);
  }

  @Test
  void createsARoutingKeyThatTheRestOfTheCliIsRefused() throws Exception {
    JsonNode key = tdb("apikeys", "create", "proxy", "--scope", "routing", "--json").json();
    assertThat(key.get("scope").asText()).isEqualTo("routing");
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            new String[] {
              "tenants",
              "list",
              "--url",
              fixture.uri().toString(),
              "--api-key",
              key.get("key").asText()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("scope routing").contains("--scope read-only");
    assertThat(tdb("apikeys", "list").out()).contains("routing");
    assertThat(tdb("apikeys", "create", "x", "--scope", "owner").exitCode()).isEqualTo(1);
  }

  @Test
  void createsAndRevokesApiKeysThatAuthenticateTheCli() throws Exception {
    JsonNode key = tdb("apikeys", "create", "ci", "--json").json();
    String id = key.get("id").asText();
    StringWriter out = new StringWriter();
    int code =
        TdbCli.run(
            new String[] {
              "tenants",
              "list",
              "--url",
              fixture.uri().toString(),
              "--api-key",
              key.get("key").asText()
            },
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    assertThat(tdb("apikeys", "list").out()).contains(id).contains("ci");
    assertThat(tdb("apikeys", "revoke", id).exitCode()).isZero();
    int after =
        TdbCli.run(
            new String[] {
              "tenants",
              "list",
              "--url",
              fixture.uri().toString(),
              "--api-key",
              key.get("key").asText()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    assertThat(after).isEqualTo(4);
  }

  @Test
  void exitsWithFourAndSaysSoWhenTheCredentialsAreWrong() {
    Run run = tdbAs(fixture.admin.user(), "not-the-secret", "tenants", "list");
    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err()).startsWith("error: ");
  }

  @Test
  void exitsWithOneAndPrintsTheServiceMessageAndHintForRefusals() {
    Run missing = tdb("tenants", "get", fixture.blueprint("none") + "__nobody");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("error: ").contains("does not exist").contains("hint: ");

    Run invalid = tdb("tenants", "create", "Bad__Name");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.err()).contains("blueprint").contains("'Bad'");
  }

  @Test
  void exitsWithThreeWhenTheServiceIsUnreachable() {
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            new String[] {
              "tenants",
              "list",
              "--url",
              "http://127.0.0.1:1/",
              "--user",
              "tdb_00000000",
              "--secret",
              "x"
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).isEqualTo(3);
    assertThat(err.toString()).contains("cannot reach the admin service").contains("./tdb up");
  }

  @Test
  void exitsWithTwoOnACommandLineMistake() {
    assertThat(tdb("tenants", "create").exitCode()).isEqualTo(2);
    assertThat(tdb("tenants", "create", "no-blueprint-separator").exitCode()).isEqualTo(2);
  }
}
