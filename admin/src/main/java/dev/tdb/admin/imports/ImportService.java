/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.MetadataStore;
import dev.tdb.admin.metadata.RunStatus;
import dev.tdb.admin.metadata.TenantRepository;
import dev.tdb.admin.metadata.TenantRunStatus;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.sources.SourceGate;
import dev.tdb.admin.tenants.Workspace;
import dev.tdb.admin.tenants.WorkspaceService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Imports a shared single-database SaaS, in which every tenant table has a routing column, into a
 * blueprint and one database per tenant. Everything that can be known before writing is checked
 * before writing; then the work runs in the background and {@link #status} reports it.
 */
public final class ImportService {
  private static final String ROUTING_CONSTRAINTS =
      "SELECT con.conrelid::regclass::text, con.conname FROM pg_constraint con"
          + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)"
          + " WHERE a.attname = ? AND con.contype IN ('p', 'u', 'f', 'x') ORDER BY 1, 2";

  private static final String PASSWORD_CONTEXT = "import-source";

  private final MetadataStore store;
  private final WorkspaceService workspaces;
  private final ImportServices services;
  private final ImportRepository imports = new ImportRepository();
  private final TenantRepository tenants = new TenantRepository();
  private final ExecutorService background =
      Executors.newCachedThreadPool(
          r -> {
            Thread thread = new Thread(r, "tdb-import");
            thread.setDaemon(true);
            return thread;
          });

  /** Creates the service over the services an import drives. */
  public ImportService(WorkspaceService workspaces, ImportServices services) {
    this.store = services.store();
    this.workspaces = workspaces;
    this.services = services;
  }

  /**
   * Reads the source in one snapshot and reports what an import would do, changing nothing.
   *
   * @throws AdminException what {@link SourceGate#admit} throws (member account, host not allowed,
   *     too many asks); not found (workspace, routing field); refused {@code source_connect_failed}
   */
  public Analysis analyze(
      Caller caller,
      String workspace,
      ImportSource source,
      String field,
      Map<String, String> tenantMap) {
    SourceGate.Admission admission = services.sources().admit(caller, source.host());
    String blueprint = blueprintOf(caller, workspace);
    checkTenantMap(blueprint, tenantMap);
    try (Snapshot snapshot = Snapshot.open(source.at(admission.host()))) {
      Analysis analysis =
          Analyzer.analyze(
              snapshot.connection(),
              SourceCatalog.read(snapshot.connection(), field),
              source.describe(),
              field,
              tenantMap);
      checkMappedValues(analysis, tenantMap);
      return analysis.withFreeSpace(
          FreeSpace.of(services, workspaceCluster(workspace), analysis.totalBytes()));
    } catch (SQLException e) {
      throw sourceFailure(source, e);
    }
  }

  /**
   * ImportChecks the request against the source and the tenants, then starts the import in the
   * background; the answer shows it running.
   *
   * @throws AdminException what {@link #analyze} throws; conflict for name collisions, NULL routing
   *     values, cross-tenant foreign keys, a routing column in a constraint that would be dropped,
   *     tenants that exist or are missing against the request; invalid for unknown tenants
   */
  public ImportStatus start(Caller caller, String workspace, ImportRequest request) {
    return start(caller, workspace, request, false);
  }

  /**
   * {@link #start(Caller, String, ImportRequest)}; with {@code resuming}, the chosen tenants that
   * are suspended were held back by the import being resumed, and are let in once their data
   * commits.
   */
  private ImportStatus start(
      Caller caller, String workspace, ImportRequest request, boolean resuming) {
    SourceGate.Admission admission = services.sources().admit(caller, request.source().host());
    String blueprint = blueprintOf(caller, workspace);
    checkTenantMap(blueprint, request.tenantMap());
    WorkspaceRow control =
        request.shared() == ImportRequest.Shared.CONTROL
            ? controlWorkspace(caller, request.controlWorkspace())
            : null;
    Snapshot snapshot;
    try {
      snapshot = Snapshot.open(request.source().at(admission.host()));
    } catch (SQLException e) {
      throw sourceFailure(request.source(), e);
    }
    try {
      SourceCatalog catalog = SourceCatalog.read(snapshot.connection(), request.routingField());
      Analysis analysis =
          Analyzer.analyze(
              snapshot.connection(),
              catalog,
              request.source().describe(),
              request.routingField(),
              request.tenantMap());
      List<Analysis.TenantValue> chosen = chooseTenants(snapshot.connection(), request, analysis);
      List<String> existing = existing(blueprint, chosen);
      ImportChecks.tenants(request, chosen, existing);
      FreeSpace.require(
          FreeSpace.of(services, workspaceCluster(workspace), needed(analysis, chosen, request)),
          services.freeSpaceReserve());
      if (request.kind() == ImportRequest.Kind.FULL) {
        new SchemaStep(services).apply(caller, workspace, request, catalog, admission);
      }
      long id = record(caller, workspace, request, analysis, chosen);
      ImportRun run =
          new ImportRun(
              services, imports, id, caller, blueprint, request, snapshot, catalog, analysis,
              control);
      background.execute(() -> run.run(chosen, existing, resuming));
      return status(caller, id);
    } catch (SQLException e) {
      closeQuietly(snapshot);
      throw sourceFailure(request.source(), e);
    } catch (RuntimeException e) {
      closeQuietly(snapshot);
      throw e;
    }
  }

  /**
   * The tenants the import takes, once the source passed the checks of its own: mapped values,
   * collisions, NULL routing values, cross-tenant keys and constraints on a dropped routing column.
   */
  private List<Analysis.TenantValue> chooseTenants(
      Connection source, ImportRequest request, Analysis analysis) throws SQLException {
    checkMappedValues(analysis, request.tenantMap());
    List<Analysis.TenantValue> chosen = ImportChecks.chosen(analysis, request);
    if (request.kind() == ImportRequest.Kind.FULL
        && request.routing() == ImportRequest.RoutingColumn.DROP) {
      refuseRoutingInConstraints(source, request.routingField());
    }
    return chosen;
  }

  /** Records the import, its options (the source password sealed) and its tenants; its id. */
  private long record(
      Caller caller,
      String workspace,
      ImportRequest request,
      Analysis analysis,
      List<Analysis.TenantValue> chosen) {
    long shared =
        request.shared() == ImportRequest.Shared.COPY
            ? analysis.sharedTables().stream().mapToLong(Analysis.Table::rows).sum()
            : 0;
    return store.inTransaction(
        c -> {
          long created =
              imports.insert(
                  c,
                  caller.ownerId(),
                  workspace,
                  request.kind().name().toLowerCase(Locale.ROOT),
                  request.source().describe(),
                  request.routingField());
          imports.options(
              c,
              created,
              StoredRequest.write(request),
              request.source().password() == null
                  ? null
                  : services.box().seal(request.source().password(), PASSWORD_CONTEXT));
          for (Analysis.TenantValue value : chosen) {
            imports.addTenant(c, created, value.tenant(), value.value(), value.rows() + shared);
          }
          return created;
        });
  }

  /**
   * Imports the failed and pending tenants of the caller's finished import {@code id} again, with
   * the options it was started with, as a new import of their data into tenants that may exist.
   *
   * @throws AdminException not found; conflict {@code import_not_resumable} while it runs, when it
   *     succeeded, or when it kept no options; what {@link #start} throws
   */
  public ImportStatus resume(Caller caller, long id) {
    ImportStatus status = status(caller, id);
    if (status.status() != RunStatus.FAILED) {
      throw new AdminException(
          AdminError.IMPORT_NOT_RESUMABLE,
          "import " + id + " is " + status.status() + "; only a failed import is resumed",
          status.status() == RunStatus.RUNNING
              ? "wait for it to end: tdb workspaces import-status --import-id " + id
              : "nothing is left to import");
    }
    List<String> left =
        status.tenants().stream()
            .filter(
                t -> t.status() == TenantRunStatus.FAILED || t.status() == TenantRunStatus.PENDING)
            .map(ImportStatus.TenantStatus::tenant)
            .toList();
    ImportRepository.Stored stored =
        store.inTransaction(c -> imports.stored(c, caller.ownerId(), id)).orElseThrow();
    if (stored.options() == null || left.isEmpty()) {
      throw new AdminException(
          AdminError.IMPORT_NOT_RESUMABLE,
          "import "
              + id
              + (left.isEmpty()
                  ? " failed before it recorded its tenants"
                  : " kept no options to resume with"),
          "start it again with tdb workspaces import-data --into-existing");
    }
    String password =
        stored.passwordSealed() == null
            ? null
            : services.box().open(stored.passwordSealed(), PASSWORD_CONTEXT);
    return start(
        caller,
        status.workspace(),
        StoredRequest.resume(stored.options(), password, left, stored.sharedCopied()),
        true);
  }

  /**
   * The caller's import {@code id}.
   *
   * @throws AdminException not found
   */
  public ImportStatus status(Caller caller, long id) {
    return store.inTransaction(
        c ->
            imports
                .find(c, caller.ownerId(), id)
                .orElseThrow(
                    () ->
                        AdminException.notFound(
                            "import", Long.toString(id), "the id import-full printed")));
  }

  private String blueprintOf(Caller caller, String workspace) {
    Workspace ws = workspaces.get(caller, workspace);
    if (ws.blueprint() == null) {
      throw AdminException.invalid(
          "workspace", workspace + " is a control workspace; import into a tenant workspace");
    }
    return ws.blueprint();
  }

  /**
   * The control workspace {@code name} of the caller.
   *
   * @throws AdminException not found, or conflict {@code not_control_workspace} for a tenant
   *     workspace
   */
  private WorkspaceRow controlWorkspace(Caller caller, String name) {
    Workspace ws = workspaces.get(caller, name);
    if (ws.blueprint() != null) {
      throw new AdminException(
          AdminError.NOT_CONTROL_WORKSPACE,
          "workspace " + name + " is a tenant workspace; shared tables go to a control workspace",
          "create one with tdb workspaces create <name>_workspace --mode control");
    }
    return store.inTransaction(c -> new WorkspaceRepository().find(c, name).orElseThrow());
  }

  private ClusterRow workspaceCluster(String workspace) {
    return store.inTransaction(
        c ->
            new ClusterRepository()
                .findById(
                    c, new WorkspaceRepository().find(c, workspace).orElseThrow().clusterId()));
  }

  /** The bytes the import writes: the chosen tenants' share of the routed tables, and shared. */
  private static long needed(
      Analysis analysis, List<Analysis.TenantValue> chosen, ImportRequest request) {
    long routedBytes = analysis.routedTables().stream().mapToLong(Analysis.Table::bytes).sum();
    long routedRows = analysis.routedTables().stream().mapToLong(Analysis.Table::rows).sum();
    long chosenRows = chosen.stream().mapToLong(Analysis.TenantValue::rows).sum();
    long routed = routedRows == 0 ? 0 : (long) ((double) routedBytes * chosenRows / routedRows);
    long sharedBytes = analysis.sharedTables().stream().mapToLong(Analysis.Table::bytes).sum();
    return routed
        + switch (request.shared()) {
          case COPY -> sharedBytes * chosen.size();
          case CONTROL -> sharedBytes;
          case SKIP -> 0;
        };
  }

  /**
   * ImportChecks every name of {@code tenantMap} as a tenant name of {@code blueprint}.
   *
   * @throws AdminException refused {@code invalid_tenant_map} naming the first bad entry
   */
  private static void checkTenantMap(String blueprint, Map<String, String> tenantMap) {
    for (Map.Entry<String, String> entry : tenantMap.entrySet()) {
      try {
        Names.tenantLogicalName(blueprint, entry.getValue());
      } catch (AdminException e) {
        throw new AdminException(
            AdminError.INVALID_TENANT_MAP,
            "tenant map entry " + entry.getKey() + "=" + entry.getValue() + ": " + e.getMessage(),
            "tenant names match [a-z][a-z0-9_]{0,29} without '__'");
      }
    }
  }

  /**
   * ImportChecks that every routing value of {@code tenantMap} is in the source.
   *
   * @throws AdminException refused {@code invalid_tenant_map} naming the first unknown value
   */
  private static void checkMappedValues(Analysis analysis, Map<String, String> tenantMap) {
    for (String value : tenantMap.keySet()) {
      if (analysis.tenants().stream().noneMatch(t -> t.value().equals(value))) {
        throw new AdminException(
            AdminError.INVALID_TENANT_MAP,
            "tenant map entry "
                + value
                + "="
                + tenantMap.get(value)
                + ": the source has no rows with routing value "
                + value,
            "map routing values the import analysis lists");
      }
    }
  }

  private List<String> existing(String blueprint, List<Analysis.TenantValue> chosen) {
    return store.inTransaction(
        c -> {
          List<String> found = new ArrayList<>();
          for (Analysis.TenantValue value : chosen) {
            if (tenants.find(c, Names.tenantLogicalName(blueprint, value.tenant())).isPresent()) {
              found.add(value.tenant());
            }
          }
          return found;
        });
  }

  private static void refuseRoutingInConstraints(Connection c, String field) throws SQLException {
    List<String> constraints = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(ROUTING_CONSTRAINTS)) {
      statement.setString(1, field);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          constraints.add(rs.getString(2) + " on " + rs.getString(1));
        }
      }
    }
    if (!constraints.isEmpty()) {
      throw new AdminException(
          AdminError.ROUTING_FIELD_IN_CONSTRAINT,
          "the routing field '"
              + field
              + "' is part of "
              + String.join(", ", constraints)
              + "; dropping it would drop these constraints",
          "keep the routing column with --drop-routing=false, or take it out of the constraints"
              + " in the source first");
    }
  }

  private static AdminException sourceFailure(ImportSource source, SQLException e) {
    return new AdminException(
        AdminError.SOURCE_READ_FAILED,
        "reading the source database "
            + source.describe()
            + " failed: "
            + e.getMessage()
            + " (SQLSTATE "
            + e.getSQLState()
            + ")",
        "the source user needs SELECT on every table of the source",
        e);
  }

  private static void closeQuietly(Snapshot snapshot) {
    try {
      snapshot.close();
    } catch (SQLException e) {
      // The snapshot only read; a failed close leaves nothing to undo.
    }
  }
}
