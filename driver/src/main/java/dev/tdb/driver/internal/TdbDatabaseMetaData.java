/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;

/**
 * pgjdbc's database metadata: {@code getURL} is the tdb URL (without secrets), {@code
 * getConnection} the tdb connection, and result sets are tdb wrappers; driver and product names
 * stay pgjdbc's, so frameworks that sniff them keep their PostgreSQL behavior.
 */
final class TdbDatabaseMetaData extends JdbcWrapper implements DelegatingDatabaseMetaData {
  private final DatabaseMetaData delegate;
  private final Connection connection;
  private final String url;

  /** Wraps {@code delegate} for the tdb {@code connection} opened with {@code url}. */
  TdbDatabaseMetaData(DatabaseMetaData delegate, Connection connection, String url) {
    super(delegate);
    this.delegate = delegate;
    this.connection = connection;
    this.url = url;
  }

  /** Metadata results have no statement and no row cap, and are not logged. */
  @Override
  public ResultSet wrapResult(ResultSet result) {
    return result == null ? null : new TdbResultSet(result, null, null, null);
  }

  @Override
  public DatabaseMetaData delegate() {
    return delegate;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return url;
  }
}
