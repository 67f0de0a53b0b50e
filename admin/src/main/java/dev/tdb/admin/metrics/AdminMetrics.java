/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metrics;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.metadata.MetadataStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin service's meters in one Prometheus registry: HTTP requests by route template and status
 * (recorded per request), and what the metadata database says (read at scrape time, {@link
 * MetadataGauges}); and its readiness: the metadata database answers {@code SELECT 1} within {@link
 * #READY_TIMEOUT}. Thread-safe.
 */
public final class AdminMetrics implements AutoCloseable {
  /** Timer: HTTP requests by method, route template and status. */
  public static final String HTTP_REQUESTS = "tdb.admin.http.requests";

  /** Gauge: deployments by status. */
  public static final String DEPLOYMENTS = "tdb.admin.deployments";

  /** Gauge: imports by status. */
  public static final String IMPORTS = "tdb.admin.imports";

  /** Gauge: tenants by status and cluster. */
  public static final String TENANTS = "tdb.admin.tenants";

  /** Gauge: 1 when a cluster answers, by cluster. */
  public static final String CLUSTER_REACHABLE = "tdb.admin.cluster.reachable";

  /** Gauge: 1 when the metadata database answered the last readiness check. */
  public static final String METADATA_UP = "tdb.admin.metadata.up";

  /** How long the metadata database gets to answer a readiness check. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(2);

  /** The route tag of requests that matched no route: their paths are never tags. */
  static final String UNMATCHED = "unmatched";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MetadataStore store;
  private final BoundedChecks checks = new BoundedChecks();
  private final MetadataGauges gauges;
  private final AtomicInteger metadataUp = new AtomicInteger();

  /** Meters of an admin service on {@code store} whose clusters {@code pools} reaches. */
  public AdminMetrics(MetadataStore store, ClusterPools pools) {
    this.store = store;
    this.gauges = new MetadataGauges(registry, store, pools, checks);
    Gauge.builder(METADATA_UP, metadataUp, AtomicInteger::get)
        .description("1 when the metadata database answered the last check")
        .register(registry);
  }

  /**
   * Records one HTTP request that took {@code millis}; {@code route} is the matched route template
   * ({@code /v1/tenants/{name}}), or null when none matched.
   */
  public void request(String method, String route, int status, float millis) {
    Timer.builder(HTTP_REQUESTS)
        .description("HTTP requests by method, route template and status")
        .tags(
            "method",
            method,
            "route",
            route == null ? UNMATCHED : route,
            "status",
            Integer.toString(status))
        .register(registry)
        .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
  }

  /** Whether the metadata database answers {@code SELECT 1} within {@link #READY_TIMEOUT}. */
  public boolean ready() {
    boolean up =
        BoundedChecks.within(
            checks.start("metadata", () -> store.answers((int) READY_TIMEOUT.toSeconds())),
            READY_TIMEOUT);
    metadataUp.set(up ? 1 : 0);
    return up;
  }

  /** Reads the metadata gauges anew and returns the Prometheus text of every meter. */
  public String scrape() {
    gauges.refresh(ready());
    return registry.scrape();
  }

  @Override
  public void close() {
    checks.close();
  }
}
