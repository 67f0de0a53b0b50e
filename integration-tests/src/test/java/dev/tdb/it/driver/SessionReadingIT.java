/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The driver reads SQL as the server does: it lexes with the session's {@code
 * standard_conforming_strings} as pgjdbc tracks it from ParameterStatus, and a session never leaves
 * the client encoding tdb reads (UTF8).
 */
@ExtendWith(PostgresExtension.class)
final class SessionReadingIT {
  /**
   * With standard strings, one SELECT of two string literals. With backslash escapes, {@code \'} is
   * a quote inside the first literal, and the server runs three statements, the DO among them.
   */
  private static final String HIDDEN_DO =
      "SELECT 'x\\' , $a$ ' ; DO $d$BEGIN RAISE NOTICE 'ran'; END$d$; SELECT 1 --$a$";

  /** The same shape, hiding a statement that tdb refuses in a workspace. */
  private static final String HIDDEN_ALTER_SYSTEM =
      "SELECT 'x\\' , $a$ ' ; ALTER SYSTEM SET work_mem = '1MB'; SELECT 1 --$a$";

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
  void refusesTheDoThatBackslashEscapesRevealOnATenant() throws SQLException {
    String tenant = tdb.createTenant(tdb.createBlueprint("scstenant"), "acme");
    turnOffStandardStringsForTheRuntimeRole(tenant);
    try (Connection connection = DriverManager.getConnection(tdb.url(tenant));
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "standard_conforming_strings")).isEqualTo("off");
      assertRefusedDo(() -> statement.execute(HIDDEN_DO));
      assertRefusedDo(() -> connection.prepareStatement(HIDDEN_DO));
      assertRefusedDo(
          () -> {
            statement.addBatch(HIDDEN_DO);
            statement.executeBatch();
          });
      assertThat((Object) statement.getWarnings()).as("no NOTICE: the DO never ran").isNull();
      assertThat(connection.isValid(1)).isTrue();
    }
  }

  @Test
  void splitsAsTheServerDoesInAWorkspaceWithBackslashEscapes() throws SQLException {
    String workspace = tdb.createBlueprint("scsworkspace") + "_workspace";
    turnOffStandardStringsForTheRuntimeRole(workspace);
    try (Connection connection = DriverManager.getConnection(tdb.url(workspace));
        Statement statement = connection.createStatement()) {
      assertThat(show(statement, "standard_conforming_strings")).isEqualTo("off");
      // Read as three statements, the hidden one is judged: ALTER SYSTEM is tdb's to refuse.
      assertThatThrownBy(() -> statement.execute(HIDDEN_ALTER_SYSTEM))
          .isInstanceOfSatisfying(
              PSQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo("42501");
                assertThat(e.getServerErrorMessage().getMessage())
                    .isEqualTo("ALTER SYSTEM is not allowed through tdb");
              });
      // DO is allowed in a workspace: the three statements run, as tdb judged them.
      statement.execute(HIDDEN_DO);
      assertThat(messages(statement.getWarnings())).contains("ran");
    }
  }

  @Test
  void followsAChangeOfStandardStringsBetweenPrepareAndExecute() throws SQLException {
    String control = tdb.createControlWorkspace("ctl");
    try (Connection connection = DriverManager.getConnection(tdb.url(control));
        Statement statement = connection.createStatement()) {
      PreparedStatement prepared = connection.prepareStatement(HIDDEN_ALTER_SYSTEM);
      // A control database may turn backslash escapes on; the server then parses the prepared
      // text with them when it first runs, and so does tdb.
      statement.execute("SET standard_conforming_strings = off");
      assertThatThrownBy(prepared::execute)
          .hasFieldOrPropertyWithValue("SQLState", "42501")
          .hasMessageContaining("ALTER SYSTEM is not allowed through tdb");
    }
  }

  @Test
  void neverLeavesASessionInAnEncodingOtherThanUtf8() throws SQLException {
    String tenant = tdb.createTenant(tdb.createBlueprint("enc"), "acme");
    String workspace = tdb.createBlueprint("encws") + "_workspace";
    for (String name : new String[] {tenant, workspace}) {
      try (Connection connection = DriverManager.getConnection(tdb.url(name));
          Statement statement = connection.createStatement()) {
        SQLException refused =
            catchThrowableOfType(
                SQLException.class, () -> statement.execute("SET client_encoding = 'SJIS'"));
        assertThat((Object) refused).as("SET client_encoding = 'SJIS' on %s", name).isNotNull();
        // Refused before it was sent, or pgjdbc ended the session when the server reported it.
        if (!connection.isClosed()) {
          assertThat(show(statement, "client_encoding")).isEqualTo("UTF8");
        }
      }
    }
    // pgjdbc sends a whole batch before it reads the server's answers, so it would notice the new
    // encoding only after the server had decoded the entries behind it in that encoding.
    String control = tdb.createControlWorkspace("encctl");
    try (Connection connection = DriverManager.getConnection(tdb.url(control));
        Statement statement = connection.createStatement()) {
      for (String change :
          new String[] {
            "SET client_encoding = 'SJIS'",
            "SET NAMES 'big5'",
            "SELECT set_config('client_encoding', 'GBK', false)",
            "SELECT 1; SET SESSION client_encoding TO sjis"
          }) {
        assertThatThrownBy(() -> statement.addBatch(change))
            .as(change)
            .isInstanceOfSatisfying(
                PSQLException.class,
                e -> {
                  assertThat(e.getSQLState()).isEqualTo("0A000");
                  assertThat(e.getServerErrorMessage().getMessage())
                      .isEqualTo("client_encoding cannot be changed through jdbc:tdb:");
                });
      }
      statement.execute("SET client_encoding = 'utf-8'");
      assertThat(show(statement, "client_encoding")).isEqualTo("UTF8");
      assertThat(connection.isValid(1)).isTrue();
    }
    assertThatThrownBy(
            () -> DriverManager.getConnection(tdb.url(tenant) + "&allowEncodingChanges=true"))
        .hasFieldOrPropertyWithValue("SQLState", "08001")
        .hasMessageContaining("allowEncodingChanges");
  }

  /** Sets the runtime role's {@code standard_conforming_strings} off, as a superuser could. */
  private static void turnOffStandardStringsForTheRuntimeRole(String logicalName)
      throws SQLException {
    String role;
    String database;
    try (Connection connection = DriverManager.getConnection(tdb.url(logicalName));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_user, current_database()")) {
      rs.next();
      role = rs.getString(1);
      database = rs.getString(2);
    }
    // In the database too: the admin sets standard strings on there, which wins over the role's.
    try (Connection superuser = tdb.superuser(logicalName);
        Statement statement = superuser.createStatement()) {
      statement.execute(
          "ALTER ROLE \""
              + role
              + "\" IN DATABASE \""
              + database
              + "\" SET standard_conforming_strings = off");
    }
  }

  private static void assertRefusedDo(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PSQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo("42501");
              assertThat(e.getServerErrorMessage().getMessage())
                  .isEqualTo("DO blocks not allowed on tenant databases");
            });
  }

  private static String show(Statement statement, String setting) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String messages(SQLWarning warning) {
    StringBuilder all = new StringBuilder();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      all.append(w.getMessage()).append('\n');
    }
    return all.toString();
  }
}
