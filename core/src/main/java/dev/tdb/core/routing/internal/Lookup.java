/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing.internal;

import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.routing.RoutingException;
import dev.tdb.core.routing.RoutingException.Reason;

/**
 * What the cache holds for one logical name. Loads never fail exceptionally: a failure is a value
 * too, so every thread waiting on one load sees the same answer.
 */
public sealed interface Lookup permits Lookup.Found, Lookup.Missing, Lookup.Failed {

  /** The ticker time (nanoseconds) at which the cache drops this value. */
  long expiresAt();

  /**
   * The entry, or the failure as an exception.
   *
   * @throws RoutingException when the name is unknown or the lookup failed
   */
  RoutingEntry entry() throws RoutingException;

  /**
   * An entry the admin service confirmed.
   *
   * @param entry the entry
   * @param expiresAt last confirmation plus the maximum staleness
   */
  record Found(RoutingEntry entry, long expiresAt) implements Lookup {}

  /**
   * A name the admin service does not know, remembered for the negative-cache time.
   *
   * @param logicalName the name
   * @param hint the admin service's hint, or ours
   * @param expiresAt when to ask again
   */
  record Missing(String logicalName, String hint, long expiresAt) implements Lookup {

    @Override
    public RoutingEntry entry() throws RoutingException {
      throw new RoutingException(
          Reason.UNKNOWN_DATABASE, "database \"" + logicalName + "\" does not exist", hint, null);
    }
  }

  /**
   * A failed lookup. It expires when it is made, so only the threads that waited for this load see
   * it, and the next resolve asks again.
   *
   * @param reason why it failed
   * @param message what failed, without secrets
   * @param hint what to do
   * @param cause the underlying exception, or {@code null}
   * @param expiresAt the time of the failure
   */
  record Failed(Reason reason, String message, String hint, Throwable cause, long expiresAt)
      implements Lookup {

    /** A new exception per call, so each caller's stack trace is its own. */
    @Override
    public RoutingEntry entry() throws RoutingException {
      throw new RoutingException(reason, message, hint, cause);
    }
  }
}
