/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it;

import dev.tdb.admin.names.Names;
import dev.tdb.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The issue-15 sequence, run through JDBC with autocommit off: an INSERT, a statement that fails,
 * {@code SELECT 1}, COMMIT, then the table's row count. PostgreSQL fails the transaction at the
 * error, so what follows gets 25P02, COMMIT rolls back, and the count is 0; through tdb a refusal
 * must do the same.
 */
public final class FailedTransaction {
  /** What one step showed: {@code ok}, or the error's SQLSTATE and message; the count's value. */
  public record Step(String sqlState, String message) {
    static Step ok(String value) {
      return new Step("ok", value);
    }
  }

  private FailedTransaction() {}

  /**
   * Runs the sequence on {@code connection}.
   *
   * @param table a table with an int first column, empty at the start
   * @param failing the statement that fails between the INSERT and {@code SELECT 1}
   * @return the steps: INSERT, the failing statement, SELECT 1, COMMIT, the count afterwards
   */
  public static List<Step> run(Connection connection, String table, String failing)
      throws SQLException {
    return run(
        connection, table, List.of("INSERT INTO " + table + " VALUES (1)", failing, "SELECT 1"));
  }

  /**
   * Runs {@code statements} with autocommit off, then COMMIT, then counts {@code table}'s rows.
   *
   * @return a step for each statement, one for COMMIT, and the count
   */
  public static List<Step> run(Connection connection, String table, List<String> statements)
      throws SQLException {
    List<Step> steps = new ArrayList<>();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        steps.add(step(() -> statement.execute(sql)));
      }
      steps.add(step(connection::commit));
      connection.rollback();
      connection.setAutoCommit(true);
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
        count.next();
        steps.add(Step.ok(count.getString(1)));
      }
    }
    return steps;
  }

  /**
   * Creates a login role that is a member of {@code logicalName}'s runtime role, so it has that
   * role's rights when it connects straight to PostgreSQL; returns its name.
   */
  public static String createDirectRole(TestPostgres postgres, String logicalName, String password)
      throws SQLException {
    String role = logicalName + "_direct";
    try (Connection c = postgres.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE ROLE \""
              + role
              + "\" LOGIN PASSWORD '"
              + password
              + "' IN ROLE \""
              + Names.runtimeRole(logicalName)
              + "\"");
    }
    return role;
  }

  /** A pgjdbc connection straight to the physical database of {@code logicalName}. */
  public static Connection direct(
      TestPostgres postgres, String logicalName, String role, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", role);
    properties.setProperty("password", password);
    return DriverManager.getConnection(postgres.jdbcUrl(logicalName), properties);
  }

  private interface Action {
    void run() throws SQLException;
  }

  private static Step step(Action action) {
    try {
      action.run();
      return Step.ok("");
    } catch (SQLException e) {
      return new Step(e.getSQLState(), e.getMessage());
    }
  }
}
