/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.backend.ParameterStatus;

/** The pool's side of a server connection a relay session holds. Called on the event loop. */
public interface ServerLease {
  /** The server reported a parameter's new value. */
  void reported(ParameterStatus status);

  /**
   * The client is gone and the server owes nothing: the connection goes back to the pool, after a
   * reset; {@code transactionStatus} is that of its last ReadyForQuery.
   */
  void handBack(char transactionStatus);
}
