/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver.internal;

import dev.tdb.core.policy.Decision;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Builds the exceptions the driver throws. They are pgjdbc's {@link PSQLException} with a {@link
 * ServerErrorMessage}, the same shape pgjdbc gives a server error, so applications read SQLSTATE,
 * message and hint from a tdb refusal exactly as from one of PostgreSQL's.
 */
public final class Errors {
  /** {@code sqlclient_unable_to_establish_sqlconnection}. */
  public static final String UNABLE_TO_CONNECT = "08001";

  /** {@code invalid_authorization_specification}. */
  public static final String INVALID_AUTHORIZATION = "28000";

  /** {@code object_not_in_prerequisite_state}, PostgreSQL's answer for a closed database. */
  public static final String NOT_ACCEPTING_CONNECTIONS = "55000";

  /** {@code invalid_catalog_name}. */
  public static final String UNKNOWN_DATABASE = "3D000";

  private Errors() {}

  /** An error (severity ERROR): the statement fails, the connection stays usable. */
  public static PSQLException error(String sqlState, String message, String hint) {
    return build("ERROR", sqlState, message, hint);
  }

  /** A connection failure (severity FATAL), as PostgreSQL reports refused connections. */
  public static PSQLException fatal(String sqlState, String message, String hint) {
    return build("FATAL", sqlState, message, hint);
  }

  /** The policy's or a limit's rejection as an error. */
  public static PSQLException rejected(Decision.Reject reject) {
    return error(reject.sqlState(), reject.message(), reject.hint());
  }

  /** A malformed {@code jdbc:tdb:} URL or connection property. */
  public static PSQLException malformed(String message) {
    return fatal(
        UNABLE_TO_CONNECT,
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
