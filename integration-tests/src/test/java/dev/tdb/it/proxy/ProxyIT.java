/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tdb.core.policy.Policy;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/** pgjdbc through the proxy over TLS, against a tenant made by the real admin service. */
@ExtendWith(PostgresExtension.class)
final class ProxyIT {
  private static final int MAX_ROWS = 100;
  private static ProxyService service;
  private static String tenant;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
    tenant = service.tenant();
    service.updateSettings(Map.of("max_rows_per_query", MAX_ROWS));
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void runsSimpleAndPreparedStatementsOverTls() throws SQLException {
    try (Connection c = service.connect(tenant, service.secret(), "?prepareThreshold=1");
        Statement s = c.createStatement()) {
      assertThat(c.unwrap(org.postgresql.PGConnection.class)).isNotNull();
      s.execute("INSERT INTO note VALUES (1, 'one') ON CONFLICT DO NOTHING");
      for (int i = 0; i < 3; i++) {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM note WHERE id = ?")) {
          p.setInt(1, 1);
          try (ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("one");
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SHOW ssl")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void refusesDdlWithThePolicyErrorAndKeepsTheConnectionUsable() throws SQLException {
    try (Connection c = service.connect(tenant, service.secret(), "");
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("CREATE TABLE evil (id int)"))
          .isInstanceOf(PSQLException.class)
          .hasMessageContaining(Policy.TENANT_DDL_MESSAGE)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
      assertThatThrownBy(() -> s.execute("SELECT 1; DROP TABLE note"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("42501");
      try (PreparedStatement p = c.prepareStatement("ALTER TABLE note ADD COLUMN x int")) {
        assertThatThrownBy(p::execute)
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("42501");
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM note")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void refusesAWrongPasswordWith28P01() {
    assertThatThrownBy(() -> service.connect(tenant, "wrong", "").close())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("28P01");
  }

  @Test
  void refusesAnUnknownDatabaseWith3D000() {
    assertThatThrownBy(() -> service.connect("nosuch__db", service.secret(), "").close())
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("3D000");
  }

  @Test
  void servesPsqlOverTlsAndShowsItTheRefusal() throws Exception {
    Assumptions.assumeTrue(ProxyService.psqlInstalled(), "psql is not installed: skipped");
    String output = service.psql(tenant, "SELECT 40 + 2", "CREATE TABLE evil (id int)");
    assertThat(output).contains("42").contains("ERROR:  " + Policy.TENANT_DDL_MESSAGE);
  }

  @Test
  void cancelsTheClientsOwnQuery() throws SQLException {
    try (Connection c = service.connect(tenant, service.secret(), "");
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      assertThatThrownBy(() -> s.execute("SELECT pg_sleep(30)"))
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("57014");
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void endsAResultOverMaxRowsWith54000AndLetsAResultAtTheLimitThrough() throws SQLException {
    try (Connection c = service.connect(tenant, service.secret(), "");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT g FROM generate_series(1, " + MAX_ROWS + ") g")) {
        int read = 0;
        while (rs.next()) {
          read++;
        }
        assertThat(read).isEqualTo(MAX_ROWS);
      }
      assertThatThrownBy(() -> s.executeQuery("SELECT g FROM generate_series(1, 10000000) g"))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("54000");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo("query returned more than max_rows_per_query (100) rows");
                assertThat(e.getServerErrorMessage().getHint()).contains("_workspace");
              });
      try (ResultSet rs = s.executeQuery("SELECT 42")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void countsRowsAcrossFetchesOfAStreamedResult() throws SQLException {
    try (Connection c = service.connect(tenant, service.secret(), "")) {
      c.setAutoCommit(false);
      List<Integer> seen = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT g FROM generate_series(1, ?) g")) {
        p.setFetchSize(30);
        p.setInt(1, 1000);
        assertThatThrownBy(
                () -> {
                  try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                      seen.add(rs.getInt(1));
                    }
                  }
                })
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("54000");
      }
      // Whole fetches of 30 rows up to the limit reached the client, and nothing beyond it.
      assertThat(seen).hasSize(90).endsWith(90);
      c.rollback();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void aTransactionWhoseResultWentOverTheLimitCannotCommit() throws SQLException {
    try (Connection c = service.connect(tenant, service.secret(), "")) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        // Small enough to finish on the server before any cancel can reach it.
        assertThatThrownBy(
                () ->
                    s.executeQuery(
                        "INSERT INTO note SELECT g, 'bulk' FROM generate_series(1000, 1100) g"
                            + " RETURNING id"))
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("54000");
        assertThatThrownBy(() -> s.executeQuery("SELECT 1"))
            .extracting(e -> ((SQLException) e).getSQLState())
            .isEqualTo("25P02");
      }
      try {
        c.commit();
      } catch (SQLException serverRolledBack) {
        // pgjdbc may report that COMMIT ended as ROLLBACK; either way nothing may be kept.
      }
      c.setAutoCommit(true);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM note WHERE body = 'bulk'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }
}
