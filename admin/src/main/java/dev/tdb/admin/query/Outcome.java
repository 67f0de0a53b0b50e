/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * How the statement ended on one tenant.
 *
 * @param status ok, error, timeout or skipped
 * @param rows rows returned or affected (ok), else 0
 * @param ms how long the tenant took, connecting included
 * @param sqlState the SQLSTATE (error, timeout), else null
 * @param message the server's or tdb's message (error, timeout), the reason (skipped), else null
 * @param hint how to fix it, or null
 */
record Outcome(Status status, long rows, long ms, String sqlState, String message, String hint) {

  /** The ways a tenant's statement ends. */
  enum Status {
    OK,
    ERROR,
    TIMEOUT,
    SKIPPED;

    /** The JSON spelling. */
    String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static Outcome ok(long rows, long ms) {
    return new Outcome(Status.OK, rows, ms, null, null, null);
  }

  static Outcome skipped(String reason) {
    return new Outcome(Status.SKIPPED, 0, 0, null, reason, null);
  }

  static Outcome rejected(Decision.Reject reject, long ms) {
    return new Outcome(Status.ERROR, 0, ms, reject.sqlState(), reject.message(), reject.hint());
  }

  /** A failure PostgreSQL or pgjdbc reported; a cancelled statement is a timeout. */
  static Outcome failed(SQLException e, long ms) {
    String message = e.getMessage();
    String hint = null;
    if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      message = server.getMessage();
      hint = server.getHint();
    }
    String state = e.getSQLState();
    Status status = SqlState.QUERY_CANCELED.is(state) ? Status.TIMEOUT : Status.ERROR;
    return new Outcome(status, 0, ms, state, message, hint);
  }

  /** A failure of tdb itself, which the admin service's log explains. */
  static Outcome internal(Throwable e, long ms) {
    return new Outcome(
        Status.ERROR,
        0,
        ms,
        SqlState.INTERNAL_ERROR.code(),
        "the admin service failed: " + e.getClass().getSimpleName(),
        "see the admin service's log");
  }

  /** The {@code result} line of {@code tenant}. */
  byte[] line(String tenant) throws SQLException {
    return Lines.line(
        "result",
        tenant,
        json -> {
          json.writeStringField("status", status.json());
          if (status == Status.SKIPPED) {
            json.writeStringField("reason", message);
            return;
          }
          json.writeNumberField("rows", rows);
          json.writeNumberField("ms", ms);
          if (sqlState != null) {
            json.writeStringField("sql_state", sqlState);
            json.writeStringField("message", message);
            json.writeStringField("hint", hint);
          }
        });
  }
}
