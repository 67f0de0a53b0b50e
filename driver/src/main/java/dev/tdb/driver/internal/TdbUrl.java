/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.driver.TdbProperty;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A parsed {@code jdbc:tdb://ADMIN_HOST[:PORT]/LOGICAL_DB[?name=value&...]} URL.
 *
 * @param adminHost the admin service's host (an IPv6 address keeps its brackets)
 * @param adminPort its port, or -1 for the scheme's default
 * @param logicalName the logical database
 * @param parameters the query parameters, decoded, in URL order
 */
public record TdbUrl(
    String adminHost, int adminPort, String logicalName, Map<String, String> parameters) {

  /** What every tdb URL starts with. */
  public static final String PREFIX = "jdbc:tdb:";

  /** Copies the parameters. */
  public TdbUrl {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** True when {@code url} is a tdb URL, well-formed or not. */
  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Parses a tdb URL.
   *
   * @throws SQLException with SQLSTATE 08001 naming what is wrong
   */
  public static TdbUrl parse(String url) throws SQLException {
    if (!accepts(url)) {
      throw Errors.malformed("not a jdbc:tdb: URL");
    }
    String rest = url.substring(PREFIX.length());
    if (!rest.startsWith("//")) {
      throw Errors.malformed("a jdbc:tdb: URL continues with // and the admin service's host");
    }
    int query = rest.indexOf('?');
    String path = query < 0 ? rest.substring(2) : rest.substring(2, query);
    int slash = path.indexOf('/');
    if (slash < 0) {
      throw Errors.malformed("the jdbc:tdb: URL names no logical database after the host");
    }
    String authority = path.substring(0, slash);
    String database = decode(path.substring(slash + 1));
    if (database.isEmpty() || database.indexOf('/') >= 0) {
      throw Errors.malformed("the jdbc:tdb: URL names no logical database after the host");
    }
    Map<String, String> parameters = query < 0 ? Map.of() : parseQuery(rest.substring(query + 1));
    return authority(authority, database, parameters);
  }

  private static TdbUrl authority(String authority, String database, Map<String, String> params)
      throws SQLException {
    if (authority.indexOf('@') >= 0) {
      throw Errors.malformed("put credentials in the user and password properties, not the host");
    }
    int portStart = authority.lastIndexOf(':');
    if (portStart < authority.lastIndexOf(']')) {
      portStart = -1;
    }
    String host = portStart < 0 ? authority : authority.substring(0, portStart);
    if (host.isEmpty()) {
      throw Errors.malformed("the jdbc:tdb: URL names no admin service host");
    }
    int port = portStart < 0 ? -1 : port(authority.substring(portStart + 1));
    return new TdbUrl(host, port, database, params);
  }

  private static int port(String text) throws SQLException {
    if (!text.matches("[0-9]{1,5}")
        || Integer.parseInt(text) < 1
        || Integer.parseInt(text) > 65535) {
      throw Errors.malformed("the admin service port must be a number from 1 to 65535");
    }
    return Integer.parseInt(text);
  }

  private static Map<String, String> parseQuery(String query) throws SQLException {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (name.isEmpty()) {
        throw Errors.malformed("a jdbc:tdb: URL parameter has no name");
      }
      parameters.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return parameters;
  }

  private static String decode(String text) throws SQLException {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Errors.malformed("the jdbc:tdb: URL has a broken %-escape");
    }
  }

  /** The URL without secrets ({@code password}, {@code apiKey}): what metadata and logs show. */
  public String display() {
    StringBuilder url = new StringBuilder(PREFIX).append("//").append(adminHost);
    if (adminPort >= 0) {
      url.append(':').append(adminPort);
    }
    url.append('/').append(encode(logicalName));
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    parameters.forEach(
        (name, value) -> {
          TdbProperty property = TdbProperty.forKey(name);
          if (property == null || !property.isSecret()) {
            query.add(encode(name) + "=" + encode(value));
          }
        });
    return url.append(query).toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return display();
  }
}
