/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

/** The admin service refused a request, or could not be reached; carries the CLI's exit code. */
final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Exit code when the service refused the request (4xx other than 401). */
  static final int REFUSED = 1;

  /** Exit code when the credentials were refused (401). */
  static final int UNAUTHENTICATED = 4;

  /** Exit code when the service was unreachable or failed (5xx). */
  static final int UNAVAILABLE = 3;

  private final int exitCode;
  private final String code;
  private final String hint;

  ApiException(int exitCode, String code, String message, String hint) {
    super(message);
    this.exitCode = exitCode;
    this.code = code;
    this.hint = hint;
  }

  int exitCode() {
    return exitCode;
  }

  /** The service's machine-readable error code, e.g. {@code tenant_not_found}. */
  String code() {
    return code;
  }

  /** What to do about it, or null. */
  String hint() {
    return hint;
  }
}
