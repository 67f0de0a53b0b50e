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
 * Python clients (the scripts in {@code src/test/python}, run by the system's {@code
 * /usr/bin/python3} with Debian's packages) against the proxy: CRUD, parameterized queries,
 * pipelines and transactions on a tenant, and the DDL refusal, in both pool modes (in transaction
 * mode with clients sharing {@link PoolModes#SHARED_SERVER_CONNECTIONS} server connections).
 */
@ExtendWith(PostgresExtension.class)
final class PythonClientsIT {
  private static final Path SCRIPTS = Path.of("src/test/python");
  private static final String PYTHON = "/usr/bin/python3";

  /** A Python client: its scenario script, the module it imports, and its Debian package. */
  enum Client {
    PSYCOPG2("psycopg2", "psycopg2", "python3-psycopg2"),
    PSYCOPG("psycopg", "psycopg", "python3-psycopg"),
    ASYNCPG("asyncpg", "asyncpg", "python3-asyncpg"),
    SQLALCHEMY("sqlalchemy", "sqlalchemy, psycopg2", "python3-sqlalchemy python3-psycopg2");

    private final String name;
    private final String module;
    private final String debianPackages;

    Client(String name, String module, String debianPackages) {
      this.name = name;
      this.module = module;
      this.debianPackages = debianPackages;
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
        ClientProcess.succeeds(SCRIPTS, List.of(PYTHON, "-c", "import " + client.module)),
        client.name
            + " is not installed for "
            + PYTHON
            + ": apt-get install "
            + client.debianPackages);

    JsonNode result =
        ClientProcess.run(
                SCRIPTS,
                Map.of(
                    "TDB_TENANT_URL", service.url(service.tenant()), "TDB_POOL_MODE", mode.key()),
                List.of(PYTHON, client.name + "_client.py"))
            .json();

    TenantScenario.assertSeen(client.name, result);
    if (client == Client.PSYCOPG) {
      // In pipeline mode, the query sent before the refused DDL still got its answer.
      assertThat(result.at("/ddl/pipelineNeighbours").toString()).isEqualTo("[1]");
    }
    if (client == Client.PSYCOPG) {
      assertThat(result.at("/autoPrepared").asBoolean()).as("auto-prepared query").isTrue();
    }
    if (client == Client.PSYCOPG2 && mode == PoolMode.TRANSACTION) {
      // psycopg2 has no protocol-level prepared statements; SQL PREPARE outlives a transaction.
      assertThat(result.at("/sqlPrepare").asText()).isEqualTo("0A000");
    }
    if (client == Client.ASYNCPG) {
      assertThat(result.at("/ddl/extended").asText()).as("DDL with a parameter").isEqualTo("42501");
    }
  }
}
