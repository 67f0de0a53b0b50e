/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import java.io.IOException;

/**
 * The admin API refused a call (status 400 or above, with the admin error body) or did not answer
 * (status 0, the I/O failure as cause).
 */
public final class AdminApiException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The status of a call that got no answer. */
  public static final int NO_ANSWER = 0;

  private final int status;
  private final transient ApiError error;

  private AdminApiException(int status, ApiError error, Throwable cause) {
    super(error.message(), cause);
    this.status = status;
    this.error = error;
  }

  /** A refusal: the error the body carries, or one named after the status when it carries none. */
  public static AdminApiException refused(AdminApiResponse response) {
    int status = response.status();
    ApiError error =
        response
            .error()
            .map(
                e ->
                    new ApiError(
                        e.code() == null ? "http_" + status : e.code(),
                        e.message() == null
                            ? "the admin service answered HTTP " + status
                            : e.message(),
                        e.hint()))
            .orElse(
                new ApiError("http_" + status, "the admin service answered HTTP " + status, null));
    return new AdminApiException(status, error, null);
  }

  /** No answer from the admin service at {@code base}. */
  public static AdminApiException unreachable(String base, IOException cause) {
    String detail =
        cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return new AdminApiException(
        NO_ANSWER,
        new ApiError(
            "unreachable",
            "cannot reach the admin service at " + base + ": " + detail,
            "check that the tdb admin service runs and that its URL is right"),
        cause);
  }

  /** The HTTP status, or {@link #NO_ANSWER}. */
  public int status() {
    return status;
  }

  /** The admin error code, such as {@code tenant_not_found}. */
  public String code() {
    return error.code();
  }

  /** How to fix it, or {@code null}. */
  public String hint() {
    return error.hint();
  }

  /** Whether the admin service answered at all. */
  public boolean answered() {
    return status != NO_ANSWER;
  }
}
