/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A new server connection the server refused as one too many ({@code 53300}) is asked for again
 * shortly, until the client's queue timeout: a backend the pool has just closed to make room is
 * still counted by the server while it exits.
 */
final class FullServerRetry {
  static final Duration DELAY = Duration.ofMillis(20);

  private FullServerRetry() {}

  /**
   * Runs {@code again} on the client's event loop after {@link #DELAY}, if {@code wanted} still
   * holds then; false, and nothing scheduled, when that would pass {@code giveUpNanos}.
   */
  static boolean schedule(
      ClientSession session, long giveUpNanos, BooleanSupplier wanted, Runnable again) {
    if (System.nanoTime() + DELAY.toNanos() >= giveUpNanos) {
      return false;
    }
    session
        .ctx()
        .executor()
        .schedule(
            () -> {
              if (wanted.getAsBoolean()) {
                again.run();
              }
            },
            DELAY.toMillis(),
            TimeUnit.MILLISECONDS);
    return true;
  }
}
