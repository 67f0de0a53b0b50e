/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import dev.tdb.driver.internal.Connector;
import dev.tdb.driver.internal.PgProperties;
import dev.tdb.driver.internal.TdbUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.postgresql.PGProperty;

/**
 * The {@code jdbc:tdb:} JDBC driver: {@code
 * jdbc:tdb://ADMIN_HOST[:PORT]/LOGICAL_DB?user=&password=} reaches a logical database through the
 * tdb admin service's routing table and pgjdbc, with the workspace's policy and settings enforced
 * before anything is sent. Registered with {@link DriverManager} when loaded.
 */
public final class TdbDriver implements Driver {
  static {
    try {
      DriverManager.registerDriver(new TdbDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** A driver instance; applications normally go through {@link DriverManager} instead. */
  public TdbDriver() {}

  /**
   * Connects to the logical database of a {@code jdbc:tdb:} URL.
   *
   * @return the connection, or {@code null} when {@code url} is not a {@code jdbc:tdb:} URL
   * @throws SQLException 08001 for a malformed tdb URL, or the failure's SQLSTATE
   */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return Connector.connect(TdbUrl.parse(url), info);
  }

  /** True for {@code jdbc:tdb:} URLs only. */
  @Override
  public boolean acceptsURL(String url) {
    return TdbUrl.accepts(url);
  }

  /** tdb's own properties, then the pgjdbc properties a tdb URL may carry. */
  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    Properties properties = acceptsURL(url) ? Connector.merge(TdbUrl.parse(url), info) : copy(info);
    List<DriverPropertyInfo> result = new ArrayList<>();
    for (TdbProperty property : TdbProperty.values()) {
      result.add(property.toDriverPropertyInfo(properties));
    }
    for (PGProperty property : PgProperties.allowed()) {
      result.add(property.toDriverPropertyInfo(properties));
    }
    return result.toArray(new DriverPropertyInfo[0]);
  }

  private static Properties copy(Properties info) {
    Properties copy = new Properties();
    if (info != null) {
      copy.putAll(info);
    }
    return copy;
  }

  /** The driver's major version. */
  @Override
  public int getMajorVersion() {
    return 0;
  }

  /** The driver's minor version. */
  @Override
  public int getMinorVersion() {
    return 1;
  }

  /** False, as for pgjdbc: PostgreSQL does not pass every JDBC compliance test. */
  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  /** The {@code dev.tdb.driver} logger. */
  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.tdb.driver");
  }
}
