/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

/**
 * The fastpath call of a function by its OID (libpq's {@code lo_*}, pgjdbc's LargeObject API). The
 * server answers FunctionCallResponse and ReadyForQuery, as for a Query. Its body is never decoded:
 * the proxy forwards or refuses the frame as a whole.
 */
public final class FunctionCall {
  /** The type byte. */
  public static final char TYPE = 'F';

  private FunctionCall() {}
}
