/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.sources.PinnedSocketFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL database to import a schema from, read from a {@code postgresql://} (or {@code
 * postgres://}) URL or a {@code jdbc:postgresql://} URL with {@code user} and {@code password}
 * parameters.
 *
 * @param host the server's host
 * @param port its port
 * @param database the database
 * @param user who to log in as
 * @param password the password, or null
 * @param sslMode libpq's {@code sslmode}, or null for its default
 */
record SourceDatabase(
    String host, int port, String database, String user, String password, String sslMode) {
  private static final int DEFAULT_PORT = 5432;
  private static final int CONNECT_TIMEOUT_SECONDS = 10;
  private static final int READ_TIMEOUT_SECONDS = 300;

  /**
   * Parses {@code url}.
   *
   * @throws AdminException invalid, naming field {@code database}, when it is not such a URL
   */
  static SourceDatabase parse(String url) {
    String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid();
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())
        || uri.getHost() == null
        || uri.getRawPath() == null
        || uri.getRawPath().length() < 2) {
      throw invalid();
    }
    Map<String, String> query = query(uri.getRawQuery());
    String user = query.get("user");
    String password = query.get("password");
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length == 2 ? decode(parts[1]) : password;
    }
    if (user == null || user.isEmpty()) {
      throw AdminException.invalid("database", "must name the user to log in as");
    }
    return new SourceDatabase(
        uri.getHost(),
        uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        decode(uri.getRawPath().substring(1)),
        user,
        password,
        query.get("sslmode"));
  }

  /**
   * pgjdbc's properties for this database, connecting to {@code address}: the host itself, or the
   * address the source gate checked it resolves to, which a {@link PinnedSocketFactory} then
   * connects to while the driver still uses the host name for TLS. Only the URL's credentials may
   * log in: without a password the driver would read the admin host's {@code .pgpass}, which may
   * hold passwords of databases the caller must not reach, so an empty one is sent instead.
   */
  Properties properties(String address) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password == null ? "" : password);
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    properties.setProperty("socketTimeout", Integer.toString(READ_TIMEOUT_SECONDS));
    properties.setProperty("ApplicationName", "tdb-schema-import");
    if (sslMode != null) {
      properties.setProperty("sslmode", sslMode);
    }
    if (!address.equals(host)) {
      properties.setProperty("socketFactory", PinnedSocketFactory.class.getName());
      properties.setProperty("socketFactoryArg", address);
    }
    return properties;
  }

  /** The JDBC URL of this database, with no parameters (they are all in {@link #properties}). */
  String jdbcUrl() {
    String shownHost = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    // Encoded, so that a database name cannot add connection parameters to the URL.
    String path = URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    return "jdbc:postgresql://" + shownHost + ":" + port + "/" + path;
  }

  /** {@code host:port/database}, without credentials. */
  String describe() {
    return host + ":" + port + "/" + database;
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return "SourceDatabase[" + user + "@" + describe() + "]";
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new HashMap<>();
    if (raw == null) {
      return values;
    }
    for (String pair : raw.split("&")) {
      String[] parts = pair.split("=", 2);
      values.put(decode(parts[0]), parts.length == 2 ? decode(parts[1]) : "");
    }
    return values;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static AdminException invalid() {
    return AdminException.invalid(
        "database",
        "must be a postgresql://user:password@host:port/db or"
            + " jdbc:postgresql://host:port/db?user=..&password=.. URL");
  }
}
