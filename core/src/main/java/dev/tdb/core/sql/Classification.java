/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

import java.util.List;

/**
 * A SQL text cut into its statements, each classified. Never empty: text with no statement in it is
 * one {@link StatementKind#EMPTY} statement.
 *
 * @param sql the text as the client sent it
 * @param statements its statements in order; their ranges cover {@code sql} exactly
 */
public record Classification(String sql, List<ClassifiedStatement> statements) {

  /** Freezes the statement list. */
  public Classification {
    statements = List.copyOf(statements);
  }

  /** The first statement. */
  public ClassifiedStatement first() {
    return statements.get(0);
  }

  /** True when the text holds more than one statement. */
  public boolean isMultiStatement() {
    return statements.size() > 1;
  }

  /** True when any statement has the kind {@code kind}. */
  public boolean contains(StatementKind kind) {
    for (ClassifiedStatement statement : statements) {
      if (statement.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /** Rough heap footprint in bytes, for weighing cache entries. */
  public int estimatedWeight() {
    return 64 + 2 * sql.length() + 160 * statements.size();
  }
}
