/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.deployments;

import dev.tdb.admin.blueprints.Catalogs;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.DeploymentRepository;
import dev.tdb.admin.metadata.DeploymentRow;
import dev.tdb.admin.metadata.DeploymentTenantRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.RunStatus;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.TenantRunStatus;
import dev.tdb.admin.names.Names;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deployments in the background: the blueprint's templates first, then the pending tenants of
 * one deployment, upgraded by at most {@code parallel} workers (the canary slice, in logical-name
 * order, before the others, which start only when all of it succeeded). Each tenant's status is
 * stored as it ends, so a deployment interrupted by a stop resumes where it was.
 *
 * <p>A server runs a deployment only while it holds its lease ({@link DeploymentLeases}); every
 * write to the deployment's rows checks the lease in the same transaction, so once a peer took an
 * expired lease over, the server that lost it starts no further tenant and records nothing more. A
 * tenant both may have upgraded is applied once all the same: the version row inside the tenant
 * database decides ({@link TenantUpgrader}).
 */
final class DeploymentRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentRunner.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final ExecutorService coordinators =
      Executors.newCachedThreadPool(daemon("tdb-deployment"));
  private final DeploymentRepository deployments = new DeploymentRepository();
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final Templates templates = new Templates();
  private final DeploymentLeases leases;
  private final Set<Long> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  DeploymentRunner(MetadataStore store, ClusterPools pools, DeploymentLease lease) {
    this.store = store;
    this.pools = pools;
    this.leases = new DeploymentLeases(store, lease);
  }

  /** Takes the lease of a deployment being created, in its creating transaction {@code c}. */
  void lease(Connection c, long deploymentId) throws SQLException {
    leases.lease(c, deploymentId);
  }

  /** Starts working on a deployment in the background, unless this server already runs it. */
  void start(long deploymentId) {
    if (active.add(deploymentId)) {
      coordinators.execute(
          () -> {
            try {
              run(deploymentId);
            } finally {
              active.remove(deploymentId);
            }
          });
    }
  }

  /**
   * Starts the lease heartbeat: at once and every renew interval, this server renews its leases and
   * resumes each running deployment whose lease expired or was given up (its server stopped), so a
   * deployment another live server runs stays with that server.
   */
  void resume() {
    leases.start(this::start);
  }

  private void run(long deploymentId) {
    if (!leases.claim(deploymentId)) {
      LOG.info("deployment {} is being run by another admin server", deploymentId);
      return;
    }
    try {
      DeploymentRow deployment =
          store.inTransaction(
              c -> {
                if (!leases.fence(c, deploymentId)) {
                  return null;
                }
                // Whoever ran it before is gone: the tenants it left running start again.
                deployments.requeueRunning(c, deploymentId);
                return deployments.find(c, deploymentId).orElseThrow();
              });
      if (deployment != null && deployment.status() == RunStatus.RUNNING) {
        run(deployment);
      }
    } finally {
      leases.release(deploymentId);
    }
  }

  private void run(DeploymentRow deployment) {
    long deploymentId = deployment.id();
    List<ChangeRow> changes =
        store.inTransaction(
            c -> blueprints.changes(c, deployment.blueprintId(), 0, deployment.targetVersion()));
    Map<Long, TenantRow> byId =
        store.inTransaction(c -> tenants.ofBlueprint(c, deployment.blueprintId())).stream()
            .collect(Collectors.toMap(TenantRow::id, Function.identity()));
    upgradeTemplates(deployment, changes, byId.values());
    List<DeploymentTenantRow> targets =
        store.inTransaction(c -> deployments.tenants(c, deploymentId)).stream()
            .filter(t -> byId.containsKey(t.tenantId()))
            .toList();
    int canary = deployment.canary() == null ? 0 : Math.min(deployment.canary(), targets.size());
    AtomicBoolean stop =
        new AtomicBoolean(
            deployment.stopOnFailure() && deployment.counts().get(TenantRunStatus.FAILED) > 0);
    if (!runAll(deployment, targets.subList(0, canary), changes, byId, stop)) {
      return;
    }
    boolean canaryFailed = canary > 0 && anyFailed(deploymentId, targets.subList(0, canary));
    if (!canaryFailed
        && !runAll(deployment, targets.subList(canary, targets.size()), changes, byId, stop)) {
      return;
    }
    boolean finished =
        store.inTransaction(
            c -> {
              if (!leases.fence(c, deploymentId)) {
                return false;
              }
              if (canaryFailed) {
                deployments.skipPending(c, deploymentId, "not attempted: canary failed");
              } else if (stop.get()) {
                deployments.skipPending(c, deploymentId, "not attempted: stop_on_failure");
              }
              deployments.finish(c, deploymentId);
              return true;
            });
    if (finished) {
      LOG.info("deployment {} of blueprint {} finished", deploymentId, deployment.blueprint());
    } else {
      LOG.warn("deployment {} was taken over by another admin server", deploymentId);
    }
  }

  /**
   * Brings the blueprint's template on every cluster that holds its tenants to the target first, so
   * a change that fails shows there before any tenant, and new tenants copy the new version.
   */
  private void upgradeTemplates(
      DeploymentRow deployment, List<ChangeRow> changes, Collection<TenantRow> all) {
    Set<Long> clusterIds = new TreeSet<>();
    all.stream()
        .filter(t -> t.status() != RoutingEntry.Status.DELETED)
        .forEach(t -> clusterIds.add(t.clusterId()));
    for (long clusterId : clusterIds) {
      templates.bringUp(
          store,
          pools,
          new Templates.Target(
              deployment.blueprintId(),
              deployment.blueprint(),
              clusterId,
              deployment.targetVersion()),
          changes,
          deployment.id());
    }
  }

  /** Upgrades the pending ones of {@code slice}; false when interrupted. */
  private boolean runAll(
      DeploymentRow deployment,
      List<DeploymentTenantRow> slice,
      List<ChangeRow> changes,
      Map<Long, TenantRow> byId,
      AtomicBoolean stop) {
    List<DeploymentTenantRow> pending =
        slice.stream().filter(t -> t.status() == TenantRunStatus.PENDING).toList();
    if (pending.isEmpty()) {
      return true;
    }
    ExecutorService workers =
        Executors.newFixedThreadPool(
            deployment.parallel(), daemon("tdb-deploy-" + deployment.id()));
    for (DeploymentTenantRow tenant : pending) {
      workers.execute(
          () -> {
            if (!stop.get() && !upgrade(deployment, byId.get(tenant.tenantId()), changes)) {
              stop.set(deployment.stopOnFailure());
            }
          });
    }
    workers.shutdown();
    try {
      workers.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean anyFailed(long deploymentId, List<DeploymentTenantRow> slice) {
    Set<Long> ids = new TreeSet<>();
    slice.forEach(t -> ids.add(t.tenantId()));
    return store.inTransaction(c -> deployments.tenants(c, deploymentId)).stream()
        .anyMatch(t -> ids.contains(t.tenantId()) && t.status() == TenantRunStatus.FAILED);
  }

  /** Upgrades one tenant and stores how it ended; false when it failed. */
  private boolean upgrade(DeploymentRow deployment, TenantRow tenant, List<ChangeRow> changes) {
    long id = deployment.id();
    if (!store.inTransaction(c -> leases.fence(c, id) && deployments.claim(c, id, tenant.id()))) {
      return true;
    }
    DeploymentTenantRow result;
    try {
      ClusterAdmin admin =
          pools.admin(store.inTransaction(c -> clusters.findById(c, tenant.clusterId())));
      TenantUpgrader.Outcome outcome = upgrade(admin, tenant, changes, deployment.targetVersion());
      TenantRunStatus status =
          outcome.applied() ? TenantRunStatus.SUCCEEDED : TenantRunStatus.SKIPPED;
      result = row(tenant, status, outcome.fromVersion(), outcome.toVersion(), null, null);
    } catch (UpgradeException e) {
      result =
          row(
              tenant,
              TenantRunStatus.FAILED,
              e.fromVersion(),
              e.reachedVersion(),
              e.getMessage(),
              e.sqlState());
    } catch (SQLException e) {
      result = row(tenant, TenantRunStatus.FAILED, null, null, e.getMessage(), e.getSQLState());
    } catch (RuntimeException e) {
      result = row(tenant, TenantRunStatus.FAILED, null, null, e.getMessage(), null);
    }
    if (closing && result.status() == TenantRunStatus.FAILED) {
      // Likely the stop itself (pools closing under the upgrade): left running, the tenant is
      // tried again when the deployment resumes instead of being recorded as failed.
      return true;
    }
    DeploymentTenantRow ended = result;
    store.inTransaction(
        c -> {
          if (!leases.fence(c, id)) {
            // The peer that took the deployment over upgrades this tenant again; the version row
            // in the tenant database makes that a no-op, and the peer records how it ended.
            return null;
          }
          deployments.finishTenant(c, id, ended);
          if (ended.toVersion() != null) {
            deployments.recordTenantVersion(c, tenant.id(), ended.toVersion());
          }
          return null;
        });
    return ended.status() != TenantRunStatus.FAILED;
  }

  /**
   * Upgrades {@code tenant} to {@code target} over a new connection as the blueprint owner, after
   * installing the tenant's version catalog as the superuser when it is not there yet.
   */
  static TenantUpgrader.Outcome upgrade(
      ClusterAdmin admin, TenantRow tenant, List<ChangeRow> changes, int target)
      throws SQLException, UpgradeException {
    return upgrade(admin, tenant.database(), Names.ownerRole(tenant.blueprint()), changes, target);
  }

  /** Upgrades {@code database} (a tenant's or a template) as {@code owner}, the same way. */
  static TenantUpgrader.Outcome upgrade(
      ClusterAdmin admin, String database, String owner, List<ChangeRow> changes, int target)
      throws SQLException, UpgradeException {
    try (Connection connection = admin.connectAsOwner(database, owner)) {
      if (!Catalogs.tenantReady(connection)) {
        try (Connection superuser = admin.connect(database)) {
          Catalogs.installTenant(superuser, owner, admin.lockWait());
        }
      }
      return TenantUpgrader.upgrade(connection, changes, target, admin.lockWait());
    }
  }

  private static DeploymentTenantRow row(
      TenantRow tenant,
      TenantRunStatus status,
      Integer from,
      Integer to,
      String error,
      String state) {
    return new DeploymentTenantRow(
        tenant.id(), tenant.logicalName(), status, from, to, error, state);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Stops the coordinators and gives their leases up, so a peer resumes the unfinished deployments
   * at its next scan; with {@code DeploymentLeases.Release.NO} the leases are left to expire, as
   * when the process dies.
   */
  void stop(DeploymentLeases.Release release) {
    closing = true;
    leases.stop(release);
    coordinators.shutdownNow();
  }

  /** Stops as {@link #stop} does, giving the leases up. */
  @Override
  public void close() {
    stop(DeploymentLeases.Release.YES);
  }
}
