/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.errors;

import java.util.Objects;

/**
 * A refusal the admin service explains to its caller: a kind (which decides the HTTP status), a
 * stable code, a message and a hint naming the fix. REST handlers turn it into {@code
 * {"error":{"code","message","hint"}}}; in-process callers catch it.
 */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * What went wrong, in the categories of the REST API's statuses; each says what it means in the
   * words the OpenAPI document gives its answer.
   */
  public enum Kind {
    INVALID(400, "invalid request; the message names the field"),
    UNAUTHENTICATED(401, "no or wrong credentials"),
    FORBIDDEN(403, "not allowed for this caller"),
    NOT_FOUND(404, "not found (or owned by another account)"),
    CONFLICT(409, "duplicate, or wrong state"),
    REFUSED(422, "PostgreSQL refused the request"),
    /** {@link #retryAfterSeconds()} says when to ask again. */
    RATE_LIMITED(429, "asked too often; ask again after Retry-After seconds"),
    UNAVAILABLE(503, "a cluster or the metadata database cannot be reached");

    private final int status;
    private final String summary;

    Kind(int status, String summary) {
      this.status = status;
      this.summary = summary;
    }

    /** The HTTP status of this kind. */
    public int status() {
      return status;
    }

    /** What an answer of this kind means, as the OpenAPI document says it. */
    public String summary() {
      return summary;
    }
  }

  private final Kind kind;
  private final String code;
  private final String hint;
  private final long retryAfterSeconds;

  /** Creates the exception; {@code hint} may be null. */
  public AdminException(AdminError error, String message, String hint) {
    this(error, message, hint, null);
  }

  /** Creates the exception with its cause; {@code hint} and {@code cause} may be null. */
  public AdminException(AdminError error, String message, String hint, Throwable cause) {
    this(error.kind(), error.code(), message, hint, cause, 0);
  }

  private AdminException(
      Kind kind, String code, String message, String hint, Throwable cause, long retryAfter) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.code = Objects.requireNonNull(code, "code");
    this.hint = hint;
    this.retryAfterSeconds = retryAfter;
  }

  /** A 429: the caller may ask again after {@code retryAfterSeconds} (HTTP {@code Retry-After}). */
  public static AdminException rateLimited(
      AdminError error, String message, String hint, long retryAfterSeconds) {
    return new AdminException(error.kind(), error.code(), message, hint, null, retryAfterSeconds);
  }

  /**
   * A 400 for {@code field} with code {@code invalid_<field>}; the message starts with the field.
   */
  public static AdminException invalid(String field, String problem) {
    return invalid(field, field + " " + problem, null);
  }

  /** A 400 for {@code field} with code {@code invalid_<field>}, this message and hint. */
  public static AdminException invalid(String field, String message, String hint) {
    return new AdminException(Kind.INVALID, "invalid_" + field, message, hint, null, 0);
  }

  /** A 404 with code {@code <thing>_not_found}. */
  public static AdminException notFound(String thing, String name, String hint) {
    return new AdminException(
        Kind.NOT_FOUND,
        thing + "_not_found",
        thing + " " + name + " does not exist",
        hint,
        null,
        0);
  }

  /** This failure, with the same kind and code, told with another message and hint. */
  public AdminException reworded(String message, String hint) {
    return new AdminException(kind, code, message, hint, this, retryAfterSeconds);
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The stable error code, such as {@code tenant_not_found}. */
  public String code() {
    return code;
  }

  /** Seconds until the caller may ask again (rate limited), or 0. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** How to fix it, or null. */
  public String hint() {
    return hint;
  }
}
