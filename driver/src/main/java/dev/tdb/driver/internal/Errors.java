/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Builds the exceptions the driver throws. They are pgjdbc's {@link PSQLException} with a {@link
 * ServerErrorMessage}, the same shape pgjdbc gives a server error, so applications read SQLSTATE,
 * message and hint from a tdb refusal exactly as from one of PostgreSQL's.
 */
public final class Errors {
  private Errors() {}

  /** An error (severity ERROR): the statement fails, the connection stays usable. */
  public static PSQLException error(SqlState state, String message, String hint) {
    return build("ERROR", state.code(), message, hint);
  }

  /** A connection failure (severity FATAL), as PostgreSQL reports refused connections. */
  public static PSQLException fatal(SqlState state, String message, String hint) {
    return build("FATAL", state.code(), message, hint);
  }

  /** The policy's or a limit's rejection as an error. */
  public static PSQLException rejected(Decision.Reject reject) {
    return error(reject.state(), reject.message(), reject.hint());
  }

  /** A malformed {@code jdbc:tdb:} URL or connection property. */
  public static PSQLException malformed(String message) {
    return fatal(
        SqlState.UNABLE_TO_CONNECT,
        message,
        "the form is jdbc:tdb://ADMIN_HOST[:PORT]/LOGICAL_DB?user=...&password=...");
  }

  private static PSQLException build(
      String severity, String sqlState, String message, String hint) {
    StringBuilder fields = new StringBuilder();
    field(fields, 'S', severity);
    field(fields, 'V', severity);
    field(fields, 'C', sqlState);
    field(fields, 'M', message);
    if (hint != null) {
      field(fields, 'H', hint);
    }
    return new PSQLException(new ServerErrorMessage(fields.toString()));
  }

  /** One field of the ErrorResponse layout that ServerErrorMessage parses: type, text, NUL. */
  private static void field(StringBuilder fields, char type, String text) {
    fields.append(type).append(text.replace('\0', ' ')).append('\0');
  }
}
