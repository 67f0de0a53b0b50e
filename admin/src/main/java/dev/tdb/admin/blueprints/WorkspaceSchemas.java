/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.blueprints;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.clusters.AdvisoryLocks;
import dev.tdb.admin.clusters.ClusterAdmin;
import dev.tdb.admin.clusters.ClusterPools;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.BlueprintRepository;
import dev.tdb.admin.metadata.BlueprintRow;
import dev.tdb.admin.metadata.ChangeRow;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.security.SecretBox;
import dev.tdb.admin.sources.SourceGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes the schema of a tenant workspace on the caller's behalf, as the workspace's runtime role,
 * so that capture turns what it does into versions: reverting the newest pending change, and
 * importing a schema from a database or a starter template.
 */
public final class WorkspaceSchemas {
  /** The starter schemas shipped as resources {@code templates/<name>.sql}. */
  public static final List<String> TEMPLATES = List.of("saas", "ecommerce", "blog");

  /** The lock every capturing transaction takes before it records a command. */
  public static final int CAPTURE_LOCK = 2;

  private final MetadataStore store;
  private final ClusterPools pools;
  private final SecretBox box;
  private final BlueprintService blueprints;
  private final SourceGate sources;
  private final BlueprintRepository versions = new BlueprintRepository();
  private final ClusterRepository clusters = new ClusterRepository();

  /** Creates the service. */
  public WorkspaceSchemas(
      MetadataStore store,
      ClusterPools pools,
      SecretBox box,
      BlueprintService blueprints,
      SourceGate sources) {
    this.store = store;
    this.pools = pools;
    this.box = box;
    this.blueprints = blueprints;
    this.sources = sources;
  }

  /**
   * Undoes version {@code version} in the workspace with its inverse statement and skips both. Only
   * the newest version that is neither deployed nor skipped can be reverted, so nothing pending can
   * depend on what the inverse drops.
   *
   * @throws AdminException not found; conflict when it is deployed, skipped, not the newest pending
   *     version, or has no inverse; refused when PostgreSQL refuses the inverse
   */
  public Revert revert(Caller caller, String workspace, int version) {
    return store.inTransaction(
        c -> {
          WorkspaceRow ws = blueprints.tenantWorkspace(c, caller, workspace);
          try (Connection runtime = runtime(c, ws)) {
            runtime.setAutoCommit(false);
            holdCapture(runtime);
            BlueprintRow row = blueprints.refresh(c, blueprints.owned(c, caller, ws.blueprint()));
            ChangeRow target = revertible(c, row, workspace, version);
            String inverse = inverse(target, workspace);
            runInverse(runtime, ws, version, inverse);
            runtime.commit();
            BlueprintRow after = blueprints.refresh(c, row);
            ChangeRow inverseRow = captured(c, after, row.latestVersion(), inverse);
            versions.skip(c, row.id(), version);
            versions.skip(c, row.id(), inverseRow.version());
            return new Revert(view(c, after, version), view(c, after, inverseRow.version()));
          } catch (SQLException e) {
            throw admin(c, ws).translate(e);
          }
        });
  }

  /**
   * Applies a starter schema to the workspace.
   *
   * @throws AdminException invalid for an unknown template; refused when PostgreSQL refuses it
   */
  public SchemaImport loadTemplate(Caller caller, String workspace, String template) {
    if (!TEMPLATES.contains(template)) {
      throw AdminException.invalid("template", "must be one of " + TEMPLATES + ", got " + template);
    }
    return apply(caller, workspace, "template " + template, template(template));
  }

  /**
   * Reads the schema of the database at {@code url} from its catalogs ({@link
   * dev.tdb.admin.schema.SchemaReader}) and applies it to the workspace, when the source gate lets
   * the caller have it read.
   *
   * @throws AdminException invalid URL; what {@link SourceGate#admit} throws; conflict {@code
   *     source_too_old} for a server older than PostgreSQL 13; refused {@code
   *     source_connect_failed} when the source cannot be reached or refuses the login, refused when
   *     reading fails or PostgreSQL refuses a statement
   */
  public SchemaImport importDatabase(Caller caller, String workspace, String url) {
    SourceDatabase source = SourceDatabase.parse(url);
    store.inTransaction(c -> blueprints.tenantWorkspace(c, caller, workspace));
    return importDatabase(caller, workspace, sources.admit(caller, source.host()), url);
  }

  /**
   * {@link #importDatabase(Caller, String, String)} for a source that passed the gate already (the
   * schema step of an import), connecting where {@code admission} says.
   */
  public SchemaImport importDatabase(
      Caller caller, String workspace, SourceGate.Admission admission, String url) {
    SourceDatabase source = SourceDatabase.parse(url);
    String script = SourceSchema.read(source, admission.host());
    return apply(caller, workspace, "database " + source.describe(), script);
  }

