/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open client and server connections as gauges tagged {@code workspace} and {@code tenant}. While
 * the proxy has seen at most {@code tenantTagLimit} tenants, each tenant has its own series; once
 * one more connects, the per-tenant series are removed for good and each workspace gets one series
 * with {@code tenant="*"} summing its tenants, so a proxy in front of many tenants keeps a bounded
 * number of series. Connections to workspace and control databases carry {@code tenant=""}.
 * Thread-safe.
 */
final class Connections {
  /** The tenant tag of the per-workspace sums once tenants are too many to tag. */
  static final String ALL_TENANTS = "*";

  private record Key(String workspace, String tenant) {}

  /** What is open for one key; held strongly by the map, which the gauges read. */
  static final class Counts {
    final AtomicInteger clients = new AtomicInteger();
    final AtomicInteger servers = new AtomicInteger();
  }

  private final MeterRegistry registry;
  private final int tenantTagLimit;
  private final Map<Key, Counts> counts = new ConcurrentHashMap<>();
  private final Set<String> tenants = ConcurrentHashMap.newKeySet();
  private final List<Meter> tenantGauges = new ArrayList<>();
  private volatile boolean byTenant = true;

  Connections(MeterRegistry registry, int tenantTagLimit) {
    this.registry = registry;
    this.tenantTagLimit = tenantTagLimit;
  }

  /** The counts of {@code workspace}'s {@code tenant} ({@code ""} outside tenant databases). */
  Counts of(String workspace, String tenant) {
    Key key = new Key(workspace, tenant);
    Counts existing = counts.get(key);
    return existing != null ? existing : register(key);
  }

  private synchronized Counts register(Key key) {
    Counts existing = counts.get(key);
    if (existing != null) {
      return existing;
    }
    Counts created = new Counts();
    counts.put(key, created);
    boolean tenant = !key.tenant().isEmpty();
    if (tenant && byTenant && tenants.add(key.tenant()) && tenants.size() > tenantTagLimit) {
      dropTenantTags();
    }
    if (!tenant || byTenant) {
      Meter clients = gauge(ProxyMetrics.CLIENT_CONNECTIONS, key, created.clients);
      Meter servers = gauge(ProxyMetrics.SERVER_CONNECTIONS, key, created.servers);
      if (tenant) {
        tenantGauges.add(clients);
        tenantGauges.add(servers);
      }
    } else {
      sums(key.workspace());
    }
    return created;
  }

  private Meter gauge(String name, Key key, AtomicInteger value) {
    return Gauge.builder(name, value, AtomicInteger::get)
        .description(description(name))
        .tags("workspace", key.workspace(), "tenant", key.tenant())
        .register(registry);
  }

  private void dropTenantTags() {
    byTenant = false;
    tenantGauges.forEach(registry::remove);
    tenantGauges.clear();
    tenants.clear();
    counts.keySet().stream()
        .filter(key -> !key.tenant().isEmpty())
        .map(Key::workspace)
        .distinct()
        .forEach(this::sums);
  }

  /** Registers the workspace's sums over its tenants; registering again returns the same. */
  private void sums(String workspace) {
    for (String name : List.of(ProxyMetrics.CLIENT_CONNECTIONS, ProxyMetrics.SERVER_CONNECTIONS)) {
      boolean clients = name.equals(ProxyMetrics.CLIENT_CONNECTIONS);
      Gauge.builder(name, this, c -> c.sum(workspace, clients))
          .description(description(name))
          .tags("workspace", workspace, "tenant", ALL_TENANTS)
          .register(registry);
    }
  }

  private double sum(String workspace, boolean clients) {
    int sum = 0;
    for (Map.Entry<Key, Counts> entry : counts.entrySet()) {
      Key key = entry.getKey();
      if (key.workspace().equals(workspace) && !key.tenant().isEmpty()) {
        sum += (clients ? entry.getValue().clients : entry.getValue().servers).get();
      }
    }
    return sum;
  }

  private static String description(String name) {
    return name.equals(ProxyMetrics.CLIENT_CONNECTIONS)
        ? "Client connections routed to a database and open"
        : "Connections to PostgreSQL servers open for clients";
  }
}
