/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import dev.tdb.core.routing.RoutingException.Reason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Loads and refreshes cache values. A refresh that fails keeps the old value (until it expires at
 * its own time) rather than failing: Caffeine would log every failed refresh, and callers would
 * lose a usable entry over a passing outage.
 */
public final class RoutingLoader implements AsyncCacheLoader<RouteKey, Lookup> {
  private final RoutingFetcher fetcher;
  private final AdminHealth health;

  /** A loader that fetches with {@code fetcher} and reports outcomes to {@code health}. */
  public RoutingLoader(RoutingFetcher fetcher, AdminHealth health) {
    this.fetcher = fetcher;
    this.health = health;
  }

  @Override
  public CompletableFuture<Lookup> asyncLoad(RouteKey key, Executor executor) {
    return fetcher.fetch(key, null).thenApply(health::record);
  }

  @Override
  public CompletableFuture<Lookup> asyncReload(RouteKey key, Lookup old, Executor executor) {
    Lookup.Found previous = old instanceof Lookup.Found found ? found : null;
    return fetcher
        .fetch(key, previous)
        .thenApply(health::record)
        .thenApply(fresh -> afterRefresh(old, fresh));
  }

  /** The value to keep after a refresh; {@code null} drops the entry. */
  private static Lookup afterRefresh(Lookup old, Lookup fresh) {
    if (!(fresh instanceof Lookup.Failed failed)) {
      return fresh;
    }
    // Revoked credentials must not keep handing out database passwords.
    return failed.reason() == Reason.AUTHENTICATION_FAILED ? null : old;
  }
}
