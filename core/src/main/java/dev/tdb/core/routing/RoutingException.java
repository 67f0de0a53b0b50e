/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import dev.tdb.core.policy.SqlState;
import java.util.Objects;

/**
 * A logical name could not be resolved. Callers report it with {@link #sqlState()}, the message and
 * {@link #hint()}, as PostgreSQL would report a failed connection.
 */
public final class RoutingException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why resolving failed, with the SQLSTATE that a PostgreSQL client expects for it. */
  public enum Reason {
    /** The admin service knows no such database (HTTP 404): {@code invalid_catalog_name}. */
    UNKNOWN_DATABASE(SqlState.INVALID_CATALOG_NAME),
    /** The admin service refused the credentials (HTTP 401, 403): {@code invalid_password}. */
    AUTHENTICATION_FAILED(SqlState.INVALID_PASSWORD),
    /**
     * The admin service could not be reached or failed (HTTP 5xx), and no cached entry is recent
     * enough: {@code sqlclient_unable_to_establish_sqlconnection}.
     */
    ADMIN_UNREACHABLE(SqlState.UNABLE_TO_CONNECT),
    /** The admin service answered something that is not a routing entry: {@code internal_error}. */
    PROTOCOL(SqlState.INTERNAL_ERROR);

    private final SqlState state;

    Reason(SqlState state) {
      this.state = state;
    }

    /** The SQLSTATE for this reason. */
    public SqlState state() {
      return state;
    }
  }

  private final Reason reason;
  private final String hint;

  /** Creates the exception; the message and hint must not contain secrets. */
  public RoutingException(Reason reason, String message, String hint, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.hint = Objects.requireNonNull(hint, "hint");
  }

  /** Why resolving failed. */
  public Reason reason() {
    return reason;
  }

  /** The SQLSTATE a caller should report, as its code. */
  public String sqlState() {
    return reason.state().code();
  }

  /** What the user can do about it. */
  public String hint() {
    return hint;
  }
}
