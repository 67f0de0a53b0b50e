/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The named statements the proxy prepared on one server connection for transaction-mode clients,
 * under names of its own ({@link PreparedStatements}), least recently used first and at most a
 * configured number ({@code pool.prepared_statement_cache_size}). Used by whichever client holds
 * the connection; the pool hands the connection over under its lock, so no field is volatile.
 */
public final class ServerStatements {
  private final int capacity;
  private final LinkedHashMap<String, Boolean> names = new LinkedHashMap<>(16, 0.75f, true);

  /** An empty cache of at most {@code capacity} statements. */
  public ServerStatements(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Whether the statement {@code name} is prepared on the connection; marks it used. */
  boolean has(String name) {
    return names.get(name) != null;
  }

  /**
   * Records {@code name} as prepared; returns the least recently used statement it evicts (which
   * the caller closes on the server), or null.
   */
  String add(String name) {
    names.put(name, Boolean.TRUE);
    if (names.size() <= capacity) {
      return null;
    }
    Iterator<String> eldest = names.keySet().iterator();
    String evicted = eldest.next();
    eldest.remove();
    return evicted;
  }

  /** Forgets {@code name}: its Parse failed, or it was closed. */
  void remove(String name) {
    names.remove(name);
  }

  /** Forgets every statement: the session was reset ({@code DISCARD ALL}). */
  public void clear() {
    names.clear();
  }

  /** How many statements are prepared. */
  int size() {
    return names.size();
  }
}
