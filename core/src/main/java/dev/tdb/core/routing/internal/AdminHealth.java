/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingException.Reason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether the admin service's last answer was usable, logged once per change so that an outage with
 * thousands of cached names writes two lines, not thousands. Messages never carry secrets: they
 * come from {@link RoutingFetcher}, which never puts credentials or passwords in them. Also counts
 * failed requests and entries served while the admin service fails, for the proxy's metrics.
 */
public final class AdminHealth {
  private static final Logger LOG = System.getLogger(RoutingClient.class.getName());

  private final Duration maxStaleness;
  private final Ticker ticker;
  private final AtomicReference<Reason> failing = new AtomicReference<>();
  private final LongAdder errors = new LongAdder();
  private final LongAdder staleServes = new LongAdder();

  /** The ticker time of the last usable answer; {@link Long#MIN_VALUE} before the first. */
  private volatile long answeredAt = Long.MIN_VALUE;

  /**
   * Health tracking for a client that serves entries for up to {@code maxStaleness}, reading time
   * from {@code ticker}.
   */
  public AdminHealth(Duration maxStaleness, Ticker ticker) {
    this.maxStaleness = maxStaleness;
    this.ticker = ticker;
  }

  /** Records the outcome of one request and returns it unchanged. */
  public Lookup record(Lookup lookup) {
    if (lookup instanceof Lookup.Failed failed) {
      errors.increment();
      if (failing.getAndSet(failed.reason()) != failed.reason()) {
        LOG.log(Level.WARNING, describe(failed));
      }
    } else {
      answeredAt = ticker.read();
      if (failing.getAndSet(null) != null) {
        LOG.log(Level.INFO, "routing: the tdb admin service answers again");
      }
    }
    return lookup;
  }

  /**
   * Counts {@code lookup}, about to be served from the cache, as a stale serve when the admin
   * service's last answer was a failure; returns it unchanged.
   */
  public Lookup served(Lookup lookup) {
    if (lookup instanceof Lookup.Found && failing.get() != null) {
      staleServes.increment();
    }
    return lookup;
  }

  /** Requests to the admin service that failed (unreachable, refused or unusable answers). */
  public long errors() {
    return errors.sum();
  }

  /** Entries served while the admin service's last answer was a failure. */
  public long staleServes() {
    return staleServes.sum();
  }

  /** Nanoseconds since the admin service last answered usably, or empty if it never did. */
  public OptionalLong nanosSinceAnswer() {
    long at = answeredAt;
    return at == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(ticker.read() - at);
  }

  private String describe(Lookup.Failed failed) {
    String message = "routing lookups fail: " + failed.message();
    if (failed.reason() == Reason.AUTHENTICATION_FAILED) {
      return message + "; cached entries are dropped when they are next refreshed";
    }
    return message
        + "; cached entries stay in use until "
        + maxStaleness
        + " after the admin service last confirmed them";
  }
}
