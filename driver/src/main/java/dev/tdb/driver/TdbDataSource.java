/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import dev.tdb.core.policy.SqlState;
import dev.tdb.driver.internal.Connector;
import dev.tdb.driver.internal.TdbUrl;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for one logical database, configured like the driver: a {@code jdbc:tdb:}
 * URL plus properties. It opens a new connection per call; put a pool such as HikariCP in front
 * (HikariCP's {@code dataSource} or {@code jdbcUrl}) for reuse.
 */
public final class TdbDataSource implements DataSource {
  private volatile String url;
  private final Properties properties = new Properties();
  private volatile PrintWriter logWriter;
  private volatile int loginTimeoutSeconds;

  /** An unconfigured data source; set the URL before asking for connections. */
  public TdbDataSource() {}

  /** A data source for {@code url}, e.g. {@code jdbc:tdb://admin:8080/myapp__acme}. */
  public TdbDataSource(String url) {
    this.url = url;
  }

  /** The {@code jdbc:tdb:} URL. */
  public String getUrl() {
    return url;
  }

  /** Sets the {@code jdbc:tdb:} URL. */
  public void setUrl(String url) {
    this.url = url;
  }

  /** Sets the tdb account user. */
  public void setUser(String user) {
    setProperty(TdbProperty.USER.key(), user);
  }

  /** Sets the tdb account secret. */
  public void setPassword(String password) {
    setProperty(TdbProperty.PASSWORD.key(), password);
  }

  /** Sets a tdb or pgjdbc connection property; the URL's parameters take precedence. */
  public void setProperty(String name, String value) {
    synchronized (properties) {
      properties.setProperty(name, value);
    }
  }

  /**
   * Opens a connection with the configured credentials.
   *
   * @throws SQLException 08001 when no {@code jdbc:tdb:} URL is set, or the driver's errors
   */
  @Override
  public Connection getConnection() throws SQLException {
    return connect(snapshot());
  }

  /** Opens a connection as another tdb account. */
  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    Properties info = snapshot();
    info.setProperty(TdbProperty.USER.key(), user);
    info.setProperty(TdbProperty.PASSWORD.key(), password);
    return connect(info);
  }

  private Properties snapshot() {
    Properties copy = new Properties();
    synchronized (properties) {
      copy.putAll(properties);
    }
    if (loginTimeoutSeconds > 0 && !copy.containsKey("loginTimeout")) {
      copy.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
    }
    return copy;
  }

  private Connection connect(Properties info) throws SQLException {
    return Connector.connect(TdbUrl.parse(url), info);
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /** Sets pgjdbc's {@code loginTimeout} for connections that do not set it themselves. */
  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return Logger.getLogger("dev.tdb.driver");
  }

  /** This data source, when it is a {@code type}. */
  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName(), SqlState.GENERAL_ERROR.code());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
