/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.pooling;

/**
 * State a statement leaves in its server session past the end of its transaction, which a client of
 * a transaction-pooled database cannot rely on: its next transaction may run on another server
 * session, and the next client on this one.
 */
public enum SessionState {
  /**
   * A session-level change of a setting the statement does not name with a constant ({@code
   * set_config} with a computed name, {@code SET SESSION CHARACTERISTICS}): the proxy tracks and
   * re-applies only the settings it can name.
   */
  SETTING(
      "a session-level change of a setting not named by a constant (set_config with a computed"
          + " name, SET SESSION CHARACTERISTICS)",
      "name the setting in SET or set_config, or use SET LOCAL inside a transaction"),
  /** {@code pg_advisory_lock} and the other session-level advisory locks. */
  ADVISORY_LOCK(
      "a session-level advisory lock",
      "use pg_advisory_xact_lock, held until the transaction ends"),
  /** {@code LISTEN}: notifications arrive on the server session that listens. */
  LISTEN("LISTEN", null),
  /** {@code DECLARE ... WITH HOLD}. */
  HOLD_CURSOR("a cursor WITH HOLD", "declare the cursor without HOLD inside a transaction"),
  /** A temporary table, view or sequence not dropped at the end of its transaction. */
  TEMPORARY_OBJECT(
      "a temporary object that outlives its transaction",
      "create temporary tables with ON COMMIT DROP inside a transaction"),
  /**
   * SQL-level {@code PREPARE} ({@code DEALLOCATE} of a protocol-level statement is carried out by
   * the proxy).
   */
  PREPARED_STATEMENT(
      "an SQL-level PREPARE",
      "use protocol-level prepared statements (Parse/Bind), which the proxy carries across server"
          + " connections"),
  /** {@code DISCARD}, which would drop what the proxy prepared on the server session. */
  DISCARD("DISCARD", null),
  /**
   * {@code DEALLOCATE} among other statements of one query: the proxy carries out a {@code
   * DEALLOCATE} sent on its own (it names the statements by the names the proxy gave them on the
   * server session, and {@code DEALLOCATE ALL} forgets them), but cannot rewrite one inside a
   * batch, which would leave the proxy's list of the session's statements wrong.
   */
  DEALLOCATE_IN_BATCH(
      "DEALLOCATE among other statements of one query",
      "send DEALLOCATE as a query of its own, which the proxy carries out");

  private final String what;
  private final String instead;

  SessionState(String what, String instead) {
    this.what = what;
    this.instead = instead;
  }

  /** What the statement does, in a refusal's words ("a session-level advisory lock"). */
  public String what() {
    return what;
  }

  /** What works in transaction mode instead, or null when only session mode helps. */
  public String instead() {
    return instead;
  }
}
