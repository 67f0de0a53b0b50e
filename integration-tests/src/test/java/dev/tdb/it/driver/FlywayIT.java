/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.driver.TdbDataSource;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flyway migrating a tenant workspace through {@code jdbc:tdb:}: every committed DDL of its
 * migrations becomes a blueprint version, and so does the DDL of Flyway's own history table.
 */
@ExtendWith(PostgresExtension.class)
final class FlywayIT {
  private static TdbService tdb;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @Test
  void migrationsOfAWorkspaceBecomeBlueprintVersionsAfterTheHistoryTable() {
    String blueprint = tdb.createBlueprint("fly");
    MigrateResult result = flyway(blueprint + "_workspace").migrate();

    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isEqualTo(2);
    List<JsonNode> versions = tdb.blueprintVersions(blueprint);
    assertThat(versions)
        .extracting(v -> v.get("command_tag").asText() + " " + v.get("object_identity").asText())
        .containsExactly(
            "CREATE TABLE public.flyway_schema_history",
            "ALTER TABLE public.flyway_schema_history",
            "CREATE INDEX public.flyway_schema_history_s_idx",
            "CREATE TABLE public.books",
            "ALTER TABLE public.books");
    assertThat(versions.get(3).get("sql").asText()).startsWith("CREATE TABLE books");
    assertThat(versions.get(4).get("sql").asText())
        .isEqualTo("ALTER TABLE books ADD COLUMN isbn text");
    assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aSecondRunChangesNothing() {
    String blueprint = tdb.createBlueprint("again");
    flyway(blueprint + "_workspace").migrate();
    MigrateResult again = flyway(blueprint + "_workspace").migrate();

    assertThat(again.migrationsExecuted).isZero();
    assertThat(tdb.blueprintVersions(blueprint)).hasSize(5);
  }

  @Test
  void refusesToMigrateATenant() throws SQLException {
    String blueprint = tdb.createBlueprint("notenant");
    String tenant = tdb.createTenant(blueprint, "acme");

    // Flyway fails on its first statement the policy refuses on a tenant: the SET ROLE with which
    // it restores the session after looking for its history table, before any DDL.
    assertThatThrownBy(() -> flyway(tenant).migrate())
        .hasStackTraceContaining("SQL State  : 42501")
        .hasStackTraceContaining("not allowed on tenant databases");
    try (Connection connection = tdb.superuser(tenant);
        ResultSet rs =
            connection
                .createStatement()
                .executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
      rs.next();
      assertThat(rs.getBoolean(1)).isTrue();
    }
    assertThat(tdb.blueprintVersions(blueprint)).isEmpty();
  }

  private static Flyway flyway(String logicalName) {
    TdbDataSource dataSource = new TdbDataSource();
    dataSource.setUrl(tdb.urlWithoutCredentials(logicalName));
    dataSource.setUser(tdb.user());
    dataSource.setPassword(tdb.credentials().getProperty("password"));
    return Flyway.configure().dataSource(dataSource).locations("classpath:db/flyway").load();
  }
}
