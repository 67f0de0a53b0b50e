/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.policy.TrustedExtensions;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Trusted extensions designed in a workspace, captured, and deployed to every tenant and the
 * template by the blueprint's owner role, on a real server (docs/admin-api.md, Extensions).
 */
@ExtendWith(PostgresExtension.class)
final class BlueprintExtensionsIT {
  private static final String SCHEMA =
      "CREATE EXTENSION citext;"
          + " CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;"
          + " CREATE EXTENSION pg_trgm;"
          + " CREATE TABLE users (id bigserial PRIMARY KEY, email citext UNIQUE NOT NULL,"
          + " name text NOT NULL,"
          + " name_hash bytea GENERATED ALWAYS AS (digest(name, 'sha256')) STORED);"
          + " CREATE INDEX users_name_trgm ON users USING gin (name gin_trgm_ops)";

  private static TestPostgres server;
  private static AdminFixture fixture;
  private static Blueprints blueprints;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    blueprints = Blueprints.onOneCluster(postgres, 100);
    fixture = blueprints.fixture;
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  /**
   * The distribution's trusted extensions, but for the procedural languages Perl and Tcl and their
   * transforms: their libraries come in packages of their own (postgresql-plperl-17), which a
   * cluster need not have, so a blueprint could not count on them.
   */
  @Test
  void theTrustedListIsWhatThePostgresqlDistributionMarksTrusted() throws SQLException {
    assertThat(TrustedExtensions.names())
        .isEqualTo(
            names(
                "SELECT DISTINCT name FROM pg_available_extension_versions WHERE trusted"
                    + " AND name !~ 'plperl|pltcl'"));
  }

  @Test
  void deploysCapturedExtensionsToTenantsCreatedBeforeAndAfterTheChange() throws Exception {
    String blueprint = blueprints.designed("ext", List.of("early"), SCHEMA);
    assertThat(blueprints.versions(blueprint)).hasSize(5);
    assertThat(blueprints.versions(blueprint).toString())
        .contains("CREATE EXTENSION citext")
        .contains("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        .contains("CREATE EXTENSION pg_trgm");
    deployAll(blueprint);
    blueprints.tenant(blueprint, "late");
    for (String tenant : List.of(blueprint + "__early", blueprint + "__late")) {
      try (Connection superuser = server.connect(tenant);
          Statement statement = superuser.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT string_agg(extname || ':' || extowner::regrole, ',' ORDER BY extname)"
                      + " FROM pg_extension WHERE extname <> 'plpgsql'")) {
        rs.next();
        String owner = blueprint + "__owner";
        assertThat(rs.getString(1))
            .as(tenant)
            .isEqualTo("citext:" + owner + ",pg_trgm:" + owner + ",pgcrypto:" + owner);
      }
      try (Connection connection = blueprints.connect(tenant, "");
          Statement statement = connection.createStatement()) {
        statement.execute(
            "INSERT INTO users (email, name) VALUES ('Ada@Example.com', 'Ada Lovelace')");
        try (ResultSet rs =
            statement.executeQuery(
                "SELECT name, name_hash = digest('Ada Lovelace', 'sha256')"
                    + " FROM users WHERE email = 'ada@example.COM' AND name % 'Ada Lovelac'")) {
          assertThat(rs.next()).as(tenant).isTrue();
          assertThat(rs.getString(1)).isEqualTo("Ada Lovelace");
          assertThat(rs.getBoolean(2)).isTrue();
        }
      }
    }
  }

  /**
   * The update script drops and recreates objects of its own; only the update is captured, and
   * nothing of the extension command's mark is left behind, even for a no-op one.
   */
  @Test
  void updatesAndDropsAnExtensionInEveryTenantOnce() throws Exception {
    String blueprint =
        blueprints.designed("extupd", List.of("acme"), "CREATE EXTENSION hstore VERSION '1.4'");
    deployAll(blueprint);
    blueprints.change(blueprint, "ALTER EXTENSION hstore UPDATE TO '1.8'");
    assertThat(blueprints.versions(blueprint)).hasSize(2);
    deployAll(blueprint);
    blueprints.tenant(blueprint, "late");
    for (String tenant : List.of(blueprint + "__acme", blueprint + "__late")) {
      try (Connection connection = blueprints.connect(tenant, "");
          Statement statement = connection.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT extversion, 'a=>1'::hstore ? 'a' FROM pg_extension"
                      + " WHERE extname = 'hstore'")) {
        assertThat(rs.next()).as(tenant).isTrue();
        assertThat(rs.getString(1)).isEqualTo("1.8");
        assertThat(rs.getBoolean(2)).isTrue();
      }
    }
    blueprints.change(blueprint, "CREATE EXTENSION IF NOT EXISTS hstore; DROP EXTENSION hstore");
    assertThat(blueprints.versions(blueprint)).hasSize(4);
    try (Connection superuser = server.connect(blueprint + "_workspace");
        Statement statement = superuser.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT count(*) FROM tdb_catalog.extension_scripts")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    deployAll(blueprint);
    for (String tenant : List.of(blueprint + "__acme", blueprint + "__late")) {
      try (Connection superuser = server.connect(tenant);
          Statement statement = superuser.createStatement();
          ResultSet rs =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_extension WHERE extname = 'hstore'")) {
        rs.next();
        assertThat(rs.getInt(1)).as(tenant).isZero();
      }
    }
  }

