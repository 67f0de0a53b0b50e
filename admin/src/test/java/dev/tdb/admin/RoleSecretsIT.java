/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A role statement that carries a password (a SCRAM verifier) never reaches the server's log, even
 * when it fails: PostgreSQL logs the text of a failing statement by default.
 */
@ExtendWith(PostgresExtension.class)
final class RoleSecretsIT {
  private static AdminFixture fixture;
  private static TestPostgres server;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    server = postgres;
    fixture = AdminFixture.start(postgres);
    assertThat(fixture.registerCluster(fixture.prefix + "-one", postgres, 50).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  @Test
  void failingRoleStatementsLeaveNoVerifierInTheServerLog() throws Exception {
    Path log = serverLog();
    Api api = Api.basic(fixture.uri(), fixture.newAccount());
    String blueprint = fixture.blueprint("secret");
    assertThat(
            api.post(
                    "/v1/workspaces", Map.of("name", blueprint + "_workspace", "mode", "workspace"))
                .status())
        .isEqualTo(201);
    String taken = blueprint + "__acme__rt";
    try (Connection connection = server.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE ROLE \"" + taken + "\"");
    }
    long before = Files.size(log);

    // The owner role exists (a CREATE ROLE that fails on purpose), then the runtime role's does.
    Api.Reply refused = api.post("/v1/tenants", Map.of("blueprint", blueprint, "name", "acme"));

    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    String written = tail(log, before);
    assertThat(written).contains("role \"" + taken + "\" already exists");
    assertThat(written)
        .contains("role \"" + blueprint + "__owner\" already exists")
        .doesNotContain("SCRAM-SHA-256$")
        .doesNotContain("PASSWORD");
  }

  /** The embedded server's log file ({@code postgres.log} beside its data directory). */
  private static Path serverLog() throws SQLException {
    Assumptions.assumeTrue(
        server.kind() == TestPostgres.Kind.EMBEDDED, "the server's log is readable when embedded");
    String dataDirectory = AdminFixture.scalar(server, "SHOW data_directory");
    Path log = Path.of(dataDirectory).resolveSibling("postgres.log");
    Assumptions.assumeTrue(Files.isReadable(log), "no server log at " + log);
    return log;
  }

  private static String tail(Path file, long from) throws IOException {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(from);
      byte[] bytes = new byte[(int) (in.length() - from)];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
