/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

/** What the metrics read of a server connection pool; the pool implements it. */
public interface PoolGauges {
  /** Server connections held by clients (or being opened or reset). */
  int active();

  /** Server connections idle in the pool. */
  int idle();

  /** Clients waiting for a server connection. */
  int waiting();
}
