/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A pgjdbc {@link PreparedStatement}: its SQL was checked by the policy when it was prepared, so
 * parameters and executions go straight to pgjdbc; with the query log on every execution is logged
 * with the prepared SQL. Everything a plain statement does applies too.
 */
sealed class TdbPreparedStatement extends TdbStatement implements DelegatingPreparedStatement
    permits TdbCallableStatement {
  // The superclass's delegate, typed for the calls only a prepared statement has.
  private final PreparedStatement delegate;

  TdbPreparedStatement(PreparedStatement delegate, TdbConnection connection, Prepared prepared)
      throws SQLException {
    super(delegate, connection, prepared);
    this.delegate = delegate;
  }

  @Override
  public PreparedStatement delegate() {
    return delegate;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    recheckPrepared();
    return logging()
        ? loggedQuery(null, null, () -> delegate.executeQuery())
        : result(timed(delegate::executeQuery), null);
  }

  @Override
  public int executeUpdate() throws SQLException {
    recheckPrepared();
    return logging()
        ? logged(null, null, () -> delegate.executeUpdate())
        : timed(delegate::executeUpdate);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    recheckPrepared();
    return logging()
        ? logged(null, null, () -> delegate.executeLargeUpdate())
        : timed(delegate::executeLargeUpdate);
  }

  @Override
  public boolean execute() throws SQLException {
    recheckPrepared();
    return logging() ? logged(null, null, () -> delegate.execute()) : timed(delegate::execute);
  }

  @Override
  public void addBatch() throws SQLException {
    delegate.addBatch();
    countBatchEntry();
  }
}
