/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.sql.CallableStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * A pgjdbc {@link CallableStatement}: its call was checked by the policy, as pgjdbc sends it, when
 * it was prepared; a {@code refcursor} out parameter read with {@code getObject} comes back as a
 * tdb result set under the statement's row cap. Everything a prepared statement does applies too.
 */
final class TdbCallableStatement extends TdbPreparedStatement
    implements DelegatingCallableStatement {
  // The superclass's delegate, typed for the calls only a callable statement has.
  private final CallableStatement delegate;

  TdbCallableStatement(CallableStatement delegate, TdbConnection connection, Prepared prepared)
      throws SQLException {
    super(delegate, connection, prepared);
    this.delegate = delegate;
  }

  /** {@code value}, or its tdb wrapper when it is a result set. */
  private Object wrapped(Object value) {
    return value instanceof ResultSet rs ? result(rs, null) : value;
  }

  /** {@code value}, or its tdb wrapper when it is a result set that {@code type} accepts. */
  private <T> T wrapped(T value, Class<T> type) {
    if (value instanceof ResultSet rs) {
      ResultSet wrapper = result(rs, null);
      if (type.isInstance(wrapper)) {
        return type.cast(wrapper);
      }
    }
    return value;
  }

  @Override
  public CallableStatement delegate() {
    return delegate;
  }

  @Override
  public Object getObject(int parameterIndex) throws SQLException {
    return wrapped(delegate.getObject(parameterIndex));
  }

  @Override
  public Object getObject(String parameterName) throws SQLException {
    return wrapped(delegate.getObject(parameterName));
  }

  @Override
  public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
    return wrapped(delegate.getObject(parameterIndex, map));
  }

  @Override
  public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
    return wrapped(delegate.getObject(parameterName, map));
  }

  @Override
  public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
    return wrapped(delegate.getObject(parameterIndex, type), type);
  }

  @Override
  public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
    return wrapped(delegate.getObject(parameterName, type), type);
  }
}
