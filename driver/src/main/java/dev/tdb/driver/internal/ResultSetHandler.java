/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.LimitRejections;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Wraps a pgjdbc result set: {@code getStatement} returns the tdb statement, and a capped result
 * fails with SQLSTATE 54000 when the cursor reaches the row after {@code max_rows_per_query}.
 */
final class ResultSetHandler extends JdbcHandler {
  private final ResultSet delegate;
  private final Statement statement;
  private final StatementLimits.RowCheck rowCheck;

  private ResultSetHandler(
      ResultSet delegate, Statement statement, StatementLimits.RowCheck rowCheck) {
    super(delegate);
    this.delegate = delegate;
    this.statement = statement;
    this.rowCheck = rowCheck;
  }

  /**
   * Wraps {@code delegate}.
   *
   * @param statement the tdb statement that produced it, or {@code null} for metadata results
   * @param rowCheck the row cap to enforce, or {@code null}
   */
  static ResultSet wrap(
      ResultSet delegate, Statement statement, StatementLimits.RowCheck rowCheck) {
    return proxy(ResultSet.class, new ResultSetHandler(delegate, statement, rowCheck));
  }

  @Override
  Object handle(Object proxy, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "getStatement":
        return statement;
      case "next":
      case "previous":
      case "first":
      case "last":
      case "absolute":
      case "relative":
        Object moved = forward(method, args);
        if (rowCheck != null
            && Boolean.TRUE.equals(moved)
            && delegate.getRow() > rowCheck.rowCap()) {
          throw Errors.rejected(
              LimitRejections.tooManyRows(rowCheck.rowCap(), rowCheck.workspace()));
        }
        return moved;
      default:
        return forward(method, args);
    }
  }
}
