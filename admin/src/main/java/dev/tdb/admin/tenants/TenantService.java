/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.Compensation;
import dev.tdb.admin.clusters.Placement;
import dev.tdb.admin.deployments.NewTenants;
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
import dev.tdb.admin.metadata.ReadRoleRepository;
import dev.tdb.admin.metadata.ReadRoleRepository.ReadRole;
import dev.tdb.admin.metadata.RoleCheckRepository;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.RandomTokens;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tenants: creation, placement, state changes (suspend, resume, delete, restore) and removal. */
public final class TenantService {
  private static final Logger LOG = LoggerFactory.getLogger(TenantService.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final SecretBox box;
  private final OwnedLookup owned = new OwnedLookup();
  private final Placement placement = new Placement();
  private final LogicalNames logicalNames = new LogicalNames();
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final ReadRoleRepository readRoles = new ReadRoleRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final AccountRepository accounts = new AccountRepository();
  private final Epochs epochs = new Epochs();
  private final AuditRepository audit = new AuditRepository();
  private final NewTenants newTenants = new NewTenants();
  private final Templates templates = new Templates();
  private final RoleCheckRepository roleChecks = new RoleCheckRepository();

  /** Creates the service. */
  public TenantService(MetadataStore store, ClusterPools pools, SecretBox box) {
    this.store = store;
    this.pools = pools;
    this.box = box;
  }

  /**
   * Creates tenant {@code <blueprint>__<name>} of one of the caller's blueprints on {@code
   * cluster}, or on the cluster with most free capacity when it is null. Half-done work on the
   * cluster is undone when a step fails, so a retry starts from a clean state.
   *
   * @throws AdminException invalid names, not found (blueprint, cluster), conflict when the name is
   *     taken or the database or role exists on the server, unavailable, refused
   */
  public Tenant create(Caller caller, String blueprint, String name, String cluster) {
    String logical = Names.tenantLogicalName(blueprint, name);
    String password = RandomTokens.rolePassword();
    Compensation undo = new Compensation();
    AtomicBoolean copied = new AtomicBoolean();
    TenantRow row;
    try {
      row =
          store.inTransaction(
              c -> {
                WorkspaceRow workspace = owned.blueprintWorkspace(c, caller, blueprint);
                workspaces.lockShared(c, workspace.id());
                claimName(c, logical);
                ClusterRow target = placement.choose(c, cluster);
                pools
                    .admin(target)
                    .budget()
                    .check(target.name(), workspace.settings().maxConnections());
                newTenants.checkExtensions(
                    c, pools.admin(target), target.name(), workspace.blueprintId(), blueprint);
                Optional<String> template =
                    newTenants.template(c, workspace.blueprintId(), blueprint, target.id());
                copied.set(
                    Provisioner.createTenant(
                        pools.admin(target),
                        logical,
                        blueprint,
                        password,
                        workspace.settings(),
                        template,
                        undo));
                long epoch = epochs.next(c);
                tenants.insert(c, draft(workspace, name, logical, target, password, epoch));
                newTenants.startAtRelease(
                    c, pools.admin(target), tenants.find(c, logical).orElseThrow());
                accounts.touchRouting(c, workspace.ownerId(), epoch);
                audit.record(
                    c,
                    workspace.ownerId(),
                    "tenant.create",
                    logical,
                    Map.of("cluster", target.name()));
                return tenants.find(c, logical).orElseThrow();
              });
    } catch (RuntimeException e) {
      undo.undo();
      throw e;
    }
    LOG.info(
        "created tenant {} on cluster {}{}",
        logical,
        row.cluster(),
        copied.get() ? " from its template" : "");
    if (!copied.get()) {
      newTenants.repairTemplate(store, pools, row);
    }
    return Tenant.of(row);
  }

  /** The caller's tenant {@code logicalName}. */
  public Tenant get(Caller caller, String logicalName) {
    return store.inTransaction(
        c -> {
          TenantRow row = owned.tenant(c, caller, logicalName);
          return Tenant.of(row, roleChecks.find(c, row.id()));
        });
  }

  /** One page of the caller's tenants, of one blueprint when {@code blueprint} is not null. */
  public Page<Tenant> list(Caller caller, String blueprint, PageRequest page) {
    if (blueprint != null) {
      Names.checkBlueprint(blueprint);
    }
    return store
        .inTransaction(c -> tenants.list(c, caller.ownerId(), blueprint, page))
        .map(Tenant::of);
  }

  /**
   * Moves a tenant to another state: its role loses or regains {@code LOGIN}, and losing it ends
   * the role's sessions.
   *
   * @throws AdminException not found, conflict when the tenant is not in a state the transition
   *     starts from, unavailable
   */
  public Tenant change(Caller caller, String logicalName, Transition transition) {
    Compensation undo = new Compensation();
    try {
      TenantRow row =
          store.inTransaction(
              c -> {
                TenantRow tenant = owned.tenantForUpdate(c, caller, logicalName);
                refuseWhileDropping(c, tenant);
                transition.check(tenant);
                ClusterAdmin admin = pools.admin(clusters.findById(c, tenant.clusterId()));
                transition.apply(admin, tenant.role(), tenant.database(), tenant.status(), undo);
                // The read-only role follows the runtime role, so a suspended tenant refuses a
                // direct login with either.
                Optional<ReadRole> readOnly = readRoles.find(c, tenant.id());
                if (readOnly.isPresent()) {
                  transition.apply(
                      admin, readOnly.get().role(), tenant.database(), tenant.status(), undo);
                }
                long epoch = epochs.next(c);
                tenants.setStatus(c, tenant.id(), transition.target(), epoch);
                accounts.touchRouting(c, tenant.ownerId(), epoch);
                audit.record(c, tenant.ownerId(), transition.action(), logicalName, Map.of());
                return tenants.find(c, logicalName).orElseThrow();
              });
      LOG.info("{} tenant {}", transition.pastTense(), logicalName);
      return Tenant.of(row);
    } catch (RuntimeException e) {
      undo.undo();
      throw e;
    }
  }

  /**
   * Drops a tenant's database and role and forgets it; from any state. Nothing is changed when its
   * runtime role holds something outside its database (PostgreSQL would then refuse to drop the
   * role after the database is gone). Otherwise the tenant is first recorded as being dropped
   * (deleted, refusing connections, left out of settings changes and deployments), then its
   * database and role are dropped and its row removed; when a step fails, the next call finishes.
   *
   * @throws AdminException not found; conflict {@code tenant_role_in_use} (nothing changed);
   *     unavailable or refused when a step fails after the drop started
   */
  public void hardDelete(Caller caller, String logicalName) {
    Compensation undo = new Compensation();
    Dropping dropping;
    try {
      dropping = store.inTransaction(c -> startDrop(c, caller, logicalName, undo));
    } catch (RuntimeException e) {
      undo.undo();
      throw e;
    }
    try {
      dropping.drop().finish();
    } catch (AdminException e) {
      LOG.warn("hard delete of tenant {} stopped half-way: {}", logicalName, e.getMessage());
      throw e.reworded(
          "the hard delete of tenant "
              + logicalName
              + " stopped half-way (it stays deleted, refuses connections and is left out of"
              + " settings changes and deployments): "
              + e.getMessage(),
          "fix the cause, then run tdb tenants delete " + logicalName + " --hard again to finish");
    }
    TenantRow tenant = dropping.tenant();
    store.inTransaction(
        c -> {
          tenants.delete(c, tenant.id());
          dropOwnerRoleIfLast(c, dropping.admin(), tenant);
          accounts.touchRouting(c, tenant.ownerId(), epochs.next(c));
          audit.record(
              c, tenant.ownerId(), "tenant.drop", logicalName, Map.of("cluster", tenant.cluster()));
          return null;
        });
    LOG.info("dropped tenant {}", logicalName);
  }

  /** A tenant whose hard delete started, and the cluster steps that finish it. */
  private record Dropping(TenantRow tenant, ClusterAdmin admin, TenantDrop drop) {}

  private Dropping startDrop(Connection c, Caller caller, String logicalName, Compensation undo)
      throws SQLException {
    TenantRow tenant = owned.tenantForUpdate(c, caller, logicalName);
    ClusterAdmin admin = pools.admin(clusters.findById(c, tenant.clusterId()));
    TenantDrop drop = new TenantDrop(admin, logicalName, tenant.database(), tenant.role());
    drop.check();
    if (tenant.status() == RoutingEntry.Status.ACTIVE) {
      // Closes the window between the check and the drop to the tenant's own sessions.
      Transition.DELETE.apply(admin, tenant.role(), tenant.database(), tenant.status(), undo);
      Optional<ReadRole> readOnly = readRoles.find(c, tenant.id());
      if (readOnly.isPresent()) {
        Transition.DELETE.apply(
            admin, readOnly.get().role(), tenant.database(), tenant.status(), undo);
      }
    }
    long epoch = epochs.next(c);
    tenants.markDropping(c, tenant.id(), epoch);
    accounts.touchRouting(c, tenant.ownerId(), epoch);
    return new Dropping(tenant, admin, drop);
  }

  private void dropOwnerRoleIfLast(Connection c, ClusterAdmin admin, TenantRow tenant)
      throws SQLException {
    WorkspaceRow workspace = workspaces.find(c, tenant.workspace()).orElseThrow();
    boolean ownerStillNeeded =
        workspace.clusterId() == tenant.clusterId()
            || tenants.countOnCluster(c, tenant.blueprintId(), tenant.clusterId()) > 0;
    if (!ownerStillNeeded) {
      templates.drop(c, admin, tenant.blueprintId(), tenant.blueprint(), tenant.clusterId());
      admin.dropRoleIfUnused(Names.ownerRole(tenant.blueprint()));
    }
  }

  private void refuseWhileDropping(Connection c, TenantRow tenant) throws SQLException {
    if (tenants.dropping(c, tenant.id())) {
      throw new AdminException(
          AdminError.TENANT_DROPPING,
          "tenant "
              + tenant.logicalName()
              + " is being dropped: a hard delete started and did not finish",
          "finish it: tdb tenants delete " + tenant.logicalName() + " --hard");
    }
  }

  private void claimName(Connection c, String logical) throws SQLException {
    logicalNames.lock(c, logical);
    if (logicalNames.taken(c, logical)) {
      throw new AdminException(
          AdminError.TENANT_EXISTS,
          "logical database " + logical + " already exists",
          "tdb tenants list --blueprint " + logical.substring(0, logical.lastIndexOf("__")));
    }
  }

  private TenantRow draft(
      WorkspaceRow workspace,
      String name,
      String logical,
      ClusterRow cluster,
      String password,
      long epoch) {
    return new TenantRow(
        0,
        name,
        logical,
        workspace.blueprintId(),
        workspace.blueprint(),
        workspace.name(),
        workspace.ownerId(),
        cluster.id(),
        cluster.name(),
        logical,
        Names.runtimeRole(logical),
        box.seal(password, Names.secretContext(logical)),
        RoutingEntry.Status.ACTIVE,
        null,
        epoch,
        null,
        0,
        0);
  }
}
