/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.routing;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.AccountRepository;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.CredentialLoginRepository;
import dev.tdb.admin.metadata.CredentialRepository;
import dev.tdb.admin.metadata.CredentialRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.core.routing.RoutingEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routing entries: where a logical database lives and the runtime role credentials to reach it,
 * given only to the account that owns it, and to the data-plane credentials it issued for it.
 */
public final class RoutingService {
  private final MetadataStore store;
  private final SecretBox box;
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final ClusterRepository clusters = new ClusterRepository();
  private final AccountRepository accounts = new AccountRepository();
  private final CredentialRepository credentials = new CredentialRepository();
  private final CredentialLoginRepository logins = new CredentialLoginRepository();
  private final CredentialLogins credentialLogins;

  /** Creates the service; {@code box} opens the runtime role passwords. */
  public RoutingService(MetadataStore store, SecretBox box, ClusterPools pools) {
    this.store = store;
    this.box = box;
    this.credentialLogins = new CredentialLogins(pools, box, new ReadOnlyRoles(pools, box));
  }

  /**
   * The caller's entry for {@code logicalName}: a workspace or a tenant (also a soft-deleted one).
   *
   * @throws AdminException (not found) when the caller owns no such logical database
   */
  public RoutingEntry entry(Caller caller, String logicalName) {
    if (caller.credentialId() != null) {
      return credentialEntry(
          c ->
              credentials
                  .findActive(c, caller.credentialId())
                  .map(row -> new Holder(row, caller.secretId())),
          logicalName);
    }
    return entry(caller.ownerId(), logicalName);
  }

  /**
   * The entry of {@code logicalName} when account {@code account} owns it, for the proxy, which
   * authenticated that account's client itself.
   *
   * @throws AdminException (forbidden) when the caller is not an admin; (not found) when the
   *     account does not exist or does not own such a logical database
   */
  public RoutingEntry entryOnBehalfOf(Caller proxy, String account, String logicalName) {
    proxy.requireAdmin("read routing entries on behalf of accounts");
    if (DataCredentials.isUser(account)) {
      // The proxy authenticated the client itself and holds the login for it: the newest secret's.
      return credentialEntry(c -> newest(c, credentials.findByUser(c, account)), logicalName);
    }
    long ownerId =
        store
            .inTransaction(c -> accounts.findByUser(c, account))
            .orElseThrow(() -> notFound(logicalName))
            .id();
    return entry(ownerId, logicalName);
  }

  private RoutingEntry entry(long ownerId, String logicalName) {
    return store.inTransaction(
        c -> {
          Map<Long, ClusterRow> cache = new HashMap<>();
          Optional<WorkspaceRow> workspace =
              workspaces.find(c, logicalName).filter(row -> row.ownerId() == ownerId);
          if (workspace.isPresent()) {
            return entry(workspace.get(), cluster(c, cache, workspace.get().clusterId()));
          }
          TenantRow tenant =
              tenants
                  .find(c, logicalName)
                  .filter(row -> row.ownerId() == ownerId)
                  .orElseThrow(() -> notFound(logicalName));
          WorkspaceRow settingsSource = workspaces.find(c, tenant.workspace()).orElseThrow();
          return entry(tenant, settingsSource, cluster(c, cache, tenant.clusterId()));
        });
  }

  private static AdminException notFound(String logicalName) {
    return AdminException.notFound("logical_database", logicalName, "tdb tenants list");
  }

  /** Every entry the caller owns, with the epoch of the latest change to any of them. */
  public RoutingTable table(Caller caller) {
    if (caller.credentialId() != null) {
      return credentialTable(caller.credentialId(), caller.secretId());
    }
    long ownerId = caller.ownerId();
    return store.inTransaction(
        c -> {
          Map<Long, ClusterRow> cache = new HashMap<>();
          Map<String, WorkspaceRow> byName = new HashMap<>();
          List<RoutingEntry> entries = new ArrayList<>();
          for (WorkspaceRow row : workspaces.allOwnedBy(c, ownerId)) {
            byName.put(row.name(), row);
            entries.add(entry(row, cluster(c, cache, row.clusterId())));
          }
          for (TenantRow row : tenants.allOwnedBy(c, ownerId)) {
            entries.add(
                entry(row, byName.get(row.workspace()), cluster(c, cache, row.clusterId())));
          }
          entries.sort(Comparator.comparing(RoutingEntry::logicalName));
          return new RoutingTable(accounts.routingEpoch(c, ownerId), entries);
        });
  }

