/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.policy;

/** The policy's answer for a statement: allow it, or reject it with a PostgreSQL error. */
public sealed interface Decision permits Decision.Allow, Decision.Reject {

  /** The one allow answer. */
  Decision ALLOW = new Allow();

  /** True when the statement may be sent. */
  default boolean allowed() {
    return this instanceof Allow;
  }

  /** Allow: the statement may be sent to the server. */
  final class Allow implements Decision {
    private Allow() {}

    @Override
    public String toString() {
      return "Allow";
    }
  }

  /**
   * Reject: nothing is sent, and the client gets this error.
   *
   * @param state the SQLSTATE
   * @param message the primary message
   * @param hint what to do instead
   */
  record Reject(SqlState state, String message, String hint) implements Decision {
    /** The SQLSTATE's code, as it goes on the wire. */
    public String sqlState() {
      return state.code();
    }
  }
}
