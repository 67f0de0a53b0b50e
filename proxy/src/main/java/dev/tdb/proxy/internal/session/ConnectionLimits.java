/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Open sessions per logical database in this proxy, for {@code max_connections}. Thread-safe. */
public final class ConnectionLimits {
  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

  /** Takes a slot of {@code logicalName}; false when {@code max} are taken. */
  public boolean tryAcquire(String logicalName, int max) {
    AtomicInteger count = open.computeIfAbsent(logicalName, name -> new AtomicInteger());
    while (true) {
      int current = count.get();
      if (current >= max) {
        return false;
      }
      if (count.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryAcquire}. */
  public void release(String logicalName) {
    open.get(logicalName).decrementAndGet();
  }
}
