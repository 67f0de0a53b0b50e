/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol;

/** A peer broke the wire protocol (SQLSTATE 08P01); the connection ends. */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A violation described by {@code message}. */
  public ProtocolException(String message) {
    super(message);
  }
}
