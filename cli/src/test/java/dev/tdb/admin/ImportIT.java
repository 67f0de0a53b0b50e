/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.cli.TdbCli;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Imports of a realistic shared database into a blueprint and one database per tenant, through the
 * CLI and the REST API, checked row by row and constraint by constraint.
 */
@ExtendWith(PostgresExtension.class)
final class ImportIT {
  private static final int TENANTS = 50;

  private static TestPostgres server;
  private static AdminFixture fixture;
  private static AccountCredentials account;
  private static Blueprints blueprints;
  private static String source;
  private static String reader;
  private static final String READER_PASSWORD = "reader-secret-1";
  private static final String SMALL_TENANT_SCHEMA =
      "CREATE TABLE accounts (id int PRIMARY KEY, region text)";
  private static String smallSource;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 1000).status())
        .isEqualTo(201);
    // Only admin accounts may have the admin service connect to a source.
    account = fixture.admin;
    blueprints = new Blueprints(fixture, Api.basic(fixture.uri(), account));
    source = SaasSource.create(postgres, fixture.prefix, TENANTS);
    reader = fixture.prefix + "_reader";
    SaasSource.reader(postgres, source, reader, READER_PASSWORD);
    smallSource = postgres.createDatabase(fixture.prefix + "small");
    try (Connection connection = postgres.connect(smallSource);
        Statement statement = connection.createStatement()) {
      // Two values that derive the same tenant name, and a shared reference table.
      statement.execute(
          "CREATE TABLE regions (code text PRIMARY KEY, name text NOT NULL);"
              + " CREATE TABLE accounts (id int PRIMARY KEY, tenant_id text NOT NULL,"
              + " region text REFERENCES regions);"
              + " INSERT INTO regions VALUES ('eu', 'Europe'), ('us', 'United States');"
              + " INSERT INTO accounts VALUES (1, 'Acme Corp', 'eu'), (2, 'acme-corp', 'us'),"
              + " (3, 'Beta', 'eu');"
              + " GRANT SELECT ON ALL TABLES IN SCHEMA public TO "
              + reader
              + "; GRANT CONNECT ON DATABASE \""
              + smallSource
              + "\" TO "
              + reader);
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void importsEveryTenantsRowsThroughTheCliAndLeavesTheSourceAsItWas() throws Exception {
    Map<String, String> sourceBefore = sourcePrints("true", false);
    String blueprint = designedAndDeployed("data");

    String[] args = cli("workspaces", "import-data", blueprint + "_workspace", "--parallel", "3");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TdbCli.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString())
        .contains("tenants 50/50")
        .contains(": succeeded")
        .contains("tenant_50                      succeeded");
    Matcher started = Pattern.compile("import (\\d+) into").matcher(out.toString());
    assertThat(started.find()).isTrue();
    StringWriter status = new StringWriter();
    int statusCode =
        TdbCli.run(
            asAccount(
                "workspaces",
                "import-status",
                blueprint + "_workspace",
                "--import-id",
                started.group(1)),
            new PrintWriter(status),
            new PrintWriter(err));
    assertThat(statusCode).as(err.toString()).isZero();
    assertThat(status.toString())
        .contains("import " + started.group(1) + " done [####################] tenants 50/50")
        .contains(": succeeded");
    StringWriter elsewhere = new StringWriter();
    int elsewhereCode =
        TdbCli.run(
            asAccount(
                "workspaces", "import-status", "other_workspace", "--import-id", started.group(1)),
            new PrintWriter(new StringWriter()),
            new PrintWriter(elsewhere));
    assertThat(elsewhereCode).isNotZero();
    assertThat(elsewhere.toString())
        .contains(
            "import "
                + started.group(1)
                + " imported into "
                + blueprint
                + "_workspace, not"
                + " other_workspace")
        .contains(
            "tdb workspaces import-status "
                + blueprint
                + "_workspace --import-id "
                + started.group(1));

    for (int n = 1; n <= TENANTS; n++) {
      String value = SaasSource.value(n);
      try (Connection tenant = blueprints.connect(logical(blueprint, n), "");
          Connection shared = server.connect(source)) {
        assertThat(SaasSource.fingerprints(tenant, "true", false))
            .as(value)
            .isEqualTo(SaasSource.fingerprints(shared, "tenant_id = '" + value + "'", true));
      }
    }
    assertThat(sourcePrints("true", false)).isEqualTo(sourceBefore);
  }

  @Test
  void tenantsKeepTheirConstraintsAndSequencesMovePastImportedValues() throws Exception {
    String blueprint = designedAndDeployed("seq");
    JsonNode done =
        importAndWait(blueprint, Map.of("kind", "data", "tenants", List.of("tenant_40")));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(done.get("tenants").get(0).get("rows_copied").asLong())
        .isEqualTo(done.get("tenants").get(0).get("rows_expected").asLong())
        .isPositive();

    try (Connection tenant = blueprints.connect(blueprint + "__tenant_40", "");
        Statement statement = tenant.createStatement()) {
      long maxCustomer = longOf(statement, "SELECT max(id) FROM customers");
      long newCustomer =
          longOf(statement, "INSERT INTO customers (name, plan_id) VALUES ('new', 1) RETURNING id");
      assertThat(newCustomer).isGreaterThan(maxCustomer);
      long newProduct =
          longOf(statement, "INSERT INTO products (sku, price) VALUES ('new', 1) RETURNING id");
      assertThat(newProduct)
          .isGreaterThan(longOf(statement, "SELECT max(id) FROM products WHERE sku <> 'new'"));
      long maxNumber = longOf(statement, "SELECT max(number) FROM invoices");
      long order = longOf(statement, "SELECT min(id) FROM orders WHERE status = 'open'");
      long number =
          longOf(
              statement,
              "INSERT INTO invoices (order_id, total) VALUES (" + order + ", 1) RETURNING number");
      assertThat(number).isGreaterThan(maxNumber);
      assertThat(longOf(statement, "SELECT count(*) FROM categories WHERE parent_id IS NOT NULL"))
          .isEqualTo(3);

      assertThatThrownBy(
              () ->
                  statement.execute(
                      "INSERT INTO users (id, email) SELECT gen_random_uuid(), email FROM users"
                          + " LIMIT 1"))
          .isInstanceOf(SQLException.class)
          .hasFieldOrPropertyWithValue("SQLState", "23505");
      assertThatThrownBy(
              () ->
                  statement.execute(
                      "INSERT INTO order_items (order_id, product_id, qty)" + " VALUES (-1, 1, 1)"))
          .isInstanceOf(SQLException.class)
          .hasFieldOrPropertyWithValue("SQLState", "23503");
    }
  }

  @Test
  void analysisReportsTablesTenantsAndSizeWithoutChangingAnything() {
    String blueprint = blueprints.create("ana");
    Api.Reply reply = analyze(blueprint, "tenant_id", READER_PASSWORD);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    JsonNode analysis = reply.json();
    assertThat(names(analysis.get("routed_tables"))).hasSize(10).contains("public.customers");
    assertThat(names(analysis.get("shared_tables")))
        .containsExactly("public.countries", "public.plans");
    assertThat(analysis.get("shared_table_choices").toString())
        .isEqualTo("[\"copy\",\"skip\",\"control\"]");
    JsonNode plans = analysis.get("shared_table_effects").get(1);
    assertThat(plans.get("name").asText()).isEqualTo("public.plans");
    assertThat(plans.get("copy").asText()).contains("3 rows into each of 50 tenant databases");
    assertThat(plans.get("skip").asText()).startsWith("left out");
    assertThat(plans.get("control").asText()).contains("3 rows in the control workspace");
    JsonNode space = analysis.get("free_space");
    assertThat(space.get("checked").asBoolean()).as(space.toString()).isTrue();
    assertThat(space.get("usable_bytes").asLong()).isPositive();
    assertThat(space.get("needed_bytes").asLong()).isEqualTo(analysis.get("total_bytes").asLong());
    assertThat(analysis.get("tenants")).hasSize(TENANTS);
    JsonNode first = analysis.get("tenants").get(0);
    assertThat(first.get("value").asText()).isEqualTo("Tenant-01");
    assertThat(first.get("tenant").asText()).isEqualTo("tenant_01");
    assertThat(first.get("rows_per_table").get("public.customers").asLong()).isEqualTo(1);
    assertThat(
            analysis.get("tenants").get(49).get("rows_per_table").get("public.customers").asLong())
        .isEqualTo(251);
    assertThat(analysis.get("name_collisions")).isEmpty();
    assertThat(analysis.get("null_routing_rows")).isEmpty();
    assertThat(analysis.get("cross_tenant_keys")).isEmpty();
    assertThat(analysis.get("total_bytes").asLong()).isPositive();
    assertThat(analysis.get("estimated_seconds").asLong()).isPositive();
  }

  @Test
  void analysisReportsTheSourcesExtensionsAndWhichABlueprintCannotCarry() throws SQLException {
    String untrusted;
    String extensionSource = server.createDatabase(fixture.prefix + "ext");
    try (Connection connection = server.connect(extensionSource);
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT name FROM pg_available_extension_versions"
                  + " GROUP BY name HAVING NOT bool_or(trusted) ORDER BY 1 LIMIT 1")) {
        rs.next();
        untrusted = rs.getString(1);
      }
      statement.execute(
          "CREATE EXTENSION citext; CREATE EXTENSION \""
              + untrusted
              + "\"; CREATE TABLE accounts (id int PRIMARY KEY, tenant_id text, email citext);"
              + " GRANT SELECT ON accounts TO "
              + reader
              + "; GRANT CONNECT ON DATABASE \""
              + extensionSource
              + "\" TO "
              + reader);
    }
    String blueprint = blueprints.create("anaext");
    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", READER_PASSWORD));
    body.put("database", extensionSource);
    Api.Reply reply = blueprints.api.post(analysisPath(blueprint), body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Map<String, JsonNode> extensions = new HashMap<>();
    reply.json().get("extensions").forEach(e -> extensions.put(e.get("name").asText(), e));
    assertThat(extensions).containsOnlyKeys("citext", "plpgsql", untrusted);
    assertThat(extensions.get("citext").get("trusted").asBoolean()).isTrue();
    assertThat(extensions.get("citext").get("effect").asText())
        .startsWith("created in the workspace");
    assertThat(extensions.get(untrusted).get("trusted").asBoolean()).isFalse();
    assertThat(extensions.get(untrusted).get("effect").asText())
        .startsWith("left out: not trusted");
    assertThat(extensions.get(untrusted).get("version").asText()).isNotEmpty();
  }

  @Test
  void refusesAWrongRoutingFieldAWrongPasswordAndAnUnreachableSource() {
    String blueprint = blueprints.create("bad");
    Api.Reply field = analyze(blueprint, "org_id", READER_PASSWORD);
    assertThat(field.status()).isEqualTo(404);
    assertThat(field.errorCode()).isEqualTo("routing_field_not_found");
    assertThat(field.errorMessage()).startsWith("no table found with routing field 'org_id'");

    Api.Reply password = analyze(blueprint, "tenant_id", "wrong");
    assertThat(password.status()).isEqualTo(422);
    assertThat(password.errorCode()).isEqualTo("source_connect_failed");
    assertThat(password.errorMessage()).doesNotContain("wrong").doesNotContain("SQLSTATE");

    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", READER_PASSWORD));
    body.put("port", 1);
    Api.Reply unreachable = blueprints.api.post(analysisPath(blueprint), body);
    assertThat(unreachable.status()).isEqualTo(422);
    assertThat(unreachable.errorCode()).isEqualTo("source_connect_failed");
  }

  @Test
  void reportsNullRoutingValuesAndCrossTenantKeysAndWritesNothing() throws SQLException {
    String database = server.createDatabase(fixture.prefix + "dirty");
    try (Connection connection = server.connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE parent (id int PRIMARY KEY, tenant_id text);"
              + " CREATE TABLE child (id int PRIMARY KEY, tenant_id text,"
              + " parent_id int REFERENCES parent);"
              + " INSERT INTO parent VALUES (1, 'a'), (2, 'b'), (3, NULL);"
              + " INSERT INTO child VALUES (1, 'a', 1), (2, 'a', 2), (3, 'b', 2)");
    }
    String blueprint = blueprints.create("dirty");
    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", server.password()));
    body.put("database", database);
    body.put("user", server.superuser());
    JsonNode analysis = blueprints.api.post(analysisPath(blueprint), body).json();
    assertThat(analysis.get("null_routing_rows").get("public.parent").asLong()).isEqualTo(1);
    JsonNode cross = analysis.get("cross_tenant_keys").get(0);
    assertThat(cross.get("child").asText()).isEqualTo("public.child");
    assertThat(cross.get("rows").asLong()).isEqualTo(1);

    body.put("kind", "data");
    Api.Reply nulls = blueprints.api.post(importsPath(blueprint), body);
    assertThat(nulls.status()).isEqualTo(409);
    assertThat(nulls.errorCode()).isEqualTo("null_routing_values");
    body.put("null_routing", "skip");
    Api.Reply keys = blueprints.api.post(importsPath(blueprint), body);
    assertThat(keys.status()).isEqualTo(409);
    assertThat(keys.errorCode()).isEqualTo("cross_tenant_foreign_keys");
    assertThat(keys.errorMessage()).contains("child_parent_id_fkey");
    assertThat(blueprints.api.get("/v1/tenants?blueprint=" + blueprint).json().get("items"))
        .isEmpty();
  }

  @Test
  void refusesToDropARoutingColumnThatAConstraintHolds() throws SQLException {
    String database = server.createDatabase(fixture.prefix + "keyed");
    try (Connection connection = server.connect(database);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE accounts (tenant_id text, id int, PRIMARY KEY (tenant_id, id));"
              + " INSERT INTO accounts VALUES ('a', 1), ('b', 1)");
    }
    String blueprint = blueprints.create("keyed");
    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", server.password()));
    body.put("database", database);
    body.put("user", server.superuser());
    Api.Reply refused = blueprints.api.post(importsPath(blueprint), body);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("routing_field_in_constraint");
    assertThat(refused.errorMessage()).contains("accounts_pkey on accounts");
    assertThat(
            blueprints
                .api
                .get("/v1/workspaces/" + blueprint + "_workspace/diff")
                .json()
                .get("items"))
        .isEmpty();
  }

  @Test
  void refusesTenantsThatExistUnlessToldToImportIntoThem() throws Exception {
    String blueprint = designedAndDeployed("exist");
    blueprints.tenant(blueprint, "tenant_02");
    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", READER_PASSWORD));
    body.put("kind", "data");
    body.put("tenants", List.of("tenant_02", "tenant_03"));
    Api.Reply refused = blueprints.api.post(importsPath(blueprint), body);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.errorCode()).isEqualTo("tenants_exist");
    assertThat(refused.errorMessage()).contains("tenant_02");

    JsonNode done =
        importAndWait(
            blueprint,
            Map.of(
                "kind",
                "data",
                "into_existing",
                true,
                "tenants",
                List.of("tenant_02", "tenant_03")));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");

    JsonNode again =
        importAndWait(
            blueprint,
            Map.of("kind", "data", "into_existing", true, "tenants", List.of("tenant_02")));
    assertThat(again.get("status").asText()).isEqualTo("failed");
    assertThat(again.get("tenants").get(0).get("error").asText()).contains("already holds rows");
    try (Connection tenant = blueprints.connect(blueprint + "__tenant_02", "");
        Connection shared = server.connect(source)) {
      assertThat(SaasSource.fingerprints(tenant, "true", false))
          .isEqualTo(SaasSource.fingerprints(shared, "tenant_id = 'Tenant-02'", true));
    }
  }

  @Test
  void importFullImportsTheSchemaWithoutTheRoutingColumn() throws Exception {
    // The schema comes through the schema reader, from a source on the test server itself: no
    // client program has to be as new as the server.
    String fullSource = SaasSource.create(server, fixture.prefix + "full", TENANTS);
    String fullReader = fixture.prefix + "_full_reader";
    SaasSource.reader(server, fullSource, fullReader, READER_PASSWORD);
    String blueprint = blueprints.create("full");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            cli(
                server,
                fullSource,
                fullReader,
                "workspaces",
                "import-full",
                blueprint + "_workspace",
                "--tenants",
                "tenant_05,tenant_06"),
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(out + "\n" + err).isZero();
    try (Connection tenant = blueprints.connect(blueprint + "__tenant_05", "");
        Connection shared = server.connect(fullSource)) {
      assertThat(
              longOf(
                  tenant.createStatement(),
                  "SELECT count(*) FROM pg_attribute WHERE attname = 'tenant_id' AND attnum > 0"
                      + " AND NOT attisdropped AND attrelid IN (SELECT oid FROM pg_class"
                      + " WHERE relnamespace = 'public'::regnamespace)"))
          .isZero();
      assertThat(SaasSource.fingerprints(tenant, "true", false))
          .isEqualTo(SaasSource.fingerprints(shared, "tenant_id = 'Tenant-05'", true));
    }
  }

  @Test
  void mapsTenantNamesRefusingBadEntriesAndCollisionsBeforeWriting() throws Exception {
    String blueprint = designedAndDeployed("map", SMALL_TENANT_SCHEMA);
    Map<String, Object> body = smallBody();
    body.put("shared", "skip");
    Api.Reply collision = blueprints.api.post(importsPath(blueprint), body);
    assertThat(collision.status()).isEqualTo(409);
    assertThat(collision.errorCode()).isEqualTo("tenant_name_collision");
    assertThat(collision.errorMessage()).contains("acme_corp <- [Acme Corp, acme-corp]");

    body.put("tenant_map", Map.of("acme-corp", "Acme__2"));
    Api.Reply bad = blueprints.api.post(importsPath(blueprint), body);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.errorCode()).isEqualTo("invalid_tenant_map");
    assertThat(bad.errorMessage()).startsWith("tenant map entry acme-corp=Acme__2: ");

    body.put("tenant_map", Map.of("acme-corp", "beta"));
    Api.Reply onto = blueprints.api.post(importsPath(blueprint), body);
    assertThat(onto.status()).isEqualTo(409);
    assertThat(onto.errorMessage()).contains("beta <- [Beta, acme-corp]");
    assertThat(blueprints.api.get("/v1/tenants?blueprint=" + blueprint).json().get("items"))
        .isEmpty();

    Path map = Files.createTempFile("tenant-map", ".txt");
    Files.writeString(map, "# second Acme\nacme-corp = acme_two\n\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            cli(
                server,
                smallSource,
                reader,
                "workspaces",
                "import-data",
                blueprint + "_workspace",
                "--shared",
                "skip",
                "--tenant-map",
                map.toString()),
            new PrintWriter(out),
            new PrintWriter(err));
    Files.delete(map);
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("acme_two").contains("tenants 3/3");
    try (Connection tenant = blueprints.connect(blueprint + "__acme_two", "");
        Statement statement = tenant.createStatement()) {
      assertThat(longOf(statement, "SELECT id FROM accounts")).isEqualTo(2);
    }
  }

  @Test
  void keepsSharedTablesInTheControlWorkspaceOnly() throws Exception {
    String blueprint = designedAndDeployed("ctl", SMALL_TENANT_SCHEMA);
    Map<String, Object> body = smallBody();
    body.put("tenant_map", Map.of("acme-corp", "acme_two"));
    body.put("shared", "control");
    body.put("control_workspace", fixture.prefix + "nope_workspace");
    assertThat(blueprints.api.post(importsPath(blueprint), body).status()).isEqualTo(404);
    body.put("control_workspace", blueprint + "_workspace");
    Api.Reply tenantWorkspace = blueprints.api.post(importsPath(blueprint), body);
    assertThat(tenantWorkspace.status()).isEqualTo(409);
    assertThat(tenantWorkspace.errorCode()).isEqualTo("not_control_workspace");

    String control = fixture.prefix + "shared_workspace";
    assertThat(
            blueprints
                .api
                .post("/v1/workspaces", Map.of("name", control, "mode", "control"))
                .status())
        .isEqualTo(201);
    body.put("control_workspace", control);
    JsonNode done = awaitImport(blueprints.api.post(importsPath(blueprint), body));
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("succeeded");
    try (Connection workspace = blueprints.connect(control, "");
        Statement statement = workspace.createStatement()) {
      assertThat(longOf(statement, "SELECT count(*) FROM regions WHERE name IS NOT NULL"))
          .isEqualTo(2);
    }
    try (Connection tenant = blueprints.connect(blueprint + "__beta", "");
        Statement statement = tenant.createStatement()) {
      assertThat(longOf(statement, "SELECT count(*) FROM accounts")).isEqualTo(1);
      assertThat(longOf(statement, "SELECT count(*) FROM pg_class WHERE relname = 'regions'"))
          .isZero();
    }
  }

  @Test
  void refusesASourceLargerThanTheTargetsFreeSpaceBeforeWriting() throws Exception {
    String blueprint = designedAndDeployed("space", SMALL_TENANT_SCHEMA);
    AdminServer reserved =
        AdminServer.start(
            fixture.config.toBuilder().importFreeSpaceReserve(Long.MAX_VALUE / 2).build());
    try {
      Map<String, Object> body = smallBody();
      body.put("tenant_map", Map.of("acme-corp", "acme_two"));
      Api.Reply refused = Api.basic(reserved.baseUri(), account).post(importsPath(blueprint), body);
      assertThat(refused.status()).as(refused.body()).isEqualTo(409);
      assertThat(refused.errorCode()).isEqualTo("insufficient_space");
      assertThat(refused.errorMessage()).contains("plus the reserve of " + Long.MAX_VALUE / 2);
    } finally {
      reserved.close();
    }
    assertThat(blueprints.api.get("/v1/tenants?blueprint=" + blueprint).json().get("items"))
        .isEmpty();
  }

  @Test
  void resumesTheFailedTenantsOfAnImportWithItsOptions() throws Exception {
    String blueprint = designedAndDeployed("resume", SMALL_TENANT_SCHEMA);
    blueprints.tenant(blueprint, "beta");
    try (Connection beta = blueprints.connect(blueprint + "__beta", "");
        Statement statement = beta.createStatement()) {
      statement.execute("INSERT INTO accounts VALUES (99, 'in the way')");
    }
    Map<String, Object> body = smallBody();
    body.put("tenant_map", Map.of("acme-corp", "acme_two"));
    body.put("shared", "skip");
    body.put("into_existing", true);
    JsonNode failed = awaitImport(blueprints.api.post(importsPath(blueprint), body));
    assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
    long id = failed.get("id").asLong();
    try (Connection beta = blueprints.connect(blueprint + "__beta", "");
        Statement statement = beta.createStatement()) {
      statement.execute("DELETE FROM accounts");
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            asAccount(
                "workspaces", "import-resume", blueprint + "_workspace", "--import-id", "" + id),
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("tenants 1/1").contains("beta").doesNotContain("acme_two");
    assertThat(tenantStatus(blueprint + "__acme_two")).isEqualTo("active");
    assertThat(tenantStatus(blueprint + "__beta")).isEqualTo("active");
    try (Connection beta = blueprints.connect(blueprint + "__beta", "");
        Statement statement = beta.createStatement()) {
      assertThat(longOf(statement, "SELECT id FROM accounts")).isEqualTo(3);
    }
    Matcher resumed = Pattern.compile("import (\\d+) ").matcher(out.toString());
    assertThat(resumed.find()).isTrue();
    Api.Reply again = blueprints.api.post("/v1/imports/" + resumed.group(1) + "/resume", Map.of());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("import_not_resumable");
  }

  @Test
  void holdsBackACreatedTenantUntilItsDataCommits() throws Exception {
    // Row 2 (acme-corp, mapped to acme_two) breaks a rule of the tenant schema: that tenant fails.
    String blueprint =
        designedAndDeployed(
            "held",
            SMALL_TENANT_SCHEMA + "; ALTER TABLE accounts ADD CONSTRAINT no_two CHECK (id <> 2)");
    Map<String, Object> body = smallBody();
    body.put("tenant_map", Map.of("acme-corp", "acme_two"));
    body.put("shared", "skip");
    JsonNode failed = awaitImport(blueprints.api.post(importsPath(blueprint), body));
    assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
    assertThat(tenantStatus(blueprint + "__acme_two")).isEqualTo("suspended");
    assertThat(tenantStatus(blueprint + "__acme_corp")).isEqualTo("active");
  }

  private static String tenantStatus(String logical) {
    Api.Reply reply = blueprints.api.get("/v1/tenants/" + logical);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("status").asText();
  }

  /** A blueprint whose workspace has the tenant schema, deployed. */
  private static String designedAndDeployed(String hint) throws Exception {
    return designedAndDeployed(hint, SaasSource.tenantSchema());
  }

  /** A blueprint whose workspace has {@code schema}, deployed. */
  private static String designedAndDeployed(String hint, String schema) throws Exception {
    String blueprint = blueprints.create(hint);
    try (Connection workspace = blueprints.workspace(blueprint, "");
        Statement statement = workspace.createStatement()) {
      statement.execute(schema);
    }
    JsonNode deployed =
        blueprints.awaitDeployment(blueprints.deploy(Map.of("blueprint", blueprint, "all", true)));
    assertThat(deployed.get("status").asText()).isEqualTo("succeeded");
    return blueprint;
  }

  private static JsonNode importAndWait(String blueprint, Map<String, ?> options)
      throws InterruptedException {
    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", READER_PASSWORD));
    body.putAll(options);
    return awaitImport(blueprints.api.post(importsPath(blueprint), body));
  }

  private static JsonNode awaitImport(Api.Reply started) {
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    long id = started.json().get("id").asLong();
    return await("import " + id + " finished")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> blueprints.api.get("/v1/imports/" + id).json(),
            status -> !status.get("status").asText().equals("running"));
  }

  /** The small source, as a request body. */
  private static Map<String, Object> smallBody() {
    Map<String, Object> body = new HashMap<>(sourceBody("tenant_id", READER_PASSWORD));
    body.put("database", smallSource);
    body.put("kind", "data");
    return body;
  }

  private static Api.Reply analyze(String blueprint, String field, String password) {
    return blueprints.api.post(analysisPath(blueprint), sourceBody(field, password));
  }

  private static Map<String, Object> sourceBody(String field, String password) {
    return Map.of(
        "host", server.host(),
        "port", server.port(),
        "database", source,
        "user", reader,
        "password", password,
        "routing_field", field);
  }

  private static String analysisPath(String blueprint) {
    return "/v1/workspaces/" + blueprint + "_workspace/import-analysis";
  }

  private static String importsPath(String blueprint) {
    return "/v1/workspaces/" + blueprint + "_workspace/imports";
  }

  /** {@code command} with the source's options and the account's. */
  private static String[] cli(String... command) {
    return cli(server, source, reader, command);
  }

  /** {@code command} with the options of source database {@code database} on {@code on}. */
  private static String[] cli(TestPostgres on, String database, String user, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--host", on.host(),
            "--port", Integer.toString(on.port()),
            "--database", database,
            "--source-user", user,
            "--password", READER_PASSWORD));
    return asAccount(args.toArray(String[]::new));
  }

  /** {@code command} with the account's options. */
  private static String[] asAccount(String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(
        List.of(
            "--url", fixture.uri().toString(),
            "--user", account.user(),
            "--secret", account.secret()));
    return args.toArray(String[]::new);
  }

  private static String logical(String blueprint, int n) {
    return blueprint + "__" + String.format("tenant_%02d", n);
  }

  private static Map<String, String> sourcePrints(String where, boolean routed)
      throws SQLException {
    try (Connection shared = server.connect(source)) {
      return SaasSource.fingerprints(shared, where, routed);
    }
  }

  private static List<String> names(JsonNode tables) {
    List<String> names = new ArrayList<>();
    tables.forEach(t -> names.add(t.get("name").asText()));
    return names;
  }

  private static long longOf(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
