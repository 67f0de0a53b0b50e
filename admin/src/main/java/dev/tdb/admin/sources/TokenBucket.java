/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.sources;

import java.util.function.LongSupplier;

/** A token bucket: {@code capacity} tokens, one more every {@code refillNanos}. Thread-safe. */
final class TokenBucket {
  private final int capacity;
  private final long refillNanos;
  private final LongSupplier nanoTime;
  private long tokens;
  private long refilledAt;

  TokenBucket(int capacity, long refillNanos, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.refillNanos = refillNanos;
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.refilledAt = nanoTime.getAsLong();
  }

  /** Takes a token: 0 when there was one, else the nanoseconds until there is (none taken). */
  synchronized long take() {
    long now = nanoTime.getAsLong();
    long earned = (now - refilledAt) / refillNanos;
    tokens = Math.min(capacity, tokens + earned);
    // A full bucket earns nothing, so its next token is due one refill after it is first taken.
    refilledAt = tokens == capacity ? now : refilledAt + earned * refillNanos;
    if (tokens > 0) {
      tokens--;
      return 0;
    }
    return refilledAt + refillNanos - now;
  }
}
