/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.routing.RoutingClient;
import java.lang.ref.WeakReference;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The counters read from the routing cache and the query log keep reading them after a garbage
 * collection: the suppliers they are built on are referenced by the meters alone.
 */
final class FunctionCountersTest {

  @Test
  void routingAndQueryLogCountersSurviveAGarbageCollection() {
    // Capturing lambdas, as the proxy's are (routing::statistics): a new object, held by nothing
    // but the meters. A lambda without captures would be kept alive by its call site.
    RoutingClient.Statistics statistics =
        new RoutingClient.Statistics(3, 4, 5, 6, Optional.empty());
    long dropped = 7;
    ProxyMetrics metrics = new ProxyMetrics(10, () -> statistics, () -> dropped);

    collectGarbage();

    String text = metrics.scrape();
    assertThat(text)
        .contains("tdb_proxy_routing_lookups_total{result=\"hit\"} 3.0")
        .contains("tdb_proxy_routing_lookups_total{result=\"miss\"} 4.0")
        .contains("tdb_proxy_routing_stale_serves_total 5.0")
        .contains("tdb_proxy_routing_admin_errors_total 6.0")
        .contains("tdb_proxy_querylog_dropped_total 7.0");
  }

  /** Runs collections until a weakly held object is gone, as the meters' suppliers would be. */
  private static void collectGarbage() {
    WeakReference<Object> probe = new WeakReference<>(new Object());
    for (int i = 0; i < 50 && probe.get() != null; i++) {
      System.gc();
    }
    assertThat(probe.get()).as("a weakly held object survived 50 collections").isNull();
  }
}
