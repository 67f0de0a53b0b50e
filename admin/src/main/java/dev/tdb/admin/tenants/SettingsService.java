/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.tenants;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.clusters.Compensation;
import dev.tdb.admin.clusters.CredentialRoles;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AccountRepository;
import dev.tdb.admin.metadata.AuditRepository;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.CredentialLoginRepository;
import dev.tdb.admin.metadata.CredentialLoginRepository.Member;
import dev.tdb.admin.metadata.Epochs;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.ReadRoleRepository;
import dev.tdb.admin.metadata.ReadRoleRepository.ReadRole;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.core.settings.InvalidSettingException;
import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workspace's settings: validated by core's {@link Setting}, stored, and applied on the servers
 * to the workspace's runtime role and to every runtime role of its blueprint's tenants.
 */
public final class SettingsService {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final RoleChecks roleChecks;
  private final OwnedLookup owned = new OwnedLookup();
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final ReadRoleRepository readRoles = new ReadRoleRepository();
  private final CredentialLoginRepository logins = new CredentialLoginRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final AccountRepository accounts = new AccountRepository();
  private final Epochs epochs = new Epochs();
  private final AuditRepository audit = new AuditRepository();

  /** Creates the service; {@code roleChecks} re-asserts the tenants' roles after a change. */
  public SettingsService(MetadataStore store, ClusterPools pools, RoleChecks roleChecks) {
    this.store = store;
    this.pools = pools;
    this.roleChecks = roleChecks;
  }

  /** The settings of the caller's workspace {@code workspace}. */
  public WorkspaceSettings get(Caller caller, String workspace) {
    return store.inTransaction(c -> owned.workspace(c, caller, workspace)).settings();
  }

  /**
   * Changes some settings and re-applies them to every runtime role of the workspace. When a server
   * fails half-way, the roles already changed get their old values back.
   *
   * @throws AdminException invalid (the message names key and range), not found, unavailable
   */
  public WorkspaceSettings update(Caller caller, String workspace, Map<String, ?> changes) {
    if (changes.isEmpty()) {
      throw AdminException.invalid("settings", "must change at least one of " + Setting.keys());
    }
    Compensation undo = new Compensation();
    AtomicReference<Long> blueprintId = new AtomicReference<>();
    WorkspaceSettings updated;
    try {
      updated =
          store.inTransaction(
              c -> {
                WorkspaceRow row = owned.workspace(c, caller, workspace);
                workspaces.lockExclusive(c, row.id());
                blueprintId.set(row.blueprintId());
                WorkspaceSettings next = changed(row.settings(), changes);
                if (changes.containsKey(Setting.MAX_CONNECTIONS.key())) {
                  checkBudgets(c, row, next);
                }
                applyEverywhere(c, row, next, undo);
                long epoch = epochs.next(c);
                workspaces.updateSettings(c, row.id(), next, epoch);
                if (row.blueprintId() != null) {
                  tenants.touchBlueprint(c, row.blueprintId(), epoch);
                }
                accounts.touchRouting(c, row.ownerId(), epoch);
                audit.record(
                    c, row.ownerId(), "workspace.settings", workspace, new HashMap<>(changes));
                return next;
              });
    } catch (RuntimeException e) {
      undo.undo();
      throw e;
    }
    LOG.info("changed settings of workspace {}: {}", workspace, changes.keySet());
    if (blueprintId.get() != null) {
      // Also drops settings a role gave itself and restores a password it changed.
      roleChecks.checkBlueprint(blueprintId.get());
    }
    return updated;
  }

  private static WorkspaceSettings changed(WorkspaceSettings current, Map<String, ?> changes) {
    WorkspaceSettings next = current;
    try {
      for (Map.Entry<String, ?> change : changes.entrySet()) {
        next = next.with(Setting.fromKey(change.getKey()), change.getValue());
      }
    } catch (InvalidSettingException e) {
      throw AdminException.invalid(e.key(), e.getMessage(), "settings are " + Setting.keys());
    }
    return next;
  }

