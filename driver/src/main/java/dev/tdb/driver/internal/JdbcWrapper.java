/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The common part of the driver's JDBC wrappers, each a class over one pgjdbc object that holds
 * only the calls tdb intercepts and inherits the rest from a build-generated {@code Delegating*}
 * interface whose default methods call pgjdbc directly, so the hot path pays no reflection. {@code
 * unwrap} and {@code isWrapperFor} answer for the wrapper's own JDBC interfaces and reach through
 * to pgjdbc's types; equality is identity, as for any JDBC object.
 */
abstract class JdbcWrapper implements Wrapper {
  private final Wrapper wrapped;

  JdbcWrapper(Wrapper wrapped) {
    this.wrapped = wrapped;
  }

  @Override
  public final <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : wrapped.unwrap(type);
  }

  @Override
  public final boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || wrapped.isWrapperFor(type);
  }

  @Override
  public final String toString() {
    return "tdb:" + wrapped;
  }
}
