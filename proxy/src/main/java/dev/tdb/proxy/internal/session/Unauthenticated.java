/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Client connections of this proxy that have not authenticated yet, capped so that clients who
 * never log in cannot take the proxy's memory or event loops from those who do. Within {@code
 * maxPending} a connection is {@link Admission#ADMITTED}; past it, up to as many again are {@link
 * Admission#REFUSED} (they get PostgreSQL's {@code 53300} once their startup packet is read, as
 * PostgreSQL's "dead-end" backends do); past that a connection is {@link Admission#DROPPED} at
 * once. Thread-safe.
 */
public final class Unauthenticated {
  /** What a new connection is allowed to do. */
  public enum Admission {
    /** Within the cap: may authenticate. */
    ADMITTED,
    /** Past the cap: is told {@code 53300} after its startup packet. */
    REFUSED,
    /** Past twice the cap: is closed without reading anything. */
    DROPPED
  }

  private final int maxPending;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  /** A cap of {@code maxPending} unauthenticated connections. */
  public Unauthenticated(int maxPending) {
    this.maxPending = maxPending;
  }

  /** Counts a new connection in; give it back with {@link #release} unless it was dropped. */
  public Admission admit() {
    if (tryIncrement(admitted)) {
      return Admission.ADMITTED;
    }
    return tryIncrement(refused) ? Admission.REFUSED : Admission.DROPPED;
  }

  /** Counts out a connection that authenticated or closed; {@code admission} is what it got. */
  public void release(Admission admission) {
    switch (admission) {
      case ADMITTED -> admitted.decrementAndGet();
      case REFUSED -> refused.decrementAndGet();
      case DROPPED -> {
        // Never counted in.
      }
    }
  }

  private boolean tryIncrement(AtomicInteger count) {
    while (true) {
      int current = count.get();
      if (current >= maxPending) {
        return false;
      }
      if (count.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }
}
