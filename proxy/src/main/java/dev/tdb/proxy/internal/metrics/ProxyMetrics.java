/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The proxy's meters in one Prometheus registry. Per-workspace meters are registered on a
 * workspace's first session and then reused ({@link WorkspaceMeters}); what other components count
 * themselves (the routing cache, the query log) is read at scrape time. Thread-safe.
 */
public final class ProxyMetrics {
  /** Gauge: client connections by workspace and tenant. */
  public static final String CLIENT_CONNECTIONS = "tdb.proxy.client.connections";

  /** Gauge: server connections by workspace and tenant. */
  public static final String SERVER_CONNECTIONS = "tdb.proxy.server.connections";

  /** Counter: statements by workspace, kind and outcome. */
  public static final String STATEMENTS = "tdb.proxy.statements";

  /** Timer with a histogram: statement durations by workspace and kind. */
  public static final String STATEMENT_DURATION = "tdb.proxy.statement.duration";

  /** Counter: errors the proxy itself sent instead of running or continuing, by SQLSTATE. */
  public static final String REFUSALS = "tdb.proxy.refusals";

  /** Counter: protocol bytes by workspace and direction. */
  public static final String BYTES = "tdb.proxy.bytes";

  /** Counter: routing lookups by result, hit or miss of the proxy's cache. */
  public static final String ROUTING_LOOKUPS = "tdb.proxy.routing.lookups";

  /** Counter: routing entries served while the admin service failed. */
  public static final String ROUTING_STALE_SERVES = "tdb.proxy.routing.stale.serves";

  /** Counter: requests for routing entries that the admin service failed. */
  public static final String ROUTING_ADMIN_ERRORS = "tdb.proxy.routing.admin.errors";

  /** Counter: TLS handshakes with clients by result. */
  public static final String TLS_HANDSHAKES = "tdb.proxy.tls.handshakes";

  /** Counter: query-log events dropped. */
  public static final String QUERY_LOG_DROPPED = "tdb.proxy.querylog.dropped";

  /** Gauge: server connections in the pool, by state ({@code active} or {@code idle}). */
  public static final String POOL_SERVERS = "tdb.proxy.pool.servers";

  /** Gauge: clients waiting for a server connection. */
  public static final String POOL_WAITING = "tdb.proxy.pool.waiting";

  /** Timer: how long clients waited for a server connection. */
  public static final String POOL_WAIT = "tdb.proxy.pool.wait";

  private final PrometheusMeterRegistry registry;
  private final Timer poolWait;
  // Held strongly for the gauges, which hold it weakly.
  private PoolGauges pool;
  private final Map<String, WorkspaceMeters> workspaces = new ConcurrentHashMap<>();
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
  private final Connections connections;
  // Micrometer holds a function counter's object weakly; the suppliers the counters read are
  // often referenced nowhere else, and once collected their series stay at 0. These fields keep
  // them as long as the meters.
  private final Supplier<RoutingClient.Statistics> routing;
  private final LongSupplier queryLogDropped;
  private final Counter handshakesOk;
  private final Counter handshakesFailed;

