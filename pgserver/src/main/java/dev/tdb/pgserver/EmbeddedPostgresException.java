/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.pgserver;

/** The embedded server could not be prepared, started or stopped; the message says why. */
public final class EmbeddedPostgresException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with its cause. */
  public EmbeddedPostgresException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error without an underlying exception. */
  public EmbeddedPostgresException(String message) {
    super(message);
  }
}
