/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;

/**
 * Wraps pgjdbc's database metadata: {@code getURL} is the tdb URL (without secrets), {@code
 * getConnection} the tdb connection; driver and product names stay pgjdbc's, so frameworks that
 * sniff them keep their PostgreSQL behavior.
 */
final class MetaDataHandler extends JdbcHandler {
  private final Connection connection;
  private final String url;

  private MetaDataHandler(DatabaseMetaData delegate, Connection connection, String url) {
    super(delegate);
    this.connection = connection;
    this.url = url;
  }

  /** Wraps {@code delegate} for the tdb {@code connection} opened with {@code url}. */
  static DatabaseMetaData wrap(DatabaseMetaData delegate, Connection connection, String url) {
    return proxy(DatabaseMetaData.class, new MetaDataHandler(delegate, connection, url));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getConnection":
        return connection;
      case "getURL":
        return url;
      default:
        Object result = forward(method, args);
        return result instanceof ResultSet rs ? ResultSetHandler.wrap(rs, null, null) : result;
    }
  }
}