  private void applyEverywhere(
      Connection c, WorkspaceRow row, WorkspaceSettings next, Compensation undo)
      throws SQLException {
    WorkspaceSettings old = row.settings();
    ClusterAdmin home = pools.admin(clusters.findById(c, row.clusterId()));
    home.applyLimits(row.role(), row.database(), next);
    undo.add(
        "restore limits of " + row.role(), () -> home.applyLimits(row.role(), row.database(), old));
    if (row.blueprintId() == null) {
      return;
    }
    Map<Long, ClusterAdmin> admins = new HashMap<>();
    for (TenantRow tenant : tenants.ofBlueprint(c, row.blueprintId())) {
      ClusterAdmin admin = admins.get(tenant.clusterId());
      if (admin == null) {
        admin = pools.admin(clusters.findById(c, tenant.clusterId()));
        admins.put(tenant.clusterId(), admin);
      }
      applyToTenant(admin, tenant, old, next, undo);
      applyToReadRole(c, admin, tenant, old, next, undo);
      applyToLogins(c, admin, tenant, old, next, undo);
    }
  }

  /** Credential logins carry the runtime role's settings themselves: settings are not inherited. */
  private void applyToLogins(
      Connection c,
      ClusterAdmin admin,
      TenantRow tenant,
      WorkspaceSettings old,
      WorkspaceSettings next,
      Compensation undo)
      throws SQLException {
    CredentialRoles roles = admin.credentialRoles();
    for (Member member : logins.membersOf(c, tenant.id(), tenant.clusterId())) {
      String login = DataCredentials.loginRole(member.user(), member.secretId());
      CredentialRoles.Access access =
          member.readOnly() ? CredentialRoles.Access.READ_ONLY : CredentialRoles.Access.READ_WRITE;
      roles.applySettings(login, tenant.database(), next, access);
      undo.add(
          "restore settings of " + login,
          () -> roles.applySettings(login, tenant.database(), old, access));
    }
  }

  /** The read-only role has the runtime role's limits; it has no TEMPORARY and no guards. */
  private void applyToReadRole(
      Connection c,
      ClusterAdmin admin,
      TenantRow tenant,
      WorkspaceSettings old,
      WorkspaceSettings next,
      Compensation undo)
      throws SQLException {
    Optional<ReadRole> readOnly = readRoles.find(c, tenant.id());
    if (readOnly.isPresent()) {
      String role = readOnly.get().role();
      admin.applyLimits(role, tenant.database(), next);
      undo.add("restore limits of " + role, () -> admin.applyLimits(role, tenant.database(), old));
    }
  }

  private static void applyToTenant(
      ClusterAdmin admin,
      TenantRow tenant,
      WorkspaceSettings old,
      WorkspaceSettings next,
      Compensation undo) {
    admin.applyLimits(tenant.role(), tenant.database(), next);
    undo.add(
        "restore limits of " + tenant.role(),
        () -> admin.applyLimits(tenant.role(), tenant.database(), old));
    admin.applyTemporary(tenant.database(), tenant.role(), next);
    undo.add(
        "restore TEMPORARY of " + tenant.role(),
        () -> admin.applyTemporary(tenant.database(), tenant.role(), old));
    String owner = Names.ownerRole(tenant.blueprint());
    admin.applyGuards(tenant.database(), owner, tenant.role(), next);
    undo.add(
        "restore advisory locks of " + tenant.role(),
        () -> admin.applyGuards(tenant.database(), owner, tenant.role(), old));
  }

  /**
   * Refuses a {@code max_connections} beyond the budget of the workspace's cluster or of any
   * cluster that hosts one of its tenants, before anything is changed.
   */
  private void checkBudgets(Connection c, WorkspaceRow row, WorkspaceSettings next)
      throws SQLException {
    Set<Long> clusterIds = new LinkedHashSet<>();
    clusterIds.add(row.clusterId());
    if (row.blueprintId() != null) {
      for (TenantRow tenant : tenants.ofBlueprint(c, row.blueprintId())) {
        clusterIds.add(tenant.clusterId());
      }
    }
    for (long id : clusterIds) {
      ClusterRow cluster = clusters.findById(c, id);
      pools.admin(cluster).budget().check(cluster.name(), next.maxConnections());
    }
  }
}
