/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.clusters.Sql;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the server itself enforces for a tenant's runtime role, seen through real connections. */
@ExtendWith(PostgresExtension.class)
final class TenantIsolationIT {
  private static AdminFixture fixture;
  private static Api api;
  private static String blueprint;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 100).status())
        .isEqualTo(201);
    api = Api.basic(fixture.uri(), fixture.newAccount());
    blueprint = fixture.blueprint("crm");
    createWorkspace(blueprint);
    createTenant(blueprint, "acme");
    createTenant(blueprint, "globex");
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void connectsToItsOwnDatabaseWithTheRoutedCredentials() throws SQLException {
    JsonNode entry = routing(blueprint + "__acme");
    assertThat(entry.get("mode").asText()).isEqualTo("tenant");
    assertThat(entry.get("role").asText()).isEqualTo(blueprint + "__acme__rt");
    try (Connection connection = connect(entry, entry.get("database").asText());
        ResultSet rs =
            connection.createStatement().executeQuery("SELECT current_user, current_database()")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(blueprint + "__acme__rt");
      assertThat(rs.getString(2)).isEqualTo(blueprint + "__acme");
    }
  }

  @Test
  void cannotConnectToAnotherTenantsDatabase() {
    JsonNode acme = routing(blueprint + "__acme");
    assertThatThrownBy(() -> connect(acme, blueprint + "__globex").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("permission denied for database")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("42501");
  }

  @Test
  void cannotCreateTablesOrTruncate() throws SQLException {
    JsonNode entry = routing(blueprint + "__acme");
    try (Connection connection = connect(entry, entry.get("database").asText());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (id int)"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
      assertThatThrownBy(() -> statement.execute("CREATE SCHEMA sneaky"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  @Test
  void writesTablesAndSchemasTheOwnerCreatesLater() throws SQLException {
    String database = blueprint + "__globex";
    try (Connection owner = fixture.postgres.connect(database);
        Statement statement = owner.createStatement()) {
      statement.execute("SET ROLE \"" + blueprint + "__owner\"");
      statement.execute("CREATE TABLE items (id serial PRIMARY KEY, name text)");
      statement.execute("CREATE SCHEMA billing");
      statement.execute("CREATE TABLE billing.invoices (id bigserial PRIMARY KEY, total int)");
    }
    JsonNode entry = routing(database);
    try (Connection connection = connect(entry, database);
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO items (name) VALUES ('a'), ('b')");
      statement.execute("UPDATE items SET name = 'c' WHERE name = 'b'");
      statement.execute("DELETE FROM items WHERE name = 'a'");
      statement.execute("INSERT INTO billing.invoices (total) VALUES (42)");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT (SELECT string_agg(name, ',') FROM items),"
                  + " (SELECT sum(total) FROM billing.invoices)")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("c");
        assertThat(rs.getInt(2)).isEqualTo(42);
      }
      assertThatThrownBy(() -> statement.execute("TRUNCATE items"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
      assertThatThrownBy(() -> statement.execute("ALTER TABLE items ADD COLUMN x int"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  /**
   * Objects a deployment creates (and those of a later deployment, through default privileges)
   * serve the runtime role's data access, while everything that changes the schema, hands out
   * rights or reaches outside its database is refused by PostgreSQL itself.
   */
  @Test
  void usesWhatDeploymentsCreateButCannotChangeTheSchemaOrItsRights() throws Exception {
    Blueprints blueprints = new Blueprints(fixture, api);
    String deployed = blueprints.create("deployed");
    blueprints.tenant(deployed, "one");
    blueprints.tenant(deployed, "two");
    deploy(
        blueprints,
        deployed,
        "CREATE TABLE accounts (id bigserial PRIMARY KEY, name text)",
        "CREATE SEQUENCE invoice_numbers",
        "CREATE VIEW account_names AS SELECT id, name FROM accounts",
        "CREATE FUNCTION account_count() RETURNS bigint LANGUAGE sql AS"
            + " 'SELECT count(*) FROM accounts'",
        "CREATE SCHEMA billing",
        "CREATE TABLE billing.invoices (id bigserial PRIMARY KEY, total int)");
    deploy(blueprints, deployed, "CREATE TABLE later (id serial PRIMARY KEY, body text)");
    try (Connection connection = blueprints.connect(deployed + "__one", "");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO accounts (name) VALUES ('a'), ('b'), ('c')");
      statement.execute("UPDATE accounts SET name = 'z' WHERE name = 'c'");
      statement.execute("DELETE FROM accounts WHERE name = 'b'");
      statement.execute("INSERT INTO billing.invoices (total) VALUES (42)");
      statement.execute("INSERT INTO later (body) VALUES ('x'), ('y')");
      statement.execute("UPDATE later SET body = 'w' WHERE body = 'y'");
      statement.execute("DELETE FROM later WHERE body = 'x'");
      assertThat(
              scalar(
                  statement,
                  "SELECT (SELECT string_agg(name, ',' ORDER BY name) FROM account_names)"
                      + " || ' ' || account_count() || ' ' || nextval('invoice_numbers')"
                      + " || ' ' || nextval('invoice_numbers')"
                      + " || ' ' || (SELECT sum(total) FROM billing.invoices)"
                      + " || ' ' || (SELECT string_agg(body, ',') FROM later)"))
          .isEqualTo("a,z 2 1 2 42 w");

      String owner = Sql.identifier(deployed + "__owner");
      Map<String, String> refused = new LinkedHashMap<>();
      refused.put("CREATE TABLE sneaky (id int)", "42501");
      refused.put("CREATE TABLE public.sneaky (id int)", "42501");
      refused.put("CREATE TABLE billing.sneaky (id int)", "42501");
      refused.put("CREATE VIEW sneaky AS SELECT 1", "42501");
      refused.put("CREATE SCHEMA sneaky", "42501");
      refused.put("ALTER TABLE accounts ADD COLUMN x int", "42501");
      refused.put("ALTER TABLE later RENAME TO earlier", "42501");
      refused.put("ALTER SEQUENCE invoice_numbers RESTART", "42501");
      refused.put("DROP TABLE later", "42501");
      refused.put("DROP VIEW account_names", "42501");
      refused.put("DROP FUNCTION account_count()", "42501");
      refused.put("TRUNCATE accounts", "42501");
      refused.put("TRUNCATE later", "42501");
      refused.put("CREATE INDEX ON accounts (name)", "42501");
      refused.put("CREATE INDEX ON billing.invoices (total)", "42501");
      refused.put("CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'", "42501");
      refused.put("COMMENT ON TABLE accounts IS 'mine'", "42501");
      refused.put(
          "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " GRANT SELECT ON TABLES TO PUBLIC",
          "42501");
      refused.put("GRANT " + owner + " TO CURRENT_USER", "42501");
      refused.put("SELECT version FROM tdb_catalog.schema_version", "42501");
      refused.put("UPDATE tdb_catalog.schema_version SET version = 0", "42501");
      refused.put("SET ROLE " + owner, "42501");
      for (Map.Entry<String, String> sql : refused.entrySet()) {
        assertThatThrownBy(() -> statement.execute(sql.getKey()))
            .as(sql.getKey())
            .isInstanceOf(SQLException.class)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo(sql.getValue());
      }

      // Without the grant option PostgreSQL answers GRANT with a warning and grants nothing.
      statement.execute("GRANT SELECT, INSERT ON accounts, later TO PUBLIC");
      SQLWarning warning = statement.getWarnings();
      assertThat(warning == null ? "no warning" : warning.getSQLState()).isEqualTo("01007");
      assertThat(
              scalar(
                  statement,
                  "SELECT count(*) FROM pg_class c, aclexplode(c.relacl) a"
                      + " WHERE c.relname IN ('accounts', 'later') AND a.grantee = 0"))
          .isEqualTo("0");
    }
    JsonNode one = routing(deployed + "__one");
    assertThatThrownBy(() -> connect(one, deployed + "__two").close())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("42501");
  }

  @Test
  void carriesTheConnectionLimitAndStatementTimeoutOfItsWorkspace() throws SQLException {
    String limited = fixture.blueprint("limits");
    createWorkspace(limited);
    createTenant(limited, "one");
    Api.Reply changed =
        api.patch(
            "/v1/workspaces/" + limited + "_workspace/settings",
            Map.of("max_connections", 2, "query_timeout_ms", 1500));
    assertThat(changed.status()).isEqualTo(200);
    JsonNode entry = routing(limited + "__one");
    String database = entry.get("database").asText();
    try (Connection first = connect(entry, database);
        Connection second = connect(entry, database);
        Statement statement = first.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SHOW statement_timeout")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("1500ms");
      }
      assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(5)"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("57014");
      assertThatThrownBy(() -> connect(entry, database).close())
          .hasMessageContaining("too many connections")
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("53300");
      assertThat(second.isValid(2)).isTrue();
    }
  }

  @Test
  void createsTemporaryTablesOnlyWhenTheWorkspaceAllowsThem() throws SQLException {
    String temp = fixture.blueprint("temp");
    createWorkspace(temp);
    createTenant(temp, "one");
    JsonNode entry = routing(temp + "__one");
    try (Connection connection = connect(entry, entry.get("database").asText())) {
      connection.createStatement().execute("CREATE TEMP TABLE scratch (id int)");
    }
    api.patch("/v1/workspaces/" + temp + "_workspace/settings", Map.of("allow_temp_tables", false));
    try (Connection connection = connect(entry, entry.get("database").asText())) {
      assertThatThrownBy(
              () -> connection.createStatement().execute("CREATE TEMP TABLE scratch (id int)"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
    }
  }

  @Test
  void suspendingEndsSessionsAndRefusesLoginsUntilResumed() throws SQLException {
    String logical = blueprint + "__acme";
    JsonNode entry = routing(logical);
    String database = entry.get("database").asText();
    try (Connection open = connect(entry, database)) {
      assertThat(api.post("/v1/tenants/" + logical + "/suspend", Map.of()).status()).isEqualTo(200);
      assertThatThrownBy(() -> open.createStatement().execute("SELECT 1"))
          .isInstanceOf(SQLException.class);
    }
    assertThatThrownBy(() -> connect(entry, database).close())
        .hasMessageContaining("not permitted to log in")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28000");
    assertThat(api.post("/v1/tenants/" + logical + "/resume", Map.of()).status()).isEqualTo(200);
    try (Connection again = connect(entry, database)) {
      assertThat(again.isValid(2)).isTrue();
    }
  }

  /** Runs {@code ddl} in the blueprint's workspace and deploys the new versions to every tenant. */
  private static void deploy(Blueprints blueprints, String blueprint, String... ddl)
      throws Exception {
    try (Connection connection = blueprints.workspace(blueprint, "");
        Statement statement = connection.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
    JsonNode done =
        blueprints.awaitDeployment(
            blueprints.deploy(Map.of("blueprint", blueprint, "all", true, "parallel", 2)));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
  }

  private static String scalar(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void createWorkspace(String blueprint) {
    Api.Reply reply =
        api.post("/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private static void createTenant(String blueprint, String name) {
    Api.Reply reply = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", name));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  private static JsonNode routing(String logical) {
    return RuntimeLogin.of(api, logical).entry();
  }

  private static Connection connect(JsonNode entry, String database) throws SQLException {
    RuntimeLogin login = new RuntimeLogin(entry);
    return login.connect(database, login.role(), login.password());
  }
}
