/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.errors.AdminException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

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
   * libpq's environment for this database, connecting to {@code address} (the host itself, or the
   * address the source gate checked it resolves to: libpq then skips the lookup, and still uses the
   * host name for TLS).
   */
  Map<String, String> environment(String address) {
    Map<String, String> env = new HashMap<>();
    env.put("PGHOST", host);
    if (!address.equals(host)) {
      env.put("PGHOSTADDR", address);
    }
    env.put("PGPORT", Integer.toString(port));
    env.put("PGDATABASE", database);
    env.put("PGUSER", user);
    env.put("PGCONNECT_TIMEOUT", "10");
    if (password != null) {
      env.put("PGPASSWORD", password);
    }
    if (sslMode != null) {
      env.put("PGSSLMODE", sslMode);
    }
    return env;
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
