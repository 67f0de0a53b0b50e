/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.LimitRejections;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Wraps a pgjdbc result set: {@code getStatement} returns the tdb statement, and a capped result
 * fails with SQLSTATE 54000 when the cursor reaches the row after {@code max_rows_per_query}.
 */
final class ResultSetHandler extends JdbcHandler {
  private final ResultSet delegate;
  private final Statement statement;
  private final StatementLimits.RowCheck rowCheck;
  private final QueryLog.Pending logged;

  private ResultSetHandler(
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

  /**
   * Wraps {@code delegate}.
   *
   * @param statement the tdb statement that produced it, or {@code null} for metadata results
   * @param rowCheck the row cap to enforce, or {@code null}
   */
  static ResultSet wrap(
      ResultSet delegate, Statement statement, StatementLimits.RowCheck rowCheck) {
    return wrap(delegate, statement, rowCheck, null);
  }

  /**
   * Wraps {@code delegate}, the result of a statement the query log writes once its rows are read.
   *
   * @param logged the statement's pending event, or {@code null} when the query log is off; it is
   *     written when {@code next()} finds no more rows or the result set is closed
   */
  static ResultSet wrap(
      ResultSet delegate,
      Statement statement,
      StatementLimits.RowCheck rowCheck,
      QueryLog.Pending logged) {
    return proxy(ResultSet.class, new ResultSetHandler(delegate, statement, rowCheck, logged));
  }

  /** Moves the cursor, counting rows for the query log and enforcing the row cap. */
  private Object move(Method method, Object[] args) throws Throwable {
    Object moved = forward(method, args);
    if (logged != null && method.getName().equals("next")) {
      if (Boolean.TRUE.equals(moved)) {
        logged.rowRead();
      } else {
        logged.finishReading();
      }
    }
    if (rowCheck != null && Boolean.TRUE.equals(moved) && delegate.getRow() > rowCheck.rowCap()) {
      throw Errors.rejected(LimitRejections.tooManyRows(rowCheck.rowCap(), rowCheck.workspace()));
    }
    return moved;
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getStatement":
        return statement;
      case "close":
        if (logged != null) {
          logged.finishReading();
        }
        return forward(method, args);
      case "next":
      case "previous":
      case "first":
      case "last":
      case "absolute":
      case "relative":
        try {
          return move(method, args);
        } catch (SQLException e) {
          if (logged != null) {
            logged.finish(null, e.getSQLState());
          }
          throw e;
        }
      default:
        return forward(method, args);
    }
  }
}
