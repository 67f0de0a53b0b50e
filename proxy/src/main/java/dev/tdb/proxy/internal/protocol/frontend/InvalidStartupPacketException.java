/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.protocol.frontend;

/**
 * A startup packet whose length no client can mean (too short, too long, or a CancelRequest that is
 * not 16 bytes). PostgreSQL logs it and closes without answering, and clients rely on that: the
 * proxy does the same.
 */
public final class InvalidStartupPacketException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A bad packet described by {@code message}, for the log. */
  public InvalidStartupPacketException(String message) {
    super(message);
  }
}
