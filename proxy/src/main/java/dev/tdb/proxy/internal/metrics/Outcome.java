/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import java.util.Locale;

/** How a statement ended, as the {@code outcome} tag of the statement metrics names it. */
public enum Outcome {
  /** The server ran it without error. */
  OK,
  /** The server answered with an error (or the proxy ended it over a limit). */
  ERROR,
  /** The proxy's policy refused it; it never ran. */
  REFUSED;

  /** The tag value. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
