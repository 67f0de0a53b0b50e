/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.blueprints.WorkspaceSchemas;
import dev.tdb.admin.clusters.AdvisoryLocks;
import dev.tdb.admin.clusters.Sql;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared tables of an import with {@code --shared control}: each created in the control
 * workspace from the source's column names and types (keys, defaults and constraints are not
 * carried), then its rows copied as a tenant's are, in one transaction that commits only when the
 * counts agree with the source.
 */
final class ControlCopy {
  private final ImportServices services;
  private final WorkspaceRow workspace;

  ControlCopy(ImportServices services, WorkspaceRow workspace) {
    this.services = services;
    this.workspace = workspace;
  }

  /**
   * Creates the shared tables of {@code catalog} in the control workspace and copies their rows
   * from {@code source}; returns the rows copied.
   *
   * @throws TenantCopy.Failed when a table holds rows already or the counts differ (rolled back)
   * @throws SQLException when either server refuses
   */
  long copy(Connection source, SourceCatalog catalog, Analysis analysis)
      throws SQLException, TenantCopy.Failed {
    ClusterRow cluster =
        services
            .store()
            .inTransaction(c -> new ClusterRepository().findById(c, workspace.clusterId()));
    String password =
        services.box().open(workspace.passwordSealed(), Names.secretContext(workspace.name()));
    try (Connection target =
        services.pools().connectAs(cluster, workspace.database(), workspace.role(), password)) {
      List<TenantCopy.Part> parts = new ArrayList<>();
      target.setAutoCommit(false);
      try (Statement statement = target.createStatement()) {
        // The lock every capturing transaction takes (workspace-catalog.sql), as schema imports do.
        AdvisoryLocks.lockTransaction(
            target, WorkspaceSchemas.CAPTURE_LOCK, services.pools().lockWait(), "capture");
        for (SourceTable table : catalog.loadOrder()) {
          if (!table.routed()) {
            if (!table.schema().equals("public")) {
              statement.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.identifier(table.schema()));
            }
            statement.execute(
                "CREATE TABLE IF NOT EXISTS " + table.sql() + " (" + columns(table) + ")");
            parts.add(new TenantCopy.Part(table, null, rows(analysis, table)));
          }
        }
      }
      target.commit();
      return new TenantCopy(analysis.routingField()).copy(source, target, parts);
    }
  }

  private static String columns(SourceTable table) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      columns.add(Sql.identifier(table.columns().get(i)) + " " + table.types().get(i));
    }
    return String.join(", ", columns);
  }

  private static long rows(Analysis analysis, SourceTable table) {
    return analysis.sharedTables().stream()
        .filter(t -> t.name().equals(table.qualified()))
        .mapToLong(Analysis.Table::rows)
        .findFirst()
        .orElse(0);
  }
}
