/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import dev.tdb.proxy.internal.protocol.backend.BackendKeyData;
import io.netty.util.concurrent.Future;
import java.util.function.Function;

/**
 * The CancelRequests a session sends to the backend it holds: whether one was sent (a late one
 * could hit the connection's next client) and the last one until the server has it. Confined to the
 * client's event loop: no volatile.
 */
final class BackendCancel {
  private final Function<BackendKeyData, Future<Void>> send;
  private BackendKeyData backend;
  private boolean sent;
  private Future<Void> inFlight;

  /** Cancels with {@code send}, which completes on the client's event loop once delivered. */
  BackendCancel(Function<BackendKeyData, Future<Void>> send) {
    this.send = send;
  }

  /** From now on cancels go to {@code key}'s backend (null: the one the sender knows). */
  void target(BackendKeyData key) {
    backend = key;
    sent = false;
    inFlight = null;
  }

  /** Sends a CancelRequest to the backend. */
  Future<Void> send() {
    sent = true;
    inFlight = send.apply(backend);
    return inFlight;
  }

  /** Whether a cancel was sent to the current backend. */
  boolean sent() {
    return sent;
  }

  /**
   * Runs {@code next} once no cancel is on its way to the server: at once, or when the server has
   * it.
   */
  void afterDelivered(Runnable next) {
    Future<Void> pending = inFlight;
    if (pending == null || pending.isDone()) {
      inFlight = null;
      next.run();
    } else {
      pending.addListener(delivered -> next.run());
    }
  }
}
