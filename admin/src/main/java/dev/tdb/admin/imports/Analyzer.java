/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.policy.TrustedExtensions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the {@link Analysis} of a source in the caller's snapshot transaction. */
final class Analyzer {
  private Analyzer() {}

  /**
   * Analyzes the source {@code c} is connected to.
   *
   * @throws AdminException not found {@code routing_field} when no table has the routing field
   */
  static Analysis analyze(
      Connection c,
      SourceCatalog catalog,
      String source,
      String routingField,
      Map<String, String> tenantMap)
      throws SQLException {
    if (catalog.tables().stream().noneMatch(SourceTable::routed)) {
      throw new AdminException(
          AdminException.Kind.NOT_FOUND,
          "routing_field_not_found",
          "no table found with routing field '" + routingField + "' in " + source,
          "name the column that holds each row's tenant with --routing-field");
    }
    List<Analysis.Table> routed = new ArrayList<>();
    List<Analysis.Table> shared = new ArrayList<>();
    Map<String, Map<String, Long>> perValue = new TreeMap<>();
    Map<String, Long> nulls = new LinkedHashMap<>();
    long totalRows = 0;
    long totalBytes = 0;
    for (SourceTable table : catalog.tables()) {
      long rows;
      if (table.routed()) {
        rows = 0;
        for (Map.Entry<String, Long> count :
            SourceCatalog.rowsPerValue(c, table, routingField).entrySet()) {
          rows += count.getValue();
          if (count.getKey() == null) {
            nulls.put(table.qualified(), count.getValue());
          } else {
            perValue
                .computeIfAbsent(count.getKey(), v -> new TreeMap<>())
                .put(table.qualified(), count.getValue());
          }
        }
        routed.add(new Analysis.Table(table.qualified(), rows, table.bytes()));
      } else {
        rows = SourceCatalog.rows(c, table);
        shared.add(new Analysis.Table(table.qualified(), rows, table.bytes()));
      }
      totalRows += rows;
      totalBytes += table.bytes();
    }
    List<Analysis.TenantValue> tenants = new ArrayList<>();
    Map<String, List<String>> byName = new TreeMap<>();
    for (Map.Entry<String, Map<String, Long>> value : perValue.entrySet()) {
      String name = tenantMap.getOrDefault(value.getKey(), TenantNames.of(value.getKey()));
      long rows = value.getValue().values().stream().mapToLong(Long::longValue).sum();
      tenants.add(new Analysis.TenantValue(value.getKey(), name, rows, value.getValue()));
      byName.computeIfAbsent(name, n -> new ArrayList<>()).add(value.getKey());
    }
    List<Analysis.Collision> collisions = new ArrayList<>();
    byName.forEach(
        (name, values) -> {
          if (values.size() > 1) {
            collisions.add(new Analysis.Collision(name, values));
          }
        });
    List<Analysis.CrossTenantKey> cross = new ArrayList<>();
    for (SourceCatalog.ForeignKey key : catalog.foreignKeys()) {
      if (key.child().routed() && key.parent().routed()) {
        long rows = SourceCatalog.crossTenantRows(c, key, routingField);
        if (rows > 0) {
          cross.add(
              new Analysis.CrossTenantKey(
                  key.name(), key.child().qualified(), key.parent().qualified(), rows));
        }
      }
    }
    List<Analysis.SharedEffect> effects = new ArrayList<>();
    for (Analysis.Table table : shared) {
      effects.add(
          new Analysis.SharedEffect(
              table.name(),
              "copied with its "
                  + table.rows()
                  + " rows into each of "
                  + tenants.size()
                  + " tenant databases",
              "left out: tenant databases have it empty (import-full) or as deployed",
              "created with its "
                  + table.rows()
                  + " rows in the control workspace named by"
                  + " --control-workspace; left out of tenant databases"));
    }
    return new Analysis(
        source,
        routingField,
        routed,
        shared,
        Analysis.SHARED_CHOICES,
        effects,
        tenants,
        collisions,
        nulls,
        cross,
        extensions(catalog),
        totalRows,
        totalBytes,
        (totalRows + Analysis.ROWS_PER_SECOND - 1) / Analysis.ROWS_PER_SECOND,
        null);
  }

  private static List<Analysis.Extension> extensions(SourceCatalog catalog) {
    List<Analysis.Extension> extensions = new ArrayList<>();
    for (Map.Entry<String, String> extension : catalog.extensions().entrySet()) {
      boolean trusted = TrustedExtensions.contains(extension.getKey());
      extensions.add(
          new Analysis.Extension(
              extension.getKey(),
              extension.getValue(),
              trusted,
              trusted
                  ? "created in the workspace, and by deployments in the template and every tenant"
                  : "left out: not trusted, so no blueprint can carry it; a table, column or"
                      + " function of the source that needs it fails the schema import"));
    }
    return extensions;
  }
}
