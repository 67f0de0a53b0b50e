/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.names.Names;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schema drift: each tenant's catalog fingerprint against that of its blueprint's template on the
 * same cluster. Both are read over short superuser connections that only query the catalogs.
 */
public final class DriftService {
  private final MetadataStore store;
  private final ClusterPools pools;
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final ClusterRepository clusters = new ClusterRepository();

  /** Creates the service. */
  public DriftService(MetadataStore store, ClusterPools pools) {
    this.store = store;
    this.pools = pools;
  }

  /**
   * The caller's tenants of {@code blueprint} that differ from its template.
   *
   * @throws AdminException not found
   */
  public Drift drift(Caller caller, String blueprint) {
    Names.checkBlueprint(blueprint);
    BlueprintRow row =
        store.inTransaction(
            c ->
                blueprints
                    .find(c, blueprint)
                    .filter(b -> b.ownerId() == caller.ownerId())
                    .orElseThrow(
                        () ->
                            AdminException.notFound(
                                "blueprint", blueprint, "tdb blueprints list")));
    List<TenantRow> live =
        store.inTransaction(c -> tenants.ofBlueprint(c, row.id())).stream()
            .filter(t -> t.status() != RoutingEntry.Status.DELETED)
            .toList();
    Map<Long, Read> templates = new HashMap<>();
    List<Drift.Tenant> drifted = new ArrayList<>();
    for (TenantRow tenant : live) {
      ClusterAdmin admin =
          pools.admin(store.inTransaction(c -> clusters.findById(c, tenant.clusterId())));
      Read template =
          templates.computeIfAbsent(
              tenant.clusterId(), id -> read(admin, Names.templateDatabase(blueprint)));
      compare(admin, tenant, template).ifPresent(drifted::add);
    }
    return new Drift(blueprint, row.deployedVersion(), live.size(), drifted);
  }

  private static Optional<Drift.Tenant> compare(
      ClusterAdmin admin, TenantRow tenant, Read template) {
    Read read = read(admin, tenant.database());
    if (read.fingerprint() == null) {
      return Optional.of(
          drift(tenant, "unreachable", null, template.fingerprint(), null, read.error()));
    }
    CatalogFingerprint mine = read.fingerprint();
    CatalogFingerprint theirs = template.fingerprint();
    if (theirs == null) {
      return Optional.of(drift(tenant, "no template", mine, null, null, template.error()));
    }
    if (mine.version() != theirs.version()) {
      return Optional.of(drift(tenant, "version differs", mine, theirs, null, null));
    }
    if (mine.hash().equals(theirs.hash())) {
      return Optional.empty();
    }
    return Optional.of(
        drift(tenant, "differs", mine, theirs, mine.firstDifference(theirs).orElse(null), null));
  }

  private static Drift.Tenant drift(
      TenantRow tenant,
      String status,
      CatalogFingerprint mine,
      CatalogFingerprint template,
      CatalogFingerprint.Difference difference,
      String error) {
    return new Drift.Tenant(
        tenant.logicalName(),
        tenant.cluster(),
        status,
        mine == null ? null : mine.version(),
        template == null ? null : template.version(),
        mine == null ? null : mine.hash(),
        template == null ? null : template.hash(),
        difference == null ? null : difference.object(),
        difference == null ? null : difference.here(),
        difference == null ? null : difference.there(),
        error);
  }

  /** A database's fingerprint, or why it could not be read. */
  private record Read(CatalogFingerprint fingerprint, String error) {}

  private static Read read(ClusterAdmin admin, String database) {
    try (Connection connection = admin.connect(database)) {
      return new Read(CatalogFingerprint.of(connection), null);
    } catch (SQLException e) {
      return new Read(null, e.getSQLState() + ": " + e.getMessage());
    }
  }
}
