/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.schema;

/** The DDL script being written: statements in the order they must run, each ended by {@code ;}. */
final class Script {
  private final StringBuilder text = new StringBuilder();
  private int statements;

  /** Appends {@code statement}, which has no terminating semicolon. */
  void add(String statement) {
    text.append(statement.strip()).append(";\n\n");
    statements++;
  }

  /** How many statements were added. */
  int statements() {
    return statements;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
