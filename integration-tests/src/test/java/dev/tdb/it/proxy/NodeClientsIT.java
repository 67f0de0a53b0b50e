/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Node.js clients (the project in {@code src/test/node}) run as real processes against the proxy:
 * CRUD, parameterized queries and transactions on a tenant, and the DDL refusal.
 */
@ExtendWith(PostgresExtension.class)
final class NodeClientsIT {
  private static final Path PROJECT = Path.of("src/test/node");
  private static final String INSTALL = "run `npm ci` in integration-tests/src/test/node";

  /** A Node client: its scenario script and the npm package it needs. */
  enum Client {
    NODE_POSTGRES("pg.mjs", "pg"),
    POSTGRES_JS("postgresjs.mjs", "postgres"),
    SEQUELIZE("sequelize.mjs", "sequelize");

    private final String script;
    private final String npmPackage;

    Client(String script, String npmPackage) {
      this.script = script;
      this.npmPackage = npmPackage;
    }
  }

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Client.class)
  void runsCrudAndSeesTheDdlRefusal(Client client) throws Exception {
    Assumptions.assumeTrue(
        ClientProcess.succeeds(PROJECT, List.of("node", "--version")),
        "Node.js is not installed: apt-get install nodejs npm, then " + INSTALL);
    Assumptions.assumeTrue(
        Files.isDirectory(PROJECT.resolve("node_modules").resolve(client.npmPackage)),
        "npm package " + client.npmPackage + " is not installed: " + INSTALL);

    JsonNode result =
        ClientProcess.run(
                PROJECT,
                Map.of("TDB_TENANT_URL", service.url(service.tenant())),
                List.of("node", client.script))
            .json();

    TenantScenario.assertSeen(client.script.replace(".mjs", ""), result);
    if (client == Client.POSTGRES_JS) {
      // The refused DDL was pipelined between two queries; both still got their answers.
      assertThat(result.at("/ddl/pipelineNeighbours").toString()).isEqualTo("[1,3]");
    }
  }
}
