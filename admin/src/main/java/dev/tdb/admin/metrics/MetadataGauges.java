/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metrics;

import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.RunStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * Gauges read from the metadata database at scrape time: deployments and imports by status, tenants
 * by status and cluster, and whether each cluster answers. Every admin replica reports the same
 * counts (they share the database), so dashboards take their {@code max}, not their sum. No tenant,
 * workspace or account name is ever a tag: only statuses and cluster names.
 */
final class MetadataGauges {
  private static final List<String> TENANT_STATUSES = List.of("active", "suspended", "deleted");
  private static final Duration CLUSTER_CHECK_TIMEOUT = Duration.ofSeconds(3);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final BoundedChecks checks;
  private final MultiGauge deployments;
  private final MultiGauge imports;
  private final MultiGauge tenants;
  private final MultiGauge clusters;

  MetadataGauges(
      MeterRegistry registry, MetadataStore store, ClusterPools pools, BoundedChecks checks) {
    this.store = store;
    this.pools = pools;
    this.checks = checks;
    this.deployments =
        MultiGauge.builder(AdminMetrics.DEPLOYMENTS)
            .description("Deployments by status")
            .register(registry);
    this.imports =
        MultiGauge.builder(AdminMetrics.IMPORTS)
            .description("Imports by status")
            .register(registry);
    this.tenants =
        MultiGauge.builder(AdminMetrics.TENANTS)
            .description("Tenants by status and cluster")
            .register(registry);
    this.clusters =
        MultiGauge.builder(AdminMetrics.CLUSTER_REACHABLE)
            .description("1 when the cluster answered SELECT 1 within 3 s, else 0")
            .register(registry);
  }

  /** Reads everything anew; with the metadata database unreachable, the gauges are removed. */
  void refresh(boolean metadataAnswers) {
    if (!metadataAnswers) {
      List.of(deployments, imports, tenants, clusters).forEach(g -> g.register(List.of(), true));
      return;
    }
    try {
      List<ClusterRow> rows =
          store.inTransaction(
              c -> {
                try (Statement s = c.createStatement()) {
                  s.execute("SET LOCAL statement_timeout = '2s'");
                }
                deployments.register(byStatus(c, "deployments"), true);
                imports.register(byStatus(c, "imports"), true);
                tenants.register(tenants(c), true);
                return new ClusterRepository().all(c);
              });
      clusters.register(reachability(rows), true);
    } catch (RuntimeException e) {
      List.of(deployments, imports, tenants, clusters).forEach(g -> g.register(List.of(), true));
    }
  }

  private static List<MultiGauge.Row<?>> byStatus(Connection c, String table) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RunStatus status : RunStatus.values()) {
      counts.put(status.sql(), 0L);
    }
    try (PreparedStatement s =
            c.prepareStatement("SELECT status, count(*) FROM " + table + " GROUP BY status");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach(
        (status, count) -> rows.add(MultiGauge.Row.of(Tags.of("status", status), count)));
    return rows;
  }

  private static List<MultiGauge.Row<?>> tenants(Connection c) throws SQLException {
    Map<Tags, Long> counts = new LinkedHashMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT c.name, t.status, count(t.id) FROM clusters c"
                    + " LEFT JOIN tenants t ON t.cluster_id = c.id GROUP BY c.name, t.status");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        String cluster = rs.getString(1);
        TENANT_STATUSES.forEach(
            status -> counts.putIfAbsent(Tags.of("cluster", cluster, "status", status), 0L));
        if (rs.getString(2) != null) {
          counts.put(Tags.of("cluster", cluster, "status", rs.getString(2)), rs.getLong(3));
        }
      }
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    counts.forEach((tags, count) -> rows.add(MultiGauge.Row.of(tags, count)));
    return rows;
  }

  /** Checks every cluster at once, each bounded; one still checking counts as unreachable. */
  private List<MultiGauge.Row<?>> reachability(List<ClusterRow> rows) {
    Map<String, Future<Boolean>> running = new LinkedHashMap<>();
    for (ClusterRow row : rows) {
      running.put(
          row.name(),
          checks.start(
              "cluster " + row.name(),
              () -> pools.reachable(row, (int) CLUSTER_CHECK_TIMEOUT.toSeconds())));
    }
    long deadline = System.nanoTime() + CLUSTER_CHECK_TIMEOUT.toNanos();
    List<MultiGauge.Row<?>> result = new ArrayList<>();
    running.forEach(
        (name, check) -> {
          Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
          boolean up = BoundedChecks.within(check, left);
          result.add(MultiGauge.Row.of(Tags.of("cluster", name), up ? 1 : 0));
        });
    return result;
  }
}
