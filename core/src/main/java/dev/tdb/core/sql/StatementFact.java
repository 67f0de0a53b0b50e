/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.sql;

/** Facts about a statement, beside its kind, that a policy needs. */
public enum StatementFact {
  /** Creates a table from a query: {@code SELECT ... INTO}, {@code CREATE TABLE ... AS}. */
  CREATES_TABLE,
  /** Creates or drops a temporary object ({@code TEMP}, or a {@code pg_temp.} name). */
  TEMPORARY,
  /** Executes the statement it wraps: {@code EXPLAIN ANALYZE}. */
  EXECUTES_INNER,
  /** Runs anonymous procedural code: {@code DO}. */
  ANONYMOUS_CODE,
  /** Cannot run inside a transaction block: {@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}. */
  NON_TRANSACTIONAL,
  /** A quote, comment or parenthesis is left open. */
  MALFORMED,
  /**
   * Takes an advisory lock ({@code pg_advisory_lock}, {@code pg_try_advisory_xact_lock_shared},
   * ...), which holds a slot of the cluster's shared lock table.
   */
  ADVISORY_LOCK,
  /**
   * Takes a session-level advisory lock ({@code pg_advisory_lock}, {@code pg_try_advisory_lock},
   * ... but not the {@code _xact_} ones), held past the end of its transaction.
   */
  SESSION_ADVISORY_LOCK,
  /**
   * Changes a setting for the rest of the session: {@code SET} without {@code LOCAL}, {@code
   * RESET}, {@code SET SESSION CHARACTERISTICS}, or {@code set_config(..., false)} (or with a
   * computed {@code is_local}).
   */
  SESSION_SETTING,
  /** Declares a cursor {@code WITH HOLD}, which outlives its transaction. */
  HOLD_CURSOR,
  /** Creates a table {@code ON COMMIT DROP}: a temporary table that ends with its transaction. */
  ON_COMMIT_DROP
}
