/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import java.sql.DriverPropertyInfo;
import java.util.Properties;

/**
 * The connection properties the tdb driver reads itself; every other accepted property is one of
 * pgjdbc's and goes to the physical connection (see {@code docs/driver.md}).
 */
public enum TdbProperty {
  /** The account user ({@code tdb_} and 8 hex characters). */
  USER("user", null, "tdb account user (tdb_ and 8 hex characters)"),
  /** The account secret. */
  PASSWORD("password", null, "tdb account secret"),
  /** An API key, instead of user and password. */
  API_KEY("apiKey", null, "tdb API key (tdbk_...), used instead of user and password"),
  /** How to reach the admin service. */
  ADMIN_SCHEME("adminScheme", "http", "http or https: how the driver reaches the admin service"),
  /** How long a connect waits when max_connections is reached, in milliseconds. */
  MAX_CONNECTIONS_WAIT_MS(
      "maxConnectionsWaitMs",
      "0",
      "milliseconds a connect waits for a free slot when max_connections is reached in this JVM;"
          + " 0 fails at once with SQLSTATE 53300"),
  /** How old a cached route may get before a connect revalidates it, in milliseconds. */
  ROUTING_REFRESH_MS(
      "routingRefreshMs",
      "5000",
      "milliseconds after which a connect revalidates the cached route in the background, so"
          + " suspensions and moves reach new connections within about this time (100 to"
          + " 3600000)"),
  /** How long a cached route is used while the admin service cannot be reached. */
  ROUTING_MAX_STALENESS_MS(
      "routingMaxStalenessMs",
      "300000",
      "milliseconds a cached route keeps being used while the admin service cannot be reached;"
          + " at least routingRefreshMs"),
  /** Whether every statement is written to the query log. */
  QUERY_LOG(
      "queryLog",
      "false",
      "true writes one JSON line per statement to the SLF4J logger dev.tdb.query (INFO);"
          + " parameters are never written"),
  /** How much of a statement's SQL text the query log keeps. */
  QUERY_LOG_SQL_LENGTH(
      "queryLogSqlLength",
      "2000",
      "characters of SQL text the query log keeps; longer text is cut and ends with ...");

  private final String key;
  private final String defaultValue;
  private final String description;

  TdbProperty(String key, String defaultValue, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The property name, as written in URLs and {@link Properties}. */
  public String key() {
    return key;
  }

  /** The value when none is given, or {@code null}. */
  public String defaultValue() {
    return defaultValue;
  }

  /** What the property means. */
  public String description() {
    return description;
  }

  /** True for properties whose values are secrets, never shown in URLs or logs. */
  public boolean isSecret() {
    return this == PASSWORD || this == API_KEY;
  }

  /** The value in {@code properties}, else the default. */
  public String get(Properties properties) {
    return properties.getProperty(key, defaultValue);
  }

  /** The property with name {@code key}, or {@code null}. */
  public static TdbProperty forKey(String key) {
    for (TdbProperty property : values()) {
      if (property.key.equals(key)) {
        return property;
      }
    }
    return null;
  }

  /** The property as {@code Driver.getPropertyInfo} describes it, with its current value. */
  public DriverPropertyInfo toDriverPropertyInfo(Properties properties) {
    DriverPropertyInfo info =
        new DriverPropertyInfo(key, isSecret() ? null : properties.getProperty(key, defaultValue));
    info.description = description;
    info.required = false;
    if (this == ADMIN_SCHEME) {
      info.choices = new String[] {"http", "https"};
    } else if (this == QUERY_LOG) {
      info.choices = new String[] {"true", "false"};
    }
    return info;
  }
}