  /**
   * Meters for a proxy whose connection gauges tag at most {@code tenantTagLimit} tenants ({@link
   * Connections}), with routing statistics from {@code routing} and query-log drops from {@code
   * queryLogDropped}.
   */
  public ProxyMetrics(
      int tenantTagLimit,
      Supplier<RoutingClient.Statistics> routing,
      LongSupplier queryLogDropped) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.routing = routing;
    this.queryLogDropped = queryLogDropped;
    this.connections = new Connections(registry, tenantTagLimit);
    this.handshakesOk = handshakes("ok");
    this.handshakesFailed = handshakes("failed");
    this.poolWait =
        Timer.builder(POOL_WAIT)
            .description("Time clients waited for a server connection")
            .register(registry);
    routingCounter(ROUTING_LOOKUPS, "result", "hit", routing, s -> s.cacheHits());
    routingCounter(ROUTING_LOOKUPS, "result", "miss", routing, s -> s.cacheMisses());
    routingCounter(ROUTING_STALE_SERVES, null, null, routing, s -> s.staleServes());
    routingCounter(ROUTING_ADMIN_ERRORS, null, null, routing, s -> s.adminErrors());
    FunctionCounter.builder(QUERY_LOG_DROPPED, queryLogDropped, LongSupplier::getAsLong)
        .description("Query-log events dropped: buffer full or the admin service failing")
        .register(registry);
  }

  private Counter handshakes(String result) {
    return Counter.builder(TLS_HANDSHAKES)
        .description("TLS handshakes with clients")
        .tag("result", result)
        .register(registry);
  }

  private void routingCounter(
      String name,
      String tagKey,
      String tagValue,
      Supplier<RoutingClient.Statistics> routing,
      ToLongFunction<RoutingClient.Statistics> value) {
    FunctionCounter.Builder<Supplier<RoutingClient.Statistics>> builder =
        FunctionCounter.builder(name, routing, s -> value.applyAsLong(s.get()))
            .description("Routing cache and admin service lookups");
    if (tagKey != null) {
      builder.tag(tagKey, tagValue);
    }
    builder.register(registry);
  }

  /** Registers the gauges of {@code watched}'s server connections and waiting clients. */
  public void watch(PoolGauges watched) {
    this.pool = watched;
    Gauge.builder(POOL_SERVERS, watched, PoolGauges::active)
        .description("Server connections held by clients or being opened or reset")
        .tag("state", "active")
        .register(registry);
    Gauge.builder(POOL_SERVERS, watched, PoolGauges::idle)
        .description("Server connections idle in the pool")
        .tag("state", "idle")
        .register(registry);
    Gauge.builder(POOL_WAITING, watched, PoolGauges::waiting)
        .description("Clients waiting for a server connection")
        .register(registry);
  }

  /** Records how long a client waited for a server connection. */
  public void poolWaited(Duration waited) {
    poolWait.record(waited);
  }

  /** The registry, for tests. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The meters of {@code workspace}, registered on first use. */
  public WorkspaceMeters workspace(String workspace) {
    WorkspaceMeters meters = workspaces.get(workspace);
    return meters != null
        ? meters
        : workspaces.computeIfAbsent(workspace, name -> new WorkspaceMeters(registry, name));
  }

  /**
   * Counts a client connection of {@code workspace}'s {@code tenant} ({@code ""} outside tenants)
   * as open until {@link Runnable#run} of the result.
   */
  public Runnable clientOpened(String workspace, String tenant) {
    Connections.Counts counts = connections.of(workspace, tenant);
    counts.clients.incrementAndGet();
    return counts.clients::decrementAndGet;
  }

  /** Like {@link #clientOpened}, for a connection to the server. */
  public Runnable serverOpened(String workspace, String tenant) {
    Connections.Counts counts = connections.of(workspace, tenant);
    counts.servers.incrementAndGet();
    return counts.servers::decrementAndGet;
  }

  /** The {@code tenant} tag of connections to {@code entry}: its tenant name, or {@code ""}. */
  public static String tenantTag(RoutingEntry entry) {
    int separator = entry.logicalName().indexOf("__");
    return entry.mode() == RoutingEntry.Mode.TENANT && separator > 0
        ? entry.logicalName().substring(separator + 2)
        : "";
  }

  /** Counts an error the proxy sent in place of running or continuing, with {@code sqlState}. */
  public void refusal(String sqlState) {
    Counter counter = refusals.get(sqlState);
    if (counter == null) {
      counter =
          refusals.computeIfAbsent(
              sqlState,
              state ->
                  Counter.builder(REFUSALS)
                      .description("Errors the proxy sent instead of running or continuing")
                      .tag("sqlstate", state)
                      .register(registry));
    }
    counter.increment();
  }

  /** Counts a finished TLS handshake with a client. */
  public void tlsHandshake(boolean succeeded) {
    (succeeded ? handshakesOk : handshakesFailed).increment();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
