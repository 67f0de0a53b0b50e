/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import java.util.Locale;

/** What a client ran, as the {@code kind} tag of the statement metrics names it. */
public enum StatementType {
  /** A simple-protocol Query that copied nothing. */
  QUERY,
  /** An Execute of a parsed statement that copied nothing. */
  PARSE_EXECUTE,
  /** A Query or Execute that the server answered with CopyIn, CopyOut or CopyBoth. */
  COPY,
  /** A FunctionCall message. */
  FUNCTION_CALL;

  /** The tag value. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
