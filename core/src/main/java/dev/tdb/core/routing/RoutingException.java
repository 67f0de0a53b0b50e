/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

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
    UNKNOWN_DATABASE("3D000"),
    /** The admin service refused the credentials (HTTP 401, 403): {@code invalid_password}. */
    AUTHENTICATION_FAILED("28P01"),
    /**
     * The admin service could not be reached or failed (HTTP 5xx), and no cached entry is recent
     * enough: {@code sqlclient_unable_to_establish_sqlconnection}.
     */
    ADMIN_UNREACHABLE("08001"),
    /** The admin service answered something that is not a routing entry: {@code internal_error}. */
    PROTOCOL("XX000");

    private final String sqlState;

    Reason(String sqlState) {
      this.sqlState = sqlState;
    }

    /** The SQLSTATE for this reason. */
    public String sqlState() {
      return sqlState;
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

  /** The SQLSTATE a caller should report. */
  public String sqlState() {
    return reason.sqlState();
  }

  /** What the user can do about it. */
  public String hint() {
    return hint;
  }
}
