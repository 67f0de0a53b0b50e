/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.deployments.Deployment;
import dev.tdb.admin.deployments.DeploymentRequest;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.RunStatus;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.tenants.Transition;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One import in the background: schema, deployment, tenants, then each tenant's data. */
final class ImportRun {
  private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);
  private static final long POLL_MILLIS = 200;

  private final ImportServices services;
  private final ImportRepository imports;
  private final long id;
  private final Caller caller;
  private final String blueprint;
  private final ImportRequest request;
  private final Snapshot snapshot;
  private final SourceCatalog catalog;
  private final Analysis analysis;
  private final WorkspaceRow control;
  private final TenantRepository tenantRows = new TenantRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final Set<String> heldBack = ConcurrentHashMap.newKeySet();

  ImportRun(
      ImportServices services,
      ImportRepository imports,
      long id,
      Caller caller,
      String blueprint,
      ImportRequest request,
      Snapshot snapshot,
      SourceCatalog catalog,
      Analysis analysis,
      WorkspaceRow control) {
    this.services = services;
    this.imports = imports;
    this.id = id;
    this.caller = caller;
    this.blueprint = blueprint;
    this.request = request;
    this.snapshot = snapshot;
    this.catalog = catalog;
    this.analysis = analysis;
    this.control = control;
  }

  /**
   * Runs every phase and records the outcome; closes the snapshot at the end. A tenant this import
   * creates is suspended until its data has committed, so no application sees it empty or in a
   * failed state; with {@code resuming}, so are the suspended tenants among {@code existing} (held
   * back by the import being resumed).
   */
  void run(List<Analysis.TenantValue> chosen, List<String> existing, boolean resuming) {
    String error = null;
    try {
      if (request.kind() == ImportRequest.Kind.FULL) {
        phase("deploy");
        deploy();
      }
      if (control != null) {
        phase("shared");
        copyShared();
        services
            .store()
            .inTransaction(
                c -> {
                  imports.sharedCopied(c, id);
                  return null;
                });
      }
      phase("tenants");
      for (Analysis.TenantValue value : chosen) {
        String logical = Names.tenantLogicalName(blueprint, value.tenant());
        if (!existing.contains(value.tenant())) {
          services.tenants().create(caller, blueprint, value.tenant(), null);
          services.tenants().change(caller, logical, Transition.SUSPEND);
          heldBack.add(value.tenant());
        } else if (resuming
            && services.tenants().get(caller, logical).status() == RoutingEntry.Status.SUSPENDED) {
          heldBack.add(value.tenant());
        }
      }
      phase("data");
      int failed = copyAll(chosen);
      if (failed > 0) {
        error = failed + " of " + chosen.size() + " tenants failed and were rolled back";
      }
    } catch (RuntimeException e) {
      LOG.warn("import {} failed", id, e);
      error = e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    } finally {
      try {
        snapshot.close();
      } catch (SQLException e) {
        LOG.debug("closing the snapshot of import {}", id, e);
      }
    }
    String outcome = error;
    services
        .store()
        .inTransaction(
            c -> {
              imports.finish(c, id, outcome);
              return null;
            });
  }

  private void phase(String phase) {
    services
        .store()
        .inTransaction(
            c -> {
              imports.phase(c, id, phase);
              return null;
            });
  }

  /** Copies the shared tables into the control workspace; a failure fails the import. */
  private void copyShared() {
    try (Connection source = snapshot.reader()) {
      long rows = new ControlCopy(services, control).copy(source, catalog, analysis);
      LOG.info("import {}: {} shared rows copied into {}", id, rows, control.name());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "copying the shared tables into "
              + control.name()
              + " failed: "
              + e.getMessage()
              + " (SQLSTATE "
              + e.getSQLState()
              + ")",
          e);
    } catch (TenantCopy.Failed e) {
      throw new IllegalStateException(
          "copying the shared tables into " + control.name() + " failed: " + e.getMessage(), e);
    }
  }

  private void deploy() throws InterruptedException {
    Deployment deployment =
        services
            .deployments()
            .create(
                caller,
                new DeploymentRequest(
                    blueprint, null, null, true, DeploymentRequest.DEFAULT_PARALLEL, false, null));
    while (deployment.status() == RunStatus.RUNNING) {
      Thread.sleep(POLL_MILLIS);
      deployment = services.deployments().get(caller, deployment.id());
    }
    if (deployment.status() != RunStatus.SUCCEEDED) {
      throw new IllegalStateException(
          "deployment " + deployment.id() + " of the imported schema " + deployment.status());
    }
  }

  /** Copies every tenant with {@code parallel} workers; returns how many failed. */
  private int copyAll(List<Analysis.TenantValue> chosen) throws InterruptedException {
    ConcurrentLinkedQueue<Analysis.TenantValue> queue = new ConcurrentLinkedQueue<>(chosen);
    AtomicInteger failed = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < Math.min(request.parallel(), Math.max(1, chosen.size())); i++) {
      Thread worker = new Thread(() -> work(queue, failed), "tdb-import-" + id + "-" + i);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return failed.get();
  }

  private void work(ConcurrentLinkedQueue<Analysis.TenantValue> queue, AtomicInteger failed) {
    TenantCopy copy = new TenantCopy(request.routingField());
    Analysis.TenantValue value;
    while ((value = queue.poll()) != null) {
      String tenant = value.tenant();
      services
          .store()
          .inTransaction(
              c -> {
                imports.tenantRunning(c, id, tenant);
                return null;
              });
      long rows = 0;
      String error = null;
      try (Connection source = snapshot.reader();
          Connection target = tenantConnection(tenant)) {
        rows = copy.copy(source, target, parts(value));
      } catch (SQLException e) {
        error = e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")";
      } catch (TenantCopy.Failed | RuntimeException e) {
        error = e.getMessage();
      }
      if (error != null) {
        failed.incrementAndGet();
        LOG.warn("import {}: tenant {} failed and was rolled back: {}", id, tenant, error);
      } else if (heldBack.contains(tenant)) {
        try {
          services
              .tenants()
              .change(caller, Names.tenantLogicalName(blueprint, tenant), Transition.RESUME);
        } catch (RuntimeException e) {
          failed.incrementAndGet();
          error = "the data was imported, but resuming the tenant failed: " + e.getMessage();
          LOG.warn("import {}: tenant {}: {}", id, tenant, error);
        }
      }
      long copied = rows;
      String outcome = error;
      services
          .store()
          .inTransaction(
              c -> {
                imports.tenantDone(c, id, tenant, copied, outcome);
                return null;
              });
    }
  }

  private List<TenantCopy.Part> parts(Analysis.TenantValue value) {
    List<TenantCopy.Part> parts = new ArrayList<>();
    for (SourceTable table : catalog.loadOrder()) {
      if (table.routed()) {
        parts.add(
            new TenantCopy.Part(
                table, value.value(), value.rowsPerTable().getOrDefault(table.qualified(), 0L)));
      } else if (request.shared() == ImportRequest.Shared.COPY) {
        parts.add(new TenantCopy.Part(table, null, sharedRows(table)));
      }
    }
    return parts;
  }

  private long sharedRows(SourceTable table) {
    return analysis.sharedTables().stream()
        .filter(t -> t.name().equals(table.qualified()))
        .mapToLong(Analysis.Table::rows)
        .findFirst()
        .orElse(0);
  }

  private Connection tenantConnection(String tenant) throws SQLException {
    String logical = Names.tenantLogicalName(blueprint, tenant);
    Map.Entry<TenantRow, ClusterRow> placed =
        services
            .store()
            .inTransaction(
                c -> {
                  TenantRow row = tenantRows.find(c, logical).orElseThrow();
                  return Map.entry(row, clusters.findById(c, row.clusterId()));
                });
    return services
        .pools()
        .admin(placed.getValue())
        .connectAsOwner(placed.getKey().database(), Names.ownerRole(blueprint));
  }
}