  private SchemaImport apply(Caller caller, String workspace, String source, String script) {
    return store.inTransaction(
        c -> {
          WorkspaceRow ws = blueprints.tenantWorkspace(c, caller, workspace);
          BlueprintRow row;
          SchemaScript.Applied applied;
          try (Connection runtime = runtime(c, ws)) {
            runtime.setAutoCommit(false);
            holdCapture(runtime);
            row = blueprints.refresh(c, blueprints.owned(c, caller, ws.blueprint()));
            applied = SchemaScript.apply(runtime, script);
          } catch (SQLException e) {
            throw admin(c, ws).translate(e);
          }
          BlueprintRow after = blueprints.refresh(c, row);
          List<BlueprintVersion> added = new ArrayList<>();
          for (ChangeRow change :
              versions.changes(c, row.id(), row.latestVersion(), after.latestVersion())) {
            added.add(BlueprintVersion.of(change, after.deployedVersion(), 0));
          }
          return new SchemaImport(source, applied.applied(), applied.skipped(), added);
        });
  }

  private ChangeRow revertible(Connection c, BlueprintRow row, String workspace, int version)
      throws SQLException {
    List<ChangeRow> from = versions.changes(c, row.id(), version - 1, row.latestVersion());
    if (version < 1 || from.isEmpty() || from.get(0).version() != version) {
      throw AdminException.notFound(
          "version", Integer.toString(version), "tdb workspaces diff " + workspace);
    }
    ChangeRow target = from.get(0);
    if (version <= row.deployedVersion()) {
      throw new AdminException(
          AdminError.VERSION_DEPLOYED,
          "version " + version + " of blueprint " + row.name() + " is already deployed",
          "make a new change in " + workspace + " that undoes it");
    }
    if (target.skipped()) {
      throw new AdminException(
          AdminError.VERSION_SKIPPED,
          "version " + version + " of blueprint " + row.name() + " is skipped",
          "only a change in the deploy queue (tdb workspaces diff " + workspace + ") is reverted");
    }
    for (ChangeRow later : from.subList(1, from.size())) {
      if (!later.skipped()) {
        throw new AdminException(
            AdminError.NOT_LATEST_CHANGE,
            "version "
                + version
                + " is followed by version "
                + later.version()
                + " ("
                + later.commandTag()
                + "), which may depend on it",
            "revert or skip version " + later.version() + " first");
      }
    }
    return target;
  }

  /**
   * Takes, in {@code runtime}'s transaction, the advisory lock every capturing transaction takes
   * before it records a command (see workspace-catalog.sql): no other DDL can commit in the
   * workspace until this transaction has, so what is checked after it still holds when the
   * transaction's own DDL runs. Reverts and imports take it before the blueprint's row lock, the
   * order their DDL needs both in, so they never wait for each other in a cycle.
   */
  private void holdCapture(Connection runtime) throws SQLException {
    AdvisoryLocks.lockTransaction(runtime, CAPTURE_LOCK, pools.lockWait(), "capture");
  }

  private static String inverse(ChangeRow target, String workspace) {
    try {
      return Inverses.of(target);
    } catch (Inverses.NoInverse e) {
      throw new AdminException(
          AdminError.NO_INVERSE,
          "version "
              + target.version()
              + " ("
              + target.commandTag()
              + ") has no inverse: "
              + e.getMessage(),
          "undo it by hand in "
              + workspace
              + " and skip both versions with tdb workspaces diff-skip");
    }
  }

  private static void runInverse(Connection runtime, WorkspaceRow ws, int version, String inverse)
      throws SQLException {
    try (Statement statement = runtime.createStatement()) {
      statement.execute(inverse);
    } catch (SQLException e) {
      if (e.getSQLState() == null || e.getSQLState().startsWith("08")) {
        throw e;
      }
      throw new AdminException(
          AdminError.REVERT_REFUSED,
          "PostgreSQL refused "
              + inverse
              + ", the inverse of version "
              + version
              + ": "
              + e.getMessage()
              + " (SQLSTATE "
              + e.getSQLState()
              + ")",
          "objects made outside the blueprint may depend on it; undo it by hand in " + ws.name(),
          e);
    }
  }

  private ChangeRow captured(Connection c, BlueprintRow after, int before, String sql)
      throws SQLException {
    for (ChangeRow change : versions.changes(c, after.id(), before, after.latestVersion())) {
      if (change.sql().equals(sql)) {
        return change;
      }
    }
    throw new IllegalStateException("the inverse " + sql + " was not captured in " + after.name());
  }

  private BlueprintVersion view(Connection c, BlueprintRow row, int version) throws SQLException {
    ChangeRow change = versions.changes(c, row.id(), version - 1, version).get(0);
    return BlueprintVersion.of(change, row.deployedVersion(), 0);
  }

  private Connection runtime(Connection c, WorkspaceRow ws) throws SQLException {
    ClusterRow cluster = clusters.findById(c, ws.clusterId());
    return pools.connectAs(
        cluster,
        ws.database(),
        ws.role(),
        box.open(ws.passwordSealed(), Names.secretContext(ws.name())));
  }

  private ClusterAdmin admin(Connection c, WorkspaceRow ws) throws SQLException {
    return pools.admin(clusters.findById(c, ws.clusterId()));
  }

  private static String template(String name) {
    String resource = "templates/" + name + ".sql";
    try (InputStream in = WorkspaceSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