  @Test
  void aTenantsRuntimeRoleCannotCreateOrDropExtensions() throws Exception {
    String blueprint = blueprints.designed("extiso", List.of("acme"), "CREATE EXTENSION citext");
    deployAll(blueprint);
    try (Connection connection = blueprints.connect(blueprint + "__acme", "");
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("CREATE EXTENSION hstore"))
          .hasMessageContaining("permission denied to create extension \"hstore\"")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
      assertThatThrownBy(() -> statement.execute("DROP EXTENSION citext"))
          .hasMessageContaining("must be owner of extension citext")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  @Test
  void theServerRefusesAnUntrustedExtensionInAWorkspace() throws Exception {
    String untrusted =
        names(
                "SELECT name FROM pg_available_extension_versions"
                    + " GROUP BY name HAVING NOT bool_or(trusted) ORDER BY 1")
            .first();
    assertThat(TrustedExtensions.contains(untrusted)).isFalse();
    String blueprint = blueprints.create("extuntrusted");
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("CREATE EXTENSION \"" + untrusted + "\""))
          .hasMessageContaining("permission denied to create extension \"" + untrusted + "\"")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
    assertThat(blueprints.versions(blueprint)).isEmpty();
  }

  @Test
  void driftNoticesAnExtensionMissingInATenant() throws Exception {
    String blueprint =
        blueprints.designed("extdrift", List.of("acme", "globex"), "CREATE EXTENSION hstore");
    assertThat(blueprints.versions(blueprint)).hasSize(1);
    deployAll(blueprint);
    try (Connection superuser = server.connect(blueprint + "__globex");
        Statement statement = superuser.createStatement()) {
      statement.execute("DROP EXTENSION hstore");
    }
    Api.Reply reply = blueprints.api.get("/v1/blueprints/" + blueprint + "/drift");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<String> objects = new ArrayList<>();
    for (JsonNode item : reply.json().get("items")) {
      assertThat(item.get("logical_name").asText()).isEqualTo(blueprint + "__globex");
      objects.add(item.get("object").asText());
    }
    assertThat(objects).as(reply.body()).contains("extension hstore");
  }

  /**
   * Every test cluster has the same contrib extensions, so the blueprint's released version is made
   * to name one no server has, in the metadata, as a blueprint designed on a cluster with more
   * extensions would.
   */
  @Test
  void refusesToPlaceATenantOnAClusterWithoutAnExtensionTheBlueprintCreates() throws Exception {
    String blueprint =
        blueprints.designed("extmissing", List.of("acme"), "CREATE EXTENSION citext");
    deployAll(blueprint);
    try (Connection metadata = server.connect(fixture.metadataDatabase);
        Statement statement = metadata.createStatement()) {
      statement.execute(
          "UPDATE blueprint_changes SET sql = 'CREATE EXTENSION tdb_not_installed'"
              + " WHERE blueprint_id = (SELECT id FROM blueprints WHERE name = '"
              + blueprint
              + "')");
    }
    Api.Reply reply =
        blueprints.api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "late"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("extensions_unavailable");
    assertThat(reply.errorMessage())
        .contains(
            "does not have the extensions blueprint " + blueprint + " creates: tdb_not_installed");
    assertThat(names("SELECT datname FROM pg_database WHERE datname = '" + blueprint + "__late'"))
        .isEmpty();
  }

  private static void deployAll(String blueprint) throws InterruptedException {
    JsonNode done =
        blueprints.awaitDeployment(
            blueprints.deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 2)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
  }

  private static TreeSet<String> names(String query) throws SQLException {
    TreeSet<String> names = new TreeSet<>();
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(query)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
