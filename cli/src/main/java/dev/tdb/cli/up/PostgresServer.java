/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.up;

import dev.tdb.pgserver.EmbeddedPostgres;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL server {@code tdb up} runs on: one it started, or one the user named. */
final class PostgresServer implements AutoCloseable {
  private final String host;
  private final int port;
  private final String superuser;
  private final String password;
  private final EmbeddedPostgres embedded;

  private PostgresServer(
      String host, int port, String superuser, String password, EmbeddedPostgres embedded) {
    this.host = host;
    this.port = port;
    this.superuser = superuser;
    this.password = password;
    this.embedded = embedded;
  }

  static PostgresServer embedded(EmbeddedPostgres server) {
    return new PostgresServer(
        server.host(), server.port(), server.superuser(), server.password(), server);
  }

  /**
   * A server given as {@code postgresql://user:password@host:port/db}.
   *
   * @throws IllegalArgumentException when the URL lacks a host or a user
   */
  static PostgresServer external(String url) {
    URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--postgres-url must be a postgresql:// URL");
    }
    String userInfo = uri.getRawUserInfo();
    if (uri.getHost() == null || userInfo == null) {
      throw new IllegalArgumentException(
          "--postgres-url must name a host and a superuser: postgresql://USER:PASSWORD@HOST:PORT/");
    }
    String[] parts = userInfo.split(":", 2);
    return new PostgresServer(
        uri.getHost(),
        uri.getPort() == -1 ? 5432 : uri.getPort(),
        decode(parts[0]),
        parts.length == 2 ? decode(parts[1]) : "",
        null);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  String superuser() {
    return superuser;
  }

  String password() {
    return password;
  }

  /** Whether tdb started this server (and keeps its data under the tdb home). */
  boolean isEmbedded() {
    return embedded != null;
  }

  /** Where an embedded server keeps its data. */
  String dataDirectory() {
    return embedded == null ? null : embedded.dataDirectory().toString();
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Creates {@code database} unless it exists. */
  void ensureDatabase(String database) {
    try (Connection connection =
            DriverManager.getConnection(jdbcUrl("postgres"), superuser, password);
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot prepare database "
              + database
              + " on "
              + host
              + ":"
              + port
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Leaves stopping an embedded server to {@link #close()} alone, called by {@code tdb up}'s own
   * shutdown hook once the proxy has drained.
   */
  void stopOnlyWhenClosed() {
    if (embedded != null) {
      embedded.stopOnlyWhenClosed();
    }
  }

  /** Stops the server if tdb started it. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
