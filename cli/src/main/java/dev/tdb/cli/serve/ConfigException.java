/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

/**
 * A configuration that cannot be used: the message names the key and where its value came from (the
 * file and line, or the environment variable); the hint names the fix.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;

  ConfigException(String message, String hint) {
    super(message);
    this.hint = hint;
  }

  /** What the operator does to fix it. */
  public String hint() {
    return hint;
  }
}
