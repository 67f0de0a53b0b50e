/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Account verifiers from the admin service, served from memory and revalidated behind the client's
 * back. Within {@code ttl} of the admin service's last answer a verifier is used as it is; after
 * it, the cached verifier is still used at once while a fresh one is fetched in the background, so
 * a slow or hung admin service never delays a client it already knows, and a changed secret (or a
 * deleted account) takes effect for connects after {@code ttl} plus one admin round trip. While the
 * admin service cannot be reached, the last answer keeps being used until {@code maxStaleness}
 * after it was given. A remembered "no such account" is not served stale: a connect after {@code
 * ttl} waits for the admin service, so a new account can log in at once. Concurrent lookups of one
 * user share one request. Thread-safe.
 */
public final class VerifierCache {
  /** One answer of the admin service: the verifiers, or empty for no such account. */
  private record Confirmed(Optional<List<String>> verifier, long confirmedAt) {}

  private final AdminLookup admin;
  private final Ticker ticker;
  private final long ttlNanos;
  private final Cache<String, Confirmed> confirmed;
  private final ConcurrentMap<String, CompletableFuture<Optional<List<String>>>> inFlight =
      new ConcurrentHashMap<>();

  /** A cache in front of {@code admin} with the times of {@link #VerifierCache}. */
  public VerifierCache(AdminLookup admin, Duration ttl, Duration maxStaleness) {
    this(admin, ttl, maxStaleness, Ticker.systemTicker());
  }

  /** A cache that reads time from {@code ticker}, so tests need not sleep. */
  VerifierCache(AdminLookup admin, Duration ttl, Duration maxStaleness, Ticker ticker) {
    this.admin = admin;
    this.ticker = ticker;
    this.ttlNanos = ttl.toNanos();
    this.confirmed =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(maxStaleness)
            .maximumSize(100_000)
            .build();
  }

  /**
   * The SCRAM verifiers of account or credential {@code user} (more than one while a rotated
   * credential's previous secret still works, newest first), empty when there is no such user;
   * fails when the admin service cannot be reached and its last answer is older than the maximum
   * staleness.
   */
  public CompletableFuture<Optional<List<String>>> verifier(String user) {
    Confirmed known = confirmed.getIfPresent(user);
    if (known == null) {
      return fetch(user);
    }
    if (ticker.read() - known.confirmedAt() >= ttlNanos) {
      CompletableFuture<Optional<List<String>>> fresh = fetch(user);
      if (known.verifier().isEmpty()) {
        return fresh;
      }
    }
    return CompletableFuture.completedFuture(known.verifier());
  }

  /** Asks the admin service, once for all concurrent callers; a failure serves the last answer. */
  private CompletableFuture<Optional<List<String>>> fetch(String user) {
    CompletableFuture<Optional<List<String>>> promise = new CompletableFuture<>();
    CompletableFuture<Optional<List<String>>> running = inFlight.putIfAbsent(user, promise);
    if (running != null) {
      return running;
    }
    // A fetch that finished between the caller's look at the cache and now has confirmed the
    // user already (it confirms before it stops being in flight): use its answer.
    Confirmed justConfirmed = confirmed.getIfPresent(user);
    if (justConfirmed != null && ticker.read() - justConfirmed.confirmedAt() < ttlNanos) {
      inFlight.remove(user, promise);
      promise.complete(justConfirmed.verifier());
      return promise;
    }
    admin
        .verifier(user)
        .whenComplete(
            (found, failure) -> {
              if (failure == null) {
                // Confirmed before the fetch stops being in flight, so that no caller in between
                // sees neither and asks the admin service again.
                confirmed.put(user, new Confirmed(found, ticker.read()));
                inFlight.remove(user, promise);
                promise.complete(found);
                return;
              }
              inFlight.remove(user, promise);
              // Still within the maximum staleness, or the cache would have dropped it.
              Confirmed last = confirmed.getIfPresent(user);
              if (last != null) {
                promise.complete(last.verifier());
              } else {
                promise.completeExceptionally(failure);
              }
            });
    return promise;
  }
}
