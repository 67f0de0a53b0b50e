/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingException.Reason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the admin service's last answer was usable, logged once per change so that an outage with
 * thousands of cached names writes two lines, not thousands. Messages never carry secrets: they
 * come from {@link RoutingFetcher}, which never puts credentials or passwords in them.
 */
public final class AdminHealth {
  private static final Logger LOG = System.getLogger(RoutingClient.class.getName());

  private final Duration maxStaleness;
  private final AtomicReference<Reason> failing = new AtomicReference<>();

  /** Health tracking for a client that serves entries for up to {@code maxStaleness}. */
  public AdminHealth(Duration maxStaleness) {
    this.maxStaleness = maxStaleness;
  }

  /** Records the outcome of one request and returns it unchanged. */
  public Lookup record(Lookup lookup) {
    if (lookup instanceof Lookup.Failed failed) {
      if (failing.getAndSet(failed.reason()) != failed.reason()) {
        LOG.log(Level.WARNING, describe(failed));
      }
    } else if (failing.getAndSet(null) != null) {
      LOG.log(Level.INFO, "routing: the tdb admin service answers again");
    }
    return lookup;
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
