/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.Policy;
import dev.tdb.it.FailedTransaction;
import dev.tdb.it.FailedTransaction.Step;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * With autocommit off, a statement the driver refuses fails the transaction as a server error does:
 * later statements get 25P02, COMMIT rolls back, nothing is kept. Compared with pgjdbc connected
 * straight to PostgreSQL as a role with the runtime role's rights.
 */
@ExtendWith(PostgresExtension.class)
final class RefusalInTransactionIT {
  private static final String PASSWORD = "direct-" + System.nanoTime();
  private static final String INVALID = "INVALID SQL SYNTAX";
  private static final String DDL = "CREATE TABLE evil (id int)";

  private static TdbService tdb;
  private static TestPostgres server;
  private static String workspace;
  private static String tenant;
  private static String workspaceRole;
  private static String tenantRole;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    tdb = TdbService.start(postgres);
    String blueprint = tdb.createBlueprint("abort");
    workspace = blueprint + "_workspace";
    tenant = tdb.createTenant(blueprint, "acme", "CREATE TABLE t1 (id int)");
    try (Connection c = DriverManager.getConnection(tdb.url(workspace));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t1 (id int)");
    }
    workspaceRole = FailedTransaction.createDirectRole(postgres, workspace, PASSWORD);
    tenantRole = FailedTransaction.createDirectRole(postgres, tenant, PASSWORD);
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  @BeforeEach
  void emptyTheTables() throws SQLException {
    empty(workspace);
    empty(tenant);
  }

  @Test
  void aSyntaxErrorOnAWorkspaceIsTheServersAndFailsTheTransaction() throws SQLException {
    List<Step> direct = direct(workspace, INVALID);
    empty(workspace);
    List<Step> driver = throughDriver(workspace, INVALID);

    assertThat(driver).isEqualTo(direct);
    assertThat(driver.get(1).sqlState()).isEqualTo("42601");
    assertThat(driver.get(1).message()).contains("Position: 1");
    assertThat(driver.get(2).sqlState()).isEqualTo("25P02");
    assertThat(driver.get(4)).isEqualTo(new Step("ok", "0"));
  }

  @Test
  void aRefusedDdlOnATenantFailsTheTransaction() throws SQLException {
    List<Step> direct = direct(tenant, DDL);
    empty(tenant);
    List<Step> driver = throughDriver(tenant, DDL);

    assertThat(driver.get(1).sqlState()).isEqualTo("42501").isEqualTo(direct.get(1).sqlState());
    assertThat(driver.get(1).message()).startsWith("ERROR: " + Policy.TENANT_DDL_MESSAGE);
    assertThat(without(driver, 1)).isEqualTo(without(direct, 1));
    assertThat(driver.get(2).sqlState()).isEqualTo("25P02");
    assertThat(driver.get(4)).isEqualTo(new Step("ok", "0"));
  }

  @Test
  void aRefusalAsTheTransactionsFirstStatementFailsItAsPgjdbcsBeginWould() throws SQLException {
    List<String> statements = List.of(DDL, "INSERT INTO t1 VALUES (1)");
    List<Step> direct;
    try (Connection c = FailedTransaction.direct(server, tenant, tenantRole, PASSWORD)) {
      direct = FailedTransaction.run(c, "t1", statements);
    }
    empty(tenant);
    List<Step> driver;
    try (Connection c = DriverManager.getConnection(tdb.url(tenant))) {
      driver = FailedTransaction.run(c, "t1", statements);
    }

    assertThat(without(driver, 0)).isEqualTo(without(direct, 0));
    assertThat(driver.get(1).sqlState()).isEqualTo("25P02");
    assertThat(driver.get(3)).isEqualTo(new Step("ok", "0"));
  }

  private static List<Step> direct(String logicalName, String failing) throws SQLException {
    String role = logicalName.equals(tenant) ? tenantRole : workspaceRole;
    try (Connection c = FailedTransaction.direct(server, logicalName, role, PASSWORD)) {
      return FailedTransaction.run(c, "t1", failing);
    }
  }

  private static List<Step> throughDriver(String logicalName, String failing) throws SQLException {
    try (Connection c = DriverManager.getConnection(tdb.url(logicalName))) {
      return FailedTransaction.run(c, "t1", failing);
    }
  }

  private static List<Step> without(List<Step> steps, int index) {
    List<Step> rest = new ArrayList<>(steps);
    rest.remove(index);
    return rest;
  }

  private static void empty(String logicalName) throws SQLException {
    try (Connection c = tdb.superuser(logicalName);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM t1");
    }
  }
}
