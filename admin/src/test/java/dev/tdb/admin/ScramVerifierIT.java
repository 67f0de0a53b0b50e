/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.security.ScramVerifier;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Verifiers are in PostgreSQL's own form, in both directions. */
@ExtendWith(PostgresExtension.class)
final class ScramVerifierIT {

  @Test
  void postgresLogsInWithAVerifierMadeHere(TestPostgres postgres) throws SQLException {
    String role = "scram_" + RandomTokens.hex(4);
    String password = RandomTokens.rolePassword();
    execute(
        postgres,
        "CREATE ROLE " + role + " LOGIN PASSWORD '" + ScramVerifier.create(password).text() + "'");
    // Explicitly: the shared test server may have been hardened (CONNECT revoked from PUBLIC).
    execute(postgres, "GRANT CONNECT ON DATABASE postgres TO " + role);
    try (Connection connection =
        DriverManager.getConnection(postgres.jdbcUrl("postgres"), role, password)) {
      assertThat(connection.isValid(2)).isTrue();
    } finally {
      execute(postgres, "REVOKE CONNECT ON DATABASE postgres FROM " + role);
      execute(postgres, "DROP ROLE " + role);
    }
  }

  @Test
  void checksPasswordsAgainstAVerifierMadeByPostgres(TestPostgres postgres) throws SQLException {
    String role = "scram_" + RandomTokens.hex(4);
    try {
      execute(
          postgres,
          "SET password_encryption = 'scram-sha-256'; CREATE ROLE "
              + role
              + " PASSWORD 'p4ss wörd'");
      String stored =
          AdminFixture.scalar(
              postgres, "SELECT rolpassword FROM pg_authid WHERE rolname = ?", role);
      ScramVerifier verifier = ScramVerifier.parse(stored);
      assertThat(verifier.matches("p4ss wörd")).isTrue();
      assertThat(verifier.matches("p4ss word")).isFalse();
      assertThat(verifier.text()).isEqualTo(stored);
    } finally {
      execute(postgres, "DROP ROLE IF EXISTS " + role);
    }
  }

  private static void execute(TestPostgres postgres, String sql) throws SQLException {
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