  /**
   * A credential and the secret it authenticated with.
   *
   * @param credential the credential
   * @param secretId the key of its secret
   */
  private record Holder(CredentialRow credential, long secretId) {}

  /** Finds the credential a lookup is for, if it exists and is not revoked. */
  @FunctionalInterface
  private interface HolderFinder {
    Optional<Holder> find(Connection c) throws SQLException;
  }

  private Optional<Holder> newest(Connection c, Optional<CredentialRow> credential)
      throws SQLException {
    if (credential.isEmpty()) {
      return Optional.empty();
    }
    return logins.validSecrets(c, credential.get().id()).stream()
        .findFirst()
        .map(secret -> new Holder(credential.get(), secret.id()));
  }

  /**
   * A tenant's entry for a data-plane credential: only tenants of its blueprint (those it lists,
   * when it lists any), never a workspace; it carries the login role of the credential's secret,
   * which is a member of the tenant's runtime role (of its read-only role, for a read-only
   * credential) and whose password is no other role's.
   */
  private RoutingEntry credentialEntry(HolderFinder finder, String logicalName) {
    return store.inTransaction(
        c -> {
          Holder holder = finder.find(c).orElseThrow(() -> notFound(logicalName));
          Optional<TenantRow> tenant = tenants.find(c, logicalName);
          if (tenant.isEmpty() || !reaches(c, holder.credential(), tenant.get())) {
            throw notFound(logicalName);
          }
          return credentialEntry(c, holder, tenant.get(), new HashMap<>());
        });
  }

  private RoutingTable credentialTable(long credentialId, long secretId) {
    return store.inTransaction(
        c -> {
          CredentialRow credential =
              credentials.findActive(c, credentialId).orElseThrow(() -> notFound("*"));
          Holder holder = new Holder(credential, secretId);
          Map<Long, ClusterRow> cache = new HashMap<>();
          List<RoutingEntry> entries = new ArrayList<>();
          for (TenantRow tenant : tenants.ofBlueprint(c, credential.blueprintId())) {
            if (reaches(c, credential, tenant)) {
              entries.add(credentialEntry(c, holder, tenant, cache));
            }
          }
          return new RoutingTable(accounts.routingEpoch(c, credential.accountId()), entries);
        });
  }

  private boolean reaches(Connection c, CredentialRow credential, TenantRow tenant)
      throws SQLException {
    return tenant.blueprintId() == credential.blueprintId()
        && (credential.allTenants() || credentials.listsTenant(c, credential.id(), tenant.id()));
  }

  private RoutingEntry credentialEntry(
      Connection c, Holder holder, TenantRow tenant, Map<Long, ClusterRow> cache)
      throws SQLException {
    WorkspaceRow workspace = workspaces.find(c, tenant.workspace()).orElseThrow();
    ClusterRow cluster = cluster(c, cache, tenant.clusterId());
    RoutingEntry entry = entry(tenant, workspace, cluster);
    ReadOnlyRoles.Login login =
        credentialLogins.login(
            c, holder.credential(), holder.secretId(), tenant, workspace, cluster);
    return new RoutingEntry(
        entry.logicalName(),
        entry.mode(),
        entry.workspace(),
        entry.status(),
        entry.host(),
        entry.port(),
        entry.sslMode(),
        entry.database(),
        login.role(),
        login.password(),
        entry.settings(),
        entry.epoch());
  }

  private RoutingEntry entry(WorkspaceRow row, ClusterRow cluster) {
    return new RoutingEntry(
        row.name(),
        RoutingEntry.Mode.of(row.mode()),
        row.name(),
        RoutingEntry.Status.ACTIVE,
        cluster.host(),
        cluster.port(),
        cluster.sslMode(),
        row.database(),
        row.role(),
        box.open(row.passwordSealed(), Names.secretContext(row.name())),
        row.settings(),
        row.epoch());
  }

  private RoutingEntry entry(TenantRow row, WorkspaceRow workspace, ClusterRow cluster) {
    return new RoutingEntry(
        row.logicalName(),
        RoutingEntry.Mode.TENANT,
        row.workspace(),
        row.status(),
        cluster.host(),
        cluster.port(),
        cluster.sslMode(),
        row.database(),
        row.role(),
        box.open(row.passwordSealed(), Names.secretContext(row.logicalName())),
        workspace.settings(),
        row.epoch());
  }

  private ClusterRow cluster(Connection c, Map<Long, ClusterRow> cache, long id)
      throws SQLException {
    ClusterRow row = cache.get(id);
    if (row == null) {
      row = clusters.findById(c, id);
      cache.put(id, row);
    }
    return row;
  }
}
