/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.sources.SourceGate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

  /** This source reached at {@code address} (what the source gate admitted) instead. */
  ImportSource at(String address) {
    return new ImportSource(address, port, database, user, password);
  }

  /**
   * A new read-only connection to the source; the caller closes it.
   *
   * @throws AdminException refused {@code source_connect_failed}, the same for every reason
   */
  Connection connect() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    // Only the caller's credentials may log in: without a password pgjdbc would read the admin
    // host's .pgpass, which may hold passwords of databases the caller must not reach.
    properties.setProperty("password", password == null ? "" : password);
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("ApplicationName", "tdb-import");
    properties.setProperty("readOnly", "true");
    String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    // Encoded, so that a database name cannot add connection parameters to the URL.
    String path = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    try {
      return DriverManager.getConnection(
          "jdbc:postgresql://" + shownHost + ":" + port + "/" + path, properties);
    } catch (SQLException e) {
      throw SourceGate.connectFailed(
          describe(), e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
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

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw AdminException.invalid(field, "of the source database is required");
    }
  }
}
