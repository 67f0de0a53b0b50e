/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tdb.core.settings.Setting;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.sql.BatchUpdateException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PSQLException;

/**
 * The driver's own cancel behind {@code query_timeout_ms}: with the runtime role's {@code
 * statement_timeout} lifted on the server (as a bypass would), a statement that runs past the limit
 * plus the grace is cancelled by the driver with 57014 naming the setting, whatever JDBC call ran
 * it, and the connection stays usable; statements below the limit are never cancelled.
 */
@ExtendWith(PostgresExtension.class)
final class TimeoutBackstopIT {
  private static final long TIMEOUT_MS = 500;

  /** Far above the limit plus the one-second grace, far below the 30 s the statements ask for. */
  private static final Duration CANCELLED_WITHIN = Duration.ofSeconds(20);

  private static TdbService tdb;
  private static String tenant;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    tdb = TdbService.start(postgres);
    String blueprint = tdb.createBlueprint("backstop");
    tdb.updateSettings(blueprint, Map.of(Setting.QUERY_TIMEOUT_MS.key(), TIMEOUT_MS));
    tenant = tdb.createTenant(blueprint, "acme", "CREATE TABLE items (name text)");
    String role;
    String database;
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_user, current_database()")) {
      rs.next();
      role = rs.getString(1);
      database = rs.getString(2);
    }
    // In the database too: the admin sets the timeout there, which wins over the role's.
    try (Connection superuser = tdb.superuser(tenant);
        Statement statement = superuser.createStatement()) {
      statement.execute(
          "ALTER ROLE \"" + role + "\" IN DATABASE \"" + database + "\" SET statement_timeout = 0");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    tdb.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(tdb.url(tenant));
  }

  @Test
  void cancelsAStatementPastTheLimitAndTheConnectionStaysUsable() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      assertThat(show(statement)).as("the server enforces nothing").isEqualTo("0");
      assertCancelledByTheDriver(() -> statement.execute("SELECT pg_sleep(30)"));
      assertCancelledByTheDriver(() -> statement.executeQuery("SELECT pg_sleep(30)"));
      try (ResultSet rs = statement.executeQuery("SELECT 42")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }

  @Test
  void cancelsPreparedCallableAndBatchExecutions() throws SQLException {
    try (Connection connection = connect();
        PreparedStatement prepared = connection.prepareStatement("SELECT pg_sleep(?)");
        CallableStatement call = connection.prepareCall("{call pg_sleep(?)}");
        Statement batch = connection.createStatement();
        PreparedStatement insert =
            connection.prepareStatement("INSERT INTO items SELECT ? FROM pg_sleep(?)")) {
      prepared.setInt(1, 30);
      assertCancelledByTheDriver(prepared::executeQuery);
      call.setInt(1, 30);
      assertCancelledByTheDriver(call::execute);
      batch.addBatch("INSERT INTO items SELECT 'x' FROM pg_sleep(30)");
      assertThat((Object) assertCancelledByTheDriver(batch::executeBatch))
          .isInstanceOf(BatchUpdateException.class);
      insert.setString(1, "y");
      insert.setInt(2, 30);
      insert.addBatch();
      assertThat((Object) assertCancelledByTheDriver(insert::executeBatch))
          .isInstanceOf(BatchUpdateException.class);
      assertThat(connection.isValid(1)).isTrue();
    }
  }

  @Test
  void neverCancelsStatementsBelowTheLimit() throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      // Each below the limit (and far below the limit plus the 1 s grace); together, one after
      // another, far beyond it.
      for (int i = 0; i < 5; i++) {
        statement.execute("SELECT pg_sleep(0.4)");
      }
      // One text, one batch: the server gives each statement its own timeout, so does tdb.
      statement.execute(
          "SELECT pg_sleep(0.4); SELECT pg_sleep(0.4); SELECT pg_sleep(0.4); SELECT pg_sleep(0.4)");
      for (int i = 0; i < 4; i++) {
        statement.addBatch("INSERT INTO items SELECT 'z' FROM pg_sleep(0.4)");
      }
      assertThat(statement.executeBatch()).containsExactly(1, 1, 1, 1);
      connection.rollback();
    }
  }

  /** Runs {@code call}, expecting the driver's 57014 in about the limit plus the grace. */
  private static SQLException assertCancelledByTheDriver(ThrowingCallable call) {
    long started = System.nanoTime();
    SQLException cancelled = catchThrowableOfType(SQLException.class, call);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    assertThat((Object) cancelled).as("a 30 s statement under a 0.5 s limit").isNotNull();
    assertThat(cancelled.getSQLState()).isEqualTo("57014");
    assertThat(cancelled.getMessage())
        .contains("canceling statement due to statement timeout")
        .contains("query_timeout_ms (" + TIMEOUT_MS + " ms)")
        .contains("jdbc:tdb: driver");
    PSQLException timeout =
        cancelled instanceof PSQLException direct
            ? direct
            : (PSQLException) cancelled.getNextException();
    assertThat(timeout.getServerErrorMessage().getMessage())
        .isEqualTo("canceling statement due to statement timeout");
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(TIMEOUT_MS));
    assertThat(elapsed).isLessThan(CANCELLED_WITHIN);
    return cancelled;
  }

  private static String show(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SHOW statement_timeout")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
