/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.core.policy.Decision;
import java.util.function.Consumer;

/** Where a transaction-mode session gets a server connection for its next transaction. */
public interface ServerSource {
  /**
   * Asks for a server connection; exactly one of {@code granted} and {@code refused} runs, on the
   * client's event loop, unless the client left first.
   */
  void acquire(Consumer<ServerLease> granted, Consumer<Decision.Reject> refused);
}
