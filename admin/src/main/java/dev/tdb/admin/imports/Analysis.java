/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an import of a shared database would do, read from one snapshot of it without changing it.
 *
 * @param source {@code host:port/database}
 * @param routingField the column that names each row's tenant
 * @param routedTables the tables with that column, split by it
 * @param sharedTables the tables without it
 * @param sharedTableChoices what an import can do with them: {@code copy} (the default) into every
 *     tenant, {@code skip}, or {@code control} into a control workspace
 * @param sharedTableEffects what each choice would do with each shared table
 * @param tenants one entry per distinct routing value
 * @param nameCollisions tenant names that two or more routing values map to
 * @param nullRoutingRows rows whose routing value is NULL, per table (tables without any left out)
 * @param crossTenantKeys foreign keys with rows whose parent belongs to another tenant
 * @param extensions the source's extensions, and what an import does with each
 * @param totalRows rows of all tables
 * @param totalBytes the tables' size with indexes
 * @param estimatedSeconds a rough duration at {@value #ROWS_PER_SECOND} rows per second
 * @param freeSpace the target's free space against the source's size, or null before it is known
 */
public record Analysis(
    String source,
    String routingField,
    List<Table> routedTables,
    List<Table> sharedTables,
    List<String> sharedTableChoices,
    List<SharedEffect> sharedTableEffects,
    List<TenantValue> tenants,
    List<Collision> nameCollisions,
    Map<String, Long> nullRoutingRows,
    List<CrossTenantKey> crossTenantKeys,
    List<Extension> extensions,
    long totalRows,
    long totalBytes,
    long estimatedSeconds,
    @Nullable FreeSpace freeSpace) {
  /** The copy rate the estimate assumes. */
  public static final long ROWS_PER_SECOND = 200_000;

  /** What a shared table can become: the default {@code copy} puts it in every tenant. */
  public static final List<String> SHARED_CHOICES = List.of("copy", "skip", "control");

  /**
   * A table of the source.
   *
   * @param name {@code schema.table}
   * @param rows its rows
   * @param bytes its size with indexes
   */
  public record Table(String name, long rows, long bytes) {}

  /**
   * What each {@code --shared} choice would do with one shared table.
   *
   * @param name {@code schema.table}
   * @param copy what {@code copy} would do
   * @param skip what {@code skip} would do
   * @param control what {@code control} would do
   */
  public record SharedEffect(String name, String copy, String skip, String control) {}

  /**
   * The target's free space against what the import writes.
   *
   * @param checked whether it could be known
   * @param cluster the cluster checked (the workspace's)
   * @param neededBytes the source tables' size the import writes
   * @param usableBytes the space usable in the cluster's data directory, or null when not checked
   * @param note why it was not checked, or null
   */
  public record FreeSpace(
      boolean checked,
      String cluster,
      long neededBytes,
      @Nullable Long usableBytes,
      @Nullable String note) {}

  /**
   * A distinct routing value.
   *
   * @param value the value as text
   * @param tenant the tenant name derived from it
   * @param rows its rows over all routed tables
   * @param rowsPerTable its rows per routed table that has any
   */
  public record TenantValue(
      String value, String tenant, long rows, Map<String, Long> rowsPerTable) {}

  /**
   * Routing values that map to one tenant name.
   *
   * @param tenant the name
   * @param values the values
   */
  public record Collision(String tenant, List<String> values) {}

  /**
   * A foreign key whose child rows reference a parent row of another tenant.
   *
   * @param constraint the constraint's name
   * @param child the referencing table
   * @param parent the referenced table
   * @param rows how many child rows do
   */
  public record CrossTenantKey(String constraint, String child, String parent, long rows) {}

  /**
   * An extension of the source.
   *
   * @param name its name
   * @param version its installed version
   * @param trusted whether a blueprint may carry it (core's {@code TrustedExtensions})
   * @param effect what an import does with it
   */
  public record Extension(String name, String version, boolean trusted, String effect) {}

  /** Copies the collections. */
  public Analysis {
    routedTables = List.copyOf(routedTables);
    sharedTables = List.copyOf(sharedTables);
    sharedTableChoices = List.copyOf(sharedTableChoices);
    sharedTableEffects = List.copyOf(sharedTableEffects);
    tenants = List.copyOf(tenants);
    nameCollisions = List.copyOf(nameCollisions);
    nullRoutingRows = Map.copyOf(nullRoutingRows);
    crossTenantKeys = List.copyOf(crossTenantKeys);
    extensions = List.copyOf(extensions);
  }

  /** This analysis with {@code space}. */
  Analysis withFreeSpace(FreeSpace space) {
    return new Analysis(
        source,
        routingField,
        routedTables,
        sharedTables,
        sharedTableChoices,
        sharedTableEffects,
        tenants,
        nameCollisions,
        nullRoutingRows,
        crossTenantKeys,
        extensions,
        totalRows,
        totalBytes,
        estimatedSeconds,
        space);
  }

  /** Rows with a NULL routing value over all tables. */
  long nullRoutingTotal() {
    return nullRoutingRows.values().stream().mapToLong(Long::longValue).sum();
  }
}
