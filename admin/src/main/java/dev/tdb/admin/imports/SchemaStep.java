/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.imports;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.blueprints.SchemaImport;
import dev.tdb.admin.blueprints.WorkspaceSchemas;
import dev.tdb.admin.clusters.AdvisoryLocks;
import dev.tdb.admin.clusters.Sql;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.ClusterRepository;
import dev.tdb.admin.metadata.ClusterRow;
import dev.tdb.admin.metadata.WorkspaceRepository;
import dev.tdb.admin.metadata.WorkspaceRow;
import dev.tdb.admin.names.Names;
import dev.tdb.admin.sources.SourceGate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema of an {@code import-full}: the source's schema imported into the workspace with the
 * schema reader (as a schema import does), then, unless the routing column is kept, one captured
 * {@code ALTER TABLE ... DROP COLUMN} per routed table, run as the workspace's runtime role.
 */
final class SchemaStep {
  private final ImportServices services;

  SchemaStep(ImportServices services) {
    this.services = services;
  }

  /**
   * Imports the schema of {@code request}'s source into the blueprint's workspace.
   *
   * @throws AdminException what a schema import throws (source too old, refused)
   * @throws SQLException when the workspace refuses dropping a routing column
   */
  SchemaImport apply(
      Caller caller,
      String workspace,
      ImportRequest request,
      SourceCatalog catalog,
      SourceGate.Admission admission)
      throws SQLException {
    SchemaImport imported =
        services.schemas().importDatabase(caller, workspace, admission, url(request.source()));
    if (request.routing() == ImportRequest.RoutingColumn.DROP) {
      dropRoutingColumns(workspace, catalog, request.routingField());
    }
    return imported;
  }

  private void dropRoutingColumns(String workspace, SourceCatalog catalog, String field)
      throws SQLException {
    WorkspaceRow ws =
        services
            .store()
            .inTransaction(c -> new WorkspaceRepository().find(c, workspace).orElseThrow());
    ClusterRow cluster =
        services.store().inTransaction(c -> new ClusterRepository().findById(c, ws.clusterId()));
    String password = services.box().open(ws.passwordSealed(), Names.secretContext(ws.name()));
    try (Connection runtime =
        services.pools().connectAs(cluster, ws.database(), ws.role(), password)) {
      runtime.setAutoCommit(false);
      try (Statement statement = runtime.createStatement()) {
        // The lock every capturing transaction takes (workspace-catalog.sql), as schema imports do.
        AdvisoryLocks.lockTransaction(
            runtime, WorkspaceSchemas.CAPTURE_LOCK, services.pools().lockWait(), "capture");
        for (SourceTable table : catalog.tables()) {
          if (table.routed()) {
            statement.execute(
                "ALTER TABLE " + table.sql() + " DROP COLUMN " + Sql.identifier(field));
          }
        }
      }
      runtime.commit();
    }
  }

  private static String url(ImportSource source) {
    return "postgresql://"
        + encode(source.user())
        + (source.password() == null ? "" : ":" + encode(source.password()))
        + "@"
        + (source.host().indexOf(':') >= 0 ? "[" + source.host() + "]" : source.host())
        + ":"
        + source.port()
        + "/"
        + encode(source.database());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
