/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blueprints and their versions. Each read first imports what the workspace's capture catalog
 * recorded since the last import, so a committed DDL is a version as soon as anyone looks.
 */
public final class BlueprintService {
  private static final Logger LOG = LoggerFactory.getLogger(BlueprintService.class);

  private final MetadataStore store;
  private final ClusterPools pools;
  private final BlueprintRepository blueprints = new BlueprintRepository();
  private final WorkspaceRepository workspaces = new WorkspaceRepository();
  private final ClusterRepository clusters = new ClusterRepository();

  /** Creates the service. */
  public BlueprintService(MetadataStore store, ClusterPools pools) {
    this.store = store;
    this.pools = pools;
  }

  /** The caller's blueprints, by name. */
  public Page<Blueprint> list(Caller caller) {
    return store.inTransaction(
        c -> {
          List<Blueprint> items = new ArrayList<>();
          for (BlueprintRow row : blueprints.allOwnedBy(c, caller.ownerId())) {
            items.add(view(c, refresh(c, row)));
          }
          return new Page<>(items, null);
        });
  }

  /** The caller's blueprint {@code name}. */
  public Blueprint get(Caller caller, String name) {
    return store.inTransaction(c -> view(c, refresh(c, owned(c, caller, name))));
  }

  /** Every version of the caller's blueprint {@code name}, oldest first. */
  public Page<BlueprintVersion> versions(Caller caller, String name) {
    return store.inTransaction(c -> versionsAfter(c, refresh(c, owned(c, caller, name)), 0));
  }

  /** The deploy queue: versions of a workspace's blueprint not yet released and not skipped. */
  public Page<BlueprintVersion> diff(Caller caller, String workspace) {
    return store.inTransaction(
        c -> {
          BlueprintRow row = refresh(c, ofWorkspace(c, caller, workspace));
          List<BlueprintVersion> queued = new ArrayList<>();
          for (BlueprintVersion version : versionsAfter(c, row, row.deployedVersion()).items()) {
            if (!version.skipped()) {
              queued.add(version);
            }
          }
          return new Page<>(queued, null);
        });
  }

  /**
   * Drops a version that no deployment has released from the deploy queue.
   *
   * @throws AdminException not found, conflict when it was already released
   */
  public BlueprintVersion skip(Caller caller, String workspace, int version) {
    return store.inTransaction(
        c -> {
          BlueprintRow row = refresh(c, ofWorkspace(c, caller, workspace));
          if (version <= row.deployedVersion() && version >= 1) {
            throw new AdminException(
                AdminError.VERSION_DEPLOYED,
                "version " + version + " of blueprint " + row.name() + " is already deployed",
                "make a new change in " + workspace + " that undoes it");
          }
          if (!blueprints.skip(c, row.id(), version)) {
            throw AdminException.notFound(
                "version", Integer.toString(version), "tdb workspaces diff " + workspace);
          }
          return versionsAfter(c, row, version - 1).items().get(0);
        });
  }

  /** Installs DDL capture in a workspace database (idempotent). */
  public static void installCapture(ClusterAdmin admin, String database) {
    try (Connection connection = admin.connect(database)) {
      Catalogs.installWorkspace(connection, admin.lockWait());
    } catch (SQLException e) {
      throw admin.translate(e);
    }
  }

  /** Installs or refreshes capture in every tenant workspace; failures are logged and skipped. */
  public void installEverywhere() {
    List<WorkspaceRow> targets =
        store.inTransaction(
            c -> {
              List<WorkspaceRow> rows = new ArrayList<>();
              for (BlueprintRow row : blueprints.all(c)) {
                rows.add(workspaces.find(c, row.workspace()).orElseThrow());
              }
              return rows;
            });
    for (WorkspaceRow workspace : targets) {
      try {
        ClusterAdmin admin =
            pools.admin(store.inTransaction(c -> clusters.findById(c, workspace.clusterId())));
        installCapture(admin, workspace.database());
      } catch (RuntimeException e) {
        LOG.warn("cannot install DDL capture in {}: {}", workspace.name(), e.getMessage());
      }
    }
  }

  /**
   * Imports new captured changes as versions, under the blueprint's lock (held until {@code c}'s
   * transaction ends), and returns the blueprint as it is now.
   */
  public BlueprintRow refresh(Connection c, BlueprintRow row) throws SQLException {
    blueprints.lock(c, row.id());
    BlueprintRow locked = blueprints.find(c, row.name()).orElseThrow();
    WorkspaceRow workspace = workspaces.find(c, locked.workspace()).orElseThrow();
    ClusterAdmin admin = pools.admin(clusters.findById(c, workspace.clusterId()));
    List<CapturedCommand> commands =
        CaptureReader.read(admin, workspace.database(), locked.importedThrough());
    if (commands.isEmpty()) {
      return locked;
    }
    int version = locked.latestVersion();
    for (CapturedChange change : ChangeCutter.cut(commands)) {
      version++;
      blueprints.addVersion(c, locked.id(), version, change.sourceId(), row(version, change));
    }
    blueprints.markImported(c, locked.id(), commands.get(commands.size() - 1).id());
    LOG.info("blueprint {} is at version {}", locked.name(), version);
    return blueprints.find(c, row.name()).orElseThrow();
  }

  /** The caller's blueprint {@code name}, or not found. */
  public BlueprintRow owned(Connection c, Caller caller, String name) throws SQLException {
    return blueprints
        .find(c, name)
        .filter(row -> row.ownerId() == caller.ownerId())
        .orElseThrow(() -> AdminException.notFound("blueprint", name, "tdb blueprints list"));
  }

  private BlueprintRow ofWorkspace(Connection c, Caller caller, String workspace)
      throws SQLException {
    return owned(c, caller, tenantWorkspace(c, caller, workspace).blueprint());
  }

  /** The caller's tenant workspace {@code workspace}; not found, or conflict for a control one. */
  WorkspaceRow tenantWorkspace(Connection c, Caller caller, String workspace) throws SQLException {
    WorkspaceRow row =
        workspaces
            .find(c, workspace)
            .filter(w -> w.ownerId() == caller.ownerId())
            .orElseThrow(
                () -> AdminException.notFound("workspace", workspace, "tdb workspaces list"));
    if (row.blueprint() == null) {
      throw new AdminException(
          AdminError.NOT_A_TENANT_WORKSPACE,
          "workspace " + workspace + " is a control workspace and has no blueprint",
          "tdb workspaces list");
    }
    return row;
  }

  private Blueprint view(Connection c, BlueprintRow row) throws SQLException {
    long ready =
        blueprints.changes(c, row.id(), row.deployedVersion(), row.latestVersion()).stream()
            .filter(change -> !change.skipped())
            .count();
    long atLatest = blueprints.tenantsAtLeast(c, row.id(), row.latestVersion());
    return Blueprint.of(row, ready, atLatest);
  }

  private Page<BlueprintVersion> versionsAfter(Connection c, BlueprintRow row, int after)
      throws SQLException {
    List<BlueprintVersion> items = new ArrayList<>();
    for (ChangeRow change : blueprints.changes(c, row.id(), after, row.latestVersion())) {
      long tenants = blueprints.tenantsAtLeast(c, row.id(), change.version());
      items.add(BlueprintVersion.of(change, row.deployedVersion(), tenants));
    }
    return new Page<>(items, null);
  }

  private static ChangeRow row(int version, CapturedChange change) {
    return new ChangeRow(
        version,
        change.sql(),
        change.commandTag(),
        change.objectIdentity(),
        change.role(),
        change.capturedAt(),
        change.nonTransactional(),
        false);
  }
}
