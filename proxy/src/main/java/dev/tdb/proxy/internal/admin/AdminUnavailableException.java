/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.admin;

/** The admin service answered with something other than the entry or a 404. */
public final class AdminUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, which never contains secrets. */
  public AdminUnavailableException(String message) {
    super(message);
  }
}
