/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The shared database an import reads, given by its connection details. It is only ever read.
 *
 * @param host the server's host
 * @param port its port
 * @param database the database
 * @param user who to log in as
 * @param password the password, or null
 */
public record ImportSource(String host, int port, String database, String user, String password) {
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  /** Checks that every field but the password is given. */
  public ImportSource {
    require("host", host);
    require("database", database);
    require("user", user);
    if (port < 1 || port > 65535) {
      throw AdminException.invalid("port", "must be from 1 to 65535, got " + port);
    }
  }

  /**
   * A new read-only connection to the source; the caller closes it.
   *
   * @throws AdminException refused {@code source_login_failed} for a wrong password or user,
   *     unavailable {@code source_unreachable} when the server cannot be reached
   */
  Connection connect() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("ApplicationName", "tdb-import");
    properties.setProperty("readOnly", "true");
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    try {
      return DriverManager.getConnection(
          "jdbc:postgresql://" + shownHost + ":" + port + "/" + database, properties);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** {@code host:port/database}, without credentials. */
  String describe() {
    return host + ":" + port + "/" + database;
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "ImportSource[" + user + "@" + describe() + "]";
  }

  private AdminException failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("28")) {
      return new AdminException(
          AdminException.Kind.REFUSED,
          "source_login_failed",
          "the source database "
              + describe()
              + " refused the login of "
              + user
              + ": "
              + e.getMessage()
              + " (SQLSTATE "
              + state
              + ")",
          "check --user and --password of the source database",
          e);
    }
    if (state.equals("3D000")) {
      return new AdminException(
          AdminException.Kind.REFUSED,
          "source_database_missing",
          "the source server has no database " + database + " (SQLSTATE 3D000)",
          "check --database",
          e);
    }
    return new AdminException(
        AdminException.Kind.UNAVAILABLE,
        "source_unreachable",
        "the source database "
            + describe()
            + " cannot be reached: "
            + e.getMessage()
            + " (SQLSTATE "
            + (state.isEmpty() ? "08001" : state)
            + ")",
        "check --host and --port, and that the admin host may connect to it",
        e);
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw AdminException.invalid(field, "of the source database is required");
    }
  }
}
