/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.errors.ProxyErrors;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;

/** User events a shutting-down proxy fires on every client channel. */
public enum Shutdown {
  /** End the session once the server has answered what it runs; an idle session ends at once. */
  DRAIN,
  /** The deadline passed: cancel what runs and end the session now. */
  NOW;

  /** What PostgreSQL tells a session it ends for a shutdown. */
  public static final ErrorResponse TERMINATING = ErrorResponse.fatal(ProxyErrors.shuttingDown());
}
