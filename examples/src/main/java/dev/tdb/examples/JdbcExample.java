/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain JDBC on one tenant database: writes and reads notes, then tries to create a table, which
 * tdb refuses on tenant databases. The only tdb-specific thing is the {@code jdbc:tdb:} URL.
 *
 * <p>Run with the tenant's URL as the argument or in {@code TDB_JDBC_URL}, e.g. {@code
 * jdbc:tdb://127.0.0.1:7070/myapp__acme?user=…&password=…} as {@code tdb up} prints it. The tenant
 * needs the blueprint's {@code note} table.
 */
public final class JdbcExample {
  private JdbcExample() {}

  /** Runs the example against the URL in {@code args[0]} or {@code TDB_JDBC_URL}. */
  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : System.getenv("TDB_JDBC_URL");
    if (url == null) {
      System.err.println("usage: JdbcExample jdbc:tdb://HOST:PORT/TENANT_DB?user=…&password=…");
      System.err.println("       (or the URL in TDB_JDBC_URL)");
      System.exit(2);
    }
    try (Connection connection = DriverManager.getConnection(url)) {
      System.out.println("connected to " + connection.getCatalog());

      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO note (body) VALUES (?)")) {
        for (String body : new String[] {"buy milk", "call the bank"}) {
          insert.setString(1, body);
          insert.executeUpdate();
          System.out.println("inserted: " + body);
        }
      }

      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT id, body FROM note ORDER BY id")) {
        System.out.println("notes:");
        while (rs.next()) {
          System.out.println("  " + rs.getLong("id") + "  " + rs.getString("body"));
        }
      }

      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE scratch (id int)");
        System.out.println("CREATE TABLE succeeded");
      } catch (SQLException e) {
        System.out.println("CREATE TABLE refused: SQLSTATE " + e.getSQLState());
        System.out.println("  " + e.getMessage().replace("\n", "\n  "));
      }
    }
  }
}
