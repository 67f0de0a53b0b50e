/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.LimitRejections;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A pgjdbc result set: {@code getStatement} returns the tdb statement, a capped result fails with
 * SQLSTATE 54000 when the cursor reaches the row after {@code max_rows_per_query}, and with the
 * query log on the statement's event is written once {@code next()} finds no more rows or the
 * result set is closed.
 */
final class TdbResultSet extends JdbcWrapper implements DelegatingResultSet {
  private final ResultSet delegate;
  private final Statement statement;
  private final StatementLimits.RowCheck rowCheck;
  private final QueryLog.Pending logged;

  /**
   * Wraps {@code delegate}.
   *
   * @param statement the tdb statement that produced it, or {@code null} for metadata results
   * @param rowCheck the row cap to enforce, or {@code null}
   * @param logged the statement's pending event, or {@code null} when the query log is off
   */
  TdbResultSet(
      ResultSet delegate,
      Statement statement,
      StatementLimits.RowCheck rowCheck,
      QueryLog.Pending logged) {
    super(delegate);
    this.delegate = delegate;
    this.statement = statement;
    this.rowCheck = rowCheck;
    this.logged = logged;
  }

  /** {@code moved}, after the row cap was checked on the row the cursor moved to. */
  private boolean checked(boolean moved) throws SQLException {
    if (rowCheck != null && moved && delegate.getRow() > rowCheck.rowCap()) {
      throw Errors.rejected(LimitRejections.tooManyRows(rowCheck.rowCap(), rowCheck.workspace()));
    }
    return moved;
  }

  /** {@code e}, after the statement's event was written with its SQLSTATE. */
  private SQLException failed(SQLException e) {
    if (logged != null) {
      logged.finish(null, e.getSQLState());
    }
    return e;
  }

  @Override
  public ResultSet delegate() {
    return delegate;
  }

  @Override
  public boolean next() throws SQLException {
    try {
      boolean moved = delegate.next();
      if (logged != null) {
        if (moved) {
          logged.rowRead();
        } else {
          logged.finishReading();
        }
      }
      return checked(moved);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean previous() throws SQLException {
    try {
      return checked(delegate.previous());
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean first() throws SQLException {
    try {
      return checked(delegate.first());
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean last() throws SQLException {
    try {
      return checked(delegate.last());
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    try {
      return checked(delegate.absolute(row));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    try {
      return checked(delegate.relative(rows));
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (logged != null) {
      logged.finishReading();
    }
    delegate.close();
  }

  @Override
  public Statement getStatement() {
    return statement;
  }
}
