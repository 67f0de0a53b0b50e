/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.blueprints.BlueprintService;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.DeploymentRepository;
import dev.tdb.admin.metadata.DeploymentRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Deployments: a blueprint version taken to a set of tenants, in the background. */
public final class DeploymentService implements AutoCloseable {
  private final MetadataStore store;
  private final BlueprintService blueprintService;
  private final DeploymentRunner runner;
  private final DeploymentRepository deployments = new DeploymentRepository();
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final AuditRepository audit = new AuditRepository();
  private final Templates templates = new Templates();

  /**
   * Creates the service; {@link #resume()} starts taking over what stopped servers left unfinished.
   */
  public DeploymentService(
      MetadataStore store,
      ClusterPools pools,
      BlueprintService blueprintService,
      DeploymentLease lease) {
    this.store = store;
    this.blueprintService = blueprintService;
    this.runner = new DeploymentRunner(store, pools, lease);
  }

  /**
   * Creates a deployment and starts it; the answer shows it pending or running.
   *
   * @throws AdminException not found (blueprint, version, tenant), invalid request
   */
  public Deployment create(Caller caller, DeploymentRequest request) {
    long id =
        store.inTransaction(
            c -> {
              BlueprintRow row =
                  blueprintService.refresh(
                      c, blueprintService.owned(c, caller, request.blueprint()));
              int target = target(row, request.version());
              List<TenantRow> chosen = targets(c, row, request);
              Downgrades.refuse(row, target, chosen);
              long deploymentId =
                  deployments.insert(
                      c,
                      new DeploymentRepository.Draft(
                          row.id(),
                          target,
                          request.parallel(),
                          request.stopOnFailure(),
                          request.canary(),
                          caller.ownerId()));
              // Held by this server from the start, so no peer's scan takes it before it runs.
              runner.lease(c, deploymentId);
              for (TenantRow tenant : chosen) {
                deployments.addTenant(c, deploymentId, tenant.id(), tenant.logicalName());
              }
              blueprints.release(c, row.id(), target);
              audit.record(
                  c,
                  caller.ownerId(),
                  "deployment.create",
                  row.name(),
                  Map.of("deployment", deploymentId, "version", target));
              return deploymentId;
            });
    runner.start(id);
    return get(caller, id);
  }

  /** The caller's deployment {@code id} with each tenant's status. */
  public Deployment get(Caller caller, long id) {
    return store.inTransaction(
        c -> {
          DeploymentRow row =
              deployments
                  .find(c, id)
                  .filter(d -> d.ownerId() == caller.ownerId())
                  .orElseThrow(
                      () ->
                          AdminException.notFound(
                              "deployment", Long.toString(id), "tdb deployments list"));
          return Deployment.of(row, deployments.tenants(c, id), templates.of(c, row.blueprintId()));
        });
  }

  /** The caller's newest deployments, of one blueprint when {@code blueprint} is not null. */
  public Page<Deployment> list(Caller caller, String blueprint, int limit) {
    List<Deployment> items = new ArrayList<>();
    for (DeploymentRow row :
        store.inTransaction(c -> deployments.list(c, caller.ownerId(), blueprint, limit))) {
      items.add(Deployment.of(row, null, null));
    }
    return new Page<>(items, null);
  }

  /**
   * Resumes the running deployments no live admin server holds, now and every lease renew interval
   * (a server that stopped or stopped renewing its leases).
   */
  public void resume() {
    runner.resume();
  }

  private static int target(BlueprintRow row, Integer version) {
    int target = version == null ? row.latestVersion() : version;
    if (target < 1 || target > row.latestVersion()) {
      throw AdminException.notFound(
          "version",
          row.name() + " v" + target,
          row.latestVersion() == 0
              ? "make a change in " + row.workspace() + " first"
              : "tdb blueprints versions " + row.name());
    }
    return target;
  }

  private List<TenantRow> targets(Connection c, BlueprintRow row, DeploymentRequest request)
      throws SQLException {
    List<TenantRow> live =
        tenants.ofBlueprint(c, row.id()).stream()
            .filter(t -> t.status() != RoutingEntry.Status.DELETED)
            .toList();
    if (request.all()) {
      return live;
    }
    List<TenantRow> chosen = new ArrayList<>();
    for (String name : request.tenants()) {
      chosen.add(
          live.stream()
              .filter(t -> t.name().equals(name) || t.logicalName().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      AdminException.notFound(
                          "tenant", name, "tdb tenants list --blueprint " + row.name())));
    }
    return chosen;
  }

  /**
   * Stops background work as a killed process would: nothing more is recorded, and the leases are
   * left to expire before a peer takes the deployments over (for takeover tests).
   */
  public void abandon() {
    runner.stop(DeploymentLeases.Release.NO);
  }

  /** Stops background work and gives the leases up: a running peer resumes them at once. */
  @Override
  public void close() {
    runner.close();
  }
}
