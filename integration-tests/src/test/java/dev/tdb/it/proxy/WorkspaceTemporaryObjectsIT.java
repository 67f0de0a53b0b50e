/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions on a workspace that change only temporary objects inside open transactions do not wait
 * for each other, and capture records nothing for them: psycopg 3 copying one session's temporary
 * table into another's, straight to PostgreSQL as a role with the runtime role's rights and through
 * the proxy over TLS.
 */
@ExtendWith(PostgresExtension.class)
final class WorkspaceTemporaryObjectsIT {
  private static final Path SCRIPTS = Path.of("src/test/python");
  private static final String PYTHON = "/usr/bin/python3";
  private static final String DIRECT_PASSWORD = "direct-" + System.nanoTime();

  private static ProxyService service;
  private static TestPostgres server;
  private static String directRole;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    server = postgres;
    service = ProxyService.start(postgres);
    directRole = service.createDirectRole(service.workspace(), DIRECT_PASSWORD);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void copiesBetweenTemporaryTablesOfTwoOpenTransactionsAsADirectConnectionDoes() throws Exception {
    Assumptions.assumeTrue(
        ClientProcess.succeeds(SCRIPTS, List.of(PYTHON, "-c", "import psycopg")),
        "psycopg is not installed for " + PYTHON + ": apt-get install python3-psycopg");
    long capturedBefore = captured();

    JsonNode direct = copyAcross(directUrl());
    JsonNode proxied = copyAcross(service.url(service.workspace()));

    assertThat(direct.get("sqlstate").isNull()).as(direct.toString()).isTrue();
    assertThat(direct.get("copied").toString()).isEqualTo("[[1,\"a\"],[2,\"b\"],[3,\"c\"]]");
    assertThat(proxied).isEqualTo(direct);
    assertThat(captured()).isEqualTo(capturedBefore);
  }

  private static JsonNode copyAcross(String url) throws Exception {
    return ClientProcess.run(
            SCRIPTS, Map.of("TDB_WORKSPACE_URL", url), List.of(PYTHON, "temp_copy_across.py"))
        .json();
  }

  private static String directUrl() {
    return "postgresql://"
        + directRole
        + ":"
        + DIRECT_PASSWORD
        + "@"
        + server.host()
        + ":"
        + server.port()
        + "/"
        + service.workspace()
        + "?sslmode=disable";
  }

  /** How many commands capture has recorded in the workspace. */
  private static long captured() throws SQLException {
    try (Connection c = service.superuser(service.workspace());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM tdb_catalog.changes")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
