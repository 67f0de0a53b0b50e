/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.blueprints.BlueprintService;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.Compensation;
import dev.tdb.admin.clusters.Placement;
import dev.tdb.admin.deployments.Templates;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AccountRepository;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.Epochs;
import dev.tdb.admin.metadata.LogicalNames;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Control and tenant workspaces: their databases, runtime roles and blueprints. */
public final class WorkspaceService {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceService.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final SecretBox box;
  private final Templates templates = new Templates();
  private final OwnedLookup owned = new OwnedLookup();
  private final Placement placement = new Placement();
  private final LogicalNames logicalNames = new LogicalNames();
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final AccountRepository accounts = new AccountRepository();
  private final Epochs epochs = new Epochs();
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service. */
  public WorkspaceService(MetadataStore store, ClusterPools pools, SecretBox box) {
    this.store = store;
    this.pools = pools;
    this.box = box;
  }

  /**
   * Creates a workspace owned by the caller on {@code cluster}, or on the cluster with most free
   * capacity when it is null. Mode {@code WORKSPACE} also creates blueprint {@code <name without
   * _workspace>}. Half-done work on the cluster is undone when a step fails.
   *
   * @throws AdminException invalid name or mode, conflict when the name is taken, not found for an
   *     unknown cluster, unavailable or refused from the cluster
   */
  public Workspace create(Caller caller, String name, ConnectionMode mode, String cluster) {
    String blueprint = Names.workspaceBlueprint(name, mode).orElse(null);
    long ownerId = caller.ownerId();
    String password = RandomTokens.rolePassword();
    Compensation undo = new Compensation();
    try {
      WorkspaceRow row =
          store.inTransaction(
              c -> {
                claimName(c, name);
                ClusterRow target = placement.choose(c, cluster);
                WorkspaceSettings settings = WorkspaceSettings.defaults();
                ClusterAdmin admin = pools.admin(target);
                admin.budget().check(target.name(), settings.maxConnections());
                Provisioner.createWorkspace(admin, name, blueprint, password, settings, undo);
                if (blueprint != null) {
                  BlueprintService.installCapture(admin, name);
                }
                long epoch = epochs.next(c);
                long id = workspaces.insert(c, draft(name, mode, ownerId, target, password, epoch));
                if (blueprint != null) {
                  workspaces.insertBlueprint(c, blueprint, id);
                }
                accounts.touchRouting(c, ownerId, epoch);
                audit.record(
                    c, ownerId, "workspace.create", name, Map.of("cluster", target.name()));
                return workspaces.find(c, name).orElseThrow();
              });
      LOG.info("created workspace {} on cluster {}", name, row.cluster());
      return Workspace.of(row);
    } catch (RuntimeException e) {
      undo.undo();
      throw e;
    }
  }

  /** The caller's workspace named {@code name}. */
  public Workspace get(Caller caller, String name) {
    return Workspace.of(store.inTransaction(c -> owned.workspace(c, caller, name)));
  }

  /** One page of the caller's workspaces, by name. */
  public Page<Workspace> list(Caller caller, PageRequest page) {
    return store.inTransaction(c -> workspaces.list(c, caller.ownerId(), page)).map(Workspace::of);
  }

  /**
   * Drops a workspace's database and roles and forgets it.
   *
   * @throws AdminException not found, conflict while tenants of its blueprint exist
   */
  public void delete(Caller caller, String name) {
    store.inTransaction(
        c -> {
          WorkspaceRow row = owned.workspace(c, caller, name);
          workspaces.lockExclusive(c, row.id());
          if (workspaces.hasTenants(c, row.id())) {
            throw new AdminException(
                AdminError.WORKSPACE_HAS_TENANTS,
                "workspace " + name + " still has tenants of blueprint " + row.blueprint(),
                "tdb tenants list --blueprint " + row.blueprint());
          }
          ClusterAdmin admin = pools.admin(clusters.findById(c, row.clusterId()));
          Provisioner.drop(admin, row.database(), row.role());
          if (row.blueprint() != null) {
            templates.dropAll(c, pools, row.blueprintId(), row.blueprint());
            admin.dropTemplate(Names.templateDatabase(row.blueprint()));
            admin.dropRoleIfUnused(Names.ownerRole(row.blueprint()));
          }
          workspaces.delete(c, row.id());
          accounts.touchRouting(c, row.ownerId(), epochs.next(c));
          audit.record(
              c, row.ownerId(), "workspace.delete", name, Map.of("cluster", row.cluster()));
          return null;
        });
    LOG.info("deleted workspace {}", name);
  }

  private void claimName(Connection c, String name) throws SQLException {
    logicalNames.lock(c, name);
    if (logicalNames.taken(c, name)) {
      throw new AdminException(
          AdminError.NAME_TAKEN,
          "logical database " + name + " already exists",
          "tdb workspaces list");
    }
  }

  private WorkspaceRow draft(
      String name,
      ConnectionMode mode,
      long ownerId,
      ClusterRow cluster,
      String password,
      long epoch) {
    return new WorkspaceRow(
        0,
        name,
        mode,
        ownerId,
        cluster.id(),
        cluster.name(),
        name,
        Names.runtimeRole(name),
        box.seal(password, Names.secretContext(name)),
        WorkspaceSettings.defaults(),
        epoch,
        null,
        null,
        null);
  }
}
