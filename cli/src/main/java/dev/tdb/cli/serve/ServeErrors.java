/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import java.io.PrintWriter;

/** How a configuration error reaches the operator. */
public final class ServeErrors {
  /** The exit code of a configuration that cannot be used (as picocli's for bad arguments). */
  public static final int CONFIG_ERROR = 2;

  private ServeErrors() {}

  /** Prints the error and its hint to {@code err}; returns {@link #CONFIG_ERROR}. */
  public static int report(PrintWriter err, ConfigException e) {
    err.println("error: " + e.getMessage());
    err.println("hint: " + e.hint());
    err.flush();
    return CONFIG_ERROR;
  }
}
