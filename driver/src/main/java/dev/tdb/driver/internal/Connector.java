/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.SqlState;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.driver.TdbProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens a tdb connection: resolves the logical name through the JVM-wide routing cache, takes a
 * {@code max_connections} slot, and opens pgjdbc to the physical database as the runtime role.
 */
public final class Connector {
  private static final org.postgresql.Driver PGJDBC = new org.postgresql.Driver();

  private Connector() {}

  /**
   * Connects to the logical database of {@code url}.
   *
   * @param info connection properties; the URL's parameters take precedence over them
   * @throws SQLException 08001 for malformed URLs or properties, the routing failure's SQLSTATE,
   *     53300 when {@code max_connections} is reached, or pgjdbc's own connection errors
   */
  public static Connection connect(TdbUrl url, Properties info) throws SQLException {
    Properties properties = merge(url, info);
    Properties userProperties = PgProperties.userProperties(properties);
    long waitMillis = waitMillis(properties);
    QueryLog.Settings queryLog = QueryLog.Settings.of(properties);
    AdminCredentials credentials = credentials(properties);
    RoutingTimes routing = RoutingTimes.of(properties);
    LogicalDatabase database =
        LogicalDatabase.of(
            adminUri(url, properties),
            credentials,
            url.logicalName(),
            routing.refreshAfter(),
            routing.maxStaleness());
    LogicalDatabase.Route route = database.resolveForConnect();
    ConnectionGate.Permit permit = database.acquire(route, waitMillis);
    try {
      Connection physical =
          PGJDBC.connect(
              physicalUrl(route.entry()), PgProperties.physical(userProperties, route.entry()));
      return TdbConnection.wrap(
          physical,
          database,
          permit,
          new TdbConnection.Options(
              url.display(), userProperties, queryLog.forConnection(credentials, route.entry())));
    } catch (SQLException | RuntimeException e) {
      permit.run();
      if (e instanceof SQLException sql && refusedRoute(sql.getSQLState())) {
        database.invalidate();
      }
      throw e;
    }
  }

  /** The connection properties: {@code info}, overridden by the URL's parameters. */
  public static Properties merge(TdbUrl url, Properties info) {
    Properties merged = new Properties();
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        merged.setProperty(name, info.getProperty(name));
      }
    }
    url.parameters().forEach(merged::setProperty);
    return merged;
  }

  /** A refused role or database means the cached route may be out of date. */
  private static boolean refusedRoute(String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("28") || SqlState.INVALID_CATALOG_NAME.is(sqlState));
  }

  private static AdminCredentials credentials(Properties properties) throws SQLException {
    String apiKey = TdbProperty.API_KEY.get(properties);
    String user = TdbProperty.USER.get(properties);
    String password = TdbProperty.PASSWORD.get(properties);
    try {
      if (apiKey != null) {
        return new AdminCredentials.ApiKey(apiKey);
      }
      if (user != null && password != null) {
        return new AdminCredentials.Account(user, password);
      }
    } catch (IllegalArgumentException e) {
      throw Errors.fatal(SqlState.INVALID_AUTHORIZATION, e.getMessage(), null);
    }
    throw Errors.fatal(
        SqlState.INVALID_AUTHORIZATION,
        "no tdb credentials given",
        "set user and password to the tdb account's user and secret, or apiKey to an API key");
  }

  private static URI adminUri(TdbUrl url, Properties properties) throws SQLException {
    String scheme = TdbProperty.ADMIN_SCHEME.get(properties).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw Errors.malformed("adminScheme must be http or https");
    }
    try {
      return new URI(scheme, null, url.adminHost(), url.adminPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw Errors.malformed("the admin service host is not a valid host name: " + e.getReason());
    }
  }

  /** How the routing cache of a connect's admin service and credentials is timed. */
  private record RoutingTimes(Duration refreshAfter, Duration maxStaleness) {
    private static final long MIN_REFRESH_MS = 100;
    private static final long MAX_REFRESH_MS = 3_600_000;

    static RoutingTimes of(Properties properties) throws SQLException {
      long refresh = millis(properties, TdbProperty.ROUTING_REFRESH_MS);
      long staleness = millis(properties, TdbProperty.ROUTING_MAX_STALENESS_MS);
      if (refresh < MIN_REFRESH_MS || refresh > MAX_REFRESH_MS) {
        throw Errors.malformed(
            "routingRefreshMs must be from " + MIN_REFRESH_MS + " to " + MAX_REFRESH_MS);
      }
      if (staleness < refresh) {
        throw Errors.malformed("routingMaxStalenessMs must be at least routingRefreshMs");
      }
      return new RoutingTimes(Duration.ofMillis(refresh), Duration.ofMillis(staleness));
    }
  }

  private static long millis(Properties properties, TdbProperty property) throws SQLException {
    String text = property.get(properties).trim();
    if (!text.matches("[0-9]{1,10}")) {
      throw Errors.malformed(property.key() + " must be a number of milliseconds");
    }
    return Long.parseLong(text);
  }

  private static long waitMillis(Properties properties) throws SQLException {
    String text = TdbProperty.MAX_CONNECTIONS_WAIT_MS.get(properties).trim();
    if (!text.matches("[0-9]{1,9}")) {
      throw Errors.malformed("maxConnectionsWaitMs must be a number of milliseconds from 0");
    }
    return Long.parseLong(text);
  }

  private static String physicalUrl(RoutingEntry entry) {
    String host = entry.host().indexOf(':') >= 0 ? "[" + entry.host() + "]" : entry.host();
    return "jdbc:postgresql://"
        + host
        + ":"
        + entry.port()
        + "/"
        + URLEncoder.encode(entry.database(), StandardCharsets.UTF_8);
  }
}
