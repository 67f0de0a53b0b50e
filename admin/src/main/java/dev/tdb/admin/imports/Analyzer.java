/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.errors.AdminError;
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
          AdminError.ROUTING_FIELD_NOT_FOUND,
          "no table found with routing field '" + routingField + "' in " + source,
          "name the column that holds each row's tenant with --routing-field");
    }
    TableCounts counts = TableCounts.of(c, catalog, routingField);
    List<Analysis.TenantValue> tenants = tenants(counts.perValue, tenantMap);
    return new Analysis(
        source,
        routingField,
        counts.routed,
        counts.shared,
        Analysis.SHARED_CHOICES,
        sharedEffects(counts.shared, tenants.size()),
        tenants,
        collisions(tenants),
        counts.nulls,
        crossTenantKeys(c, catalog, routingField),
        extensions(catalog),
        counts.totalRows,
        counts.totalBytes,
        (counts.totalRows + Analysis.ROWS_PER_SECOND - 1) / Analysis.ROWS_PER_SECOND,
        null);
  }

  /** Rows and bytes of every table, with the routed tables' rows per routing value. */
  private static final class TableCounts {
    final List<Analysis.Table> routed = new ArrayList<>();
    final List<Analysis.Table> shared = new ArrayList<>();

    /** Routing value → table → rows. */
    final Map<String, Map<String, Long>> perValue = new TreeMap<>();

    /** Table → rows whose routing value is NULL. */
    final Map<String, Long> nulls = new LinkedHashMap<>();

    long totalRows;
    long totalBytes;

    static TableCounts of(Connection c, SourceCatalog catalog, String routingField)
        throws SQLException {
      TableCounts counts = new TableCounts();
      for (SourceTable table : catalog.tables()) {
        long rows =
            table.routed()
                ? counts.addRouted(SourceCatalog.rowsPerValue(c, table, routingField), table)
                : SourceCatalog.rows(c, table);
        (table.routed() ? counts.routed : counts.shared)
            .add(new Analysis.Table(table.qualified(), rows, table.bytes()));
        counts.totalRows += rows;
        counts.totalBytes += table.bytes();
      }
      return counts;
    }

    /** Records the rows per routing value of a routed table and returns its total. */
    private long addRouted(Map<String, Long> rowsPerValue, SourceTable table) {
      long rows = 0;
      for (Map.Entry<String, Long> count : rowsPerValue.entrySet()) {
        rows += count.getValue();
        if (count.getKey() == null) {
          nulls.put(table.qualified(), count.getValue());
        } else {
          perValue
              .computeIfAbsent(count.getKey(), v -> new TreeMap<>())
              .put(table.qualified(), count.getValue());
        }
      }
      return rows;
    }
  }

  /** One tenant per routing value, named by the tenant map or derived from the value. */
  private static List<Analysis.TenantValue> tenants(
      Map<String, Map<String, Long>> perValue, Map<String, String> tenantMap) {
    List<Analysis.TenantValue> tenants = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> value : perValue.entrySet()) {
      String name = tenantMap.getOrDefault(value.getKey(), TenantNames.of(value.getKey()));
      long rows = value.getValue().values().stream().mapToLong(Long::longValue).sum();
      tenants.add(new Analysis.TenantValue(value.getKey(), name, rows, value.getValue()));
    }
    return tenants;
  }

  /** The tenant names that more than one routing value maps to. */
  private static List<Analysis.Collision> collisions(List<Analysis.TenantValue> tenants) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (Analysis.TenantValue tenant : tenants) {
      byName.computeIfAbsent(tenant.tenant(), n -> new ArrayList<>()).add(tenant.value());
    }
    List<Analysis.Collision> collisions = new ArrayList<>();
    byName.forEach(
        (name, values) -> {
          if (values.size() > 1) {
            collisions.add(new Analysis.Collision(name, values));
          }
        });
    return collisions;
  }

  /** Foreign keys between routed tables whose rows point at another tenant's rows. */
  private static List<Analysis.CrossTenantKey> crossTenantKeys(
      Connection c, SourceCatalog catalog, String routingField) throws SQLException {
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
    return cross;
  }

  /** What each choice for a shared table would do with it. */
  private static List<Analysis.SharedEffect> sharedEffects(
      List<Analysis.Table> shared, int tenantCount) {
    List<Analysis.SharedEffect> effects = new ArrayList<>();
    for (Analysis.Table table : shared) {
      effects.add(
          new Analysis.SharedEffect(
              table.name(),
              "copied with its "
                  + table.rows()
                  + " rows into each of "
                  + tenantCount
                  + " tenant databases",
              "left out: tenant databases have it empty (import-full) or as deployed",
              "created with its "
                  + table.rows()
                  + " rows in the control workspace named by"
                  + " --control-workspace; left out of tenant databases"));
    }
    return effects;
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
