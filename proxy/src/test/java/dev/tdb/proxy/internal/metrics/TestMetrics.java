/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import dev.tdb.core.routing.RoutingClient;
import java.util.Optional;

/** Proxy meters for tests of handlers that record into them. */
public final class TestMetrics {
  private TestMetrics() {}

  /** Meters with no routing statistics and no query log, tagging up to 100 tenants. */
  public static ProxyMetrics create() {
    return new ProxyMetrics(
        100, () -> new RoutingClient.Statistics(0, 0, 0, 0, Optional.empty()), () -> 0);
  }

  /** A statement meter of {@code workspace} in {@code metrics}. */
  public static StatementMeter meter(ProxyMetrics metrics, String workspace) {
    return new StatementMeter(metrics.workspace(workspace), metrics);
  }
}
