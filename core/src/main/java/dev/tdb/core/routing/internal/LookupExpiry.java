/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Expires each value at the time it carries. A refresh that failed puts the old value back, and
 * since the deadline travels with the value, the failure does not extend its life.
 */
public final class LookupExpiry implements Expiry<RouteKey, Lookup> {

  @Override
  public long expireAfterCreate(RouteKey key, Lookup lookup, long currentTime) {
    return remaining(lookup, currentTime);
  }

  @Override
  public long expireAfterUpdate(
      RouteKey key, Lookup lookup, long currentTime, long currentDuration) {
    return remaining(lookup, currentTime);
  }

  @Override
  public long expireAfterRead(RouteKey key, Lookup lookup, long currentTime, long currentDuration) {
    return currentDuration;
  }

  private static long remaining(Lookup lookup, long currentTime) {
    return Math.max(0, lookup.expiresAt() - currentTime);
  }
}
