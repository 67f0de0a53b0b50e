/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.core.settings.PoolMode;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Node.js clients (the project in {@code src/test/node}) run as real processes against the proxy:
 * CRUD, parameterized queries and transactions on a tenant, and the DDL refusal, in both pool modes
 * (in transaction mode with clients sharing {@link PoolModes#SHARED_SERVER_CONNECTIONS} server
 * connections).
 */
@ExtendWith(PostgresExtension.class)
final class NodeClientsIT {
  private static final Path PROJECT = Path.of("src/test/node");
  private static final String INSTALL =
      "run `npm ci && npm run generate` in integration-tests/src/test/node";

  /** A Node client: its command and a file that exists once it is installed. */
  enum Client {
    NODE_POSTGRES("pg", "node_modules/pg", List.of("node", "pg.mjs")),
    POSTGRES_JS("postgresjs", "node_modules/postgres", List.of("node", "postgresjs.mjs")),
    SEQUELIZE("sequelize", "node_modules/sequelize", List.of("node", "sequelize.mjs")),
    // Prisma's TypeScript client is generated from prisma/schema.prisma and run through tsx.
    PRISMA(
        "prisma", "prisma/generated/client.ts", List.of("node", "--import", "tsx", "prisma.mts"));

    private final String name;
    private final Path installed;
    private final List<String> command;

    Client(String name, String installed, List<String> command) {
      this.name = name;
      this.installed = PROJECT.resolve(installed);
      this.command = command;
    }
  }

  private static PoolModes services;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    services = PoolModes.start(postgres);
  }

  @AfterAll
  static void stop() throws SQLException {
    services.close();
  }

  static Stream<Arguments> clientsInEachPoolMode() {
    return Stream.of(Client.values())
        .flatMap(client -> Stream.of(PoolMode.values()).map(mode -> Arguments.of(client, mode)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("clientsInEachPoolMode")
  void runsCrudAndSeesTheDdlRefusal(Client client, PoolMode mode) throws Exception {
    ProxyService service = services.get(mode);
    Assumptions.assumeTrue(
        ClientProcess.succeeds(PROJECT, List.of("node", "--version")),
        "Node.js is not installed: apt-get install nodejs npm, then " + INSTALL);
    Assumptions.assumeTrue(
        Files.exists(client.installed),
        client.name + " is not installed (no " + client.installed + "): " + INSTALL);

    JsonNode result =
        ClientProcess.run(
                PROJECT, Map.of("TDB_TENANT_URL", service.url(service.tenant())), client.command)
            .json();

    TenantScenario.assertSeen(client.name, result);
    if (client == Client.POSTGRES_JS) {
      // The refused DDL was pipelined between two queries; both still got their answers.
      assertThat(result.at("/ddl/pipelineNeighbours").toString()).isEqualTo("[1,3]");
    }
  }
}
