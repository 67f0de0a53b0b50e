/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.CONFLICT;
import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.errors.AdminException.Kind.RATE_LIMITED;
import static dev.tdb.admin.errors.AdminException.Kind.REFUSED;
import static dev.tdb.admin.errors.AdminException.Kind.UNAVAILABLE;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static dev.tdb.admin.http.Operation.generic;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.blueprints.Blueprint;
import dev.tdb.admin.blueprints.BlueprintVersion;
import dev.tdb.admin.blueprints.Drift;
import dev.tdb.admin.blueprints.Revert;
import dev.tdb.admin.blueprints.SchemaImport;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
import dev.tdb.core.api.SchemaSource;
import java.util.List;

/**
 * {@code /v1/blueprints}, their versions, and the deploy queue and schema of a tenant workspace.
 */
final class BlueprintRoutes {
  private BlueprintRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.get("/v1/blueprints", (ctx, caller) -> ctx.json(services.blueprints().list(caller)));
    router.get(
        "/v1/blueprints/{name}",
        (ctx, caller) -> ctx.json(services.blueprints().get(caller, ctx.pathParam("name"))));
    router.get(
        "/v1/blueprints/{name}/versions",
        (ctx, caller) -> ctx.json(services.blueprints().versions(caller, ctx.pathParam("name"))));
    router.get(
        "/v1/blueprints/{name}/drift",
        (ctx, caller) -> ctx.json(services.drift().drift(caller, ctx.pathParam("name"))));
    router.get(
        "/v1/workspaces/{name}/diff",
        (ctx, caller) -> ctx.json(services.blueprints().diff(caller, ctx.pathParam("name"))));
    router.post(
        "/v1/workspaces/{name}/diff/{version}/skip",
        (ctx, caller) ->
            ctx.json(
                services
                    .blueprints()
                    .skip(caller, ctx.pathParam("name"), version(ctx.pathParam("version")))));
    router.post(
        "/v1/workspaces/{name}/diff/{version}/revert",
        (ctx, caller) ->
            ctx.json(
                services
                    .schemas()
                    .revert(caller, ctx.pathParam("name"), version(ctx.pathParam("version")))));
    router.post(
        "/v1/workspaces/{name}/schema",
        (ctx, caller) -> {
          SchemaSource body = requests.read(ctx, SchemaSource.class);
          String database = body.database();
          String template = body.template();
          if ((database == null) == (template == null)) {
            throw AdminException.invalid("database", "or template: give exactly one of them");
          }
          String workspace = ctx.pathParam("name");
          ctx.json(
              database != null
                  ? services.schemas().importDatabase(caller, workspace, database)
                  : services.schemas().loadTemplate(caller, workspace, template));
        });
  }

  private static int version(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw AdminException.invalid("version", "must be an integer, got '" + text + "'");
    }
  }

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(GET, "/v1/blueprints", "listBlueprints", READ, "List the caller's blueprints")
            .description("Imports what each workspace captured since the last look first.")
            .returns(200, "the blueprints", generic(Page.class, Blueprint.class))
            .errors(UNAVAILABLE)
            .build(),
        Operation.of(GET, "/v1/blueprints/{name}", "getBlueprint", READ, "Get a blueprint")
            .path("name", "the blueprint's name")
            .returns(200, "the blueprint", Blueprint.class)
            .errors(NOT_FOUND, UNAVAILABLE)
            .build(),
        Operation.of(
                GET,
                "/v1/blueprints/{name}/versions",
                "listBlueprintVersions",
                READ,
                "A blueprint's versions, oldest first")
            .path("name", "the blueprint's name")
            .returns(200, "the versions", generic(Page.class, BlueprintVersion.class))
            .errors(NOT_FOUND, UNAVAILABLE)
            .build(),
        Operation.of(
                GET,
                "/v1/blueprints/{name}/drift",
                "getBlueprintDrift",
                READ,
                "Tenants whose schema differs from the blueprint's template")
            .description(
                "Compares each tenant's catalog fingerprint with the template's on the "
                    + "same cluster; lists only the tenants that differ.")
            .path("name", "the blueprint's name")
            .returns(200, "the drift", Drift.class)
            .errors(INVALID, NOT_FOUND, UNAVAILABLE)
            .build(),
        Operation.of(
                GET,
                "/v1/workspaces/{name}/diff",
                "getWorkspaceDiff",
                READ,
                "Versions captured in a tenant workspace and not yet deployed")
            .path("name", "the tenant workspace's name")
            .returns(
                200,
                "the versions after the deployed one",
                generic(Page.class, BlueprintVersion.class))
            .errors(NOT_FOUND, CONFLICT, UNAVAILABLE)
            .build(),
        Operation.of(
                POST,
                "/v1/workspaces/{name}/diff/{version}/skip",
                "skipWorkspaceChange",
                WRITE,
                "Drop a version from the deploy queue")
            .description("409 when a deployment already released it.")
            .path("name", "the tenant workspace's name")
            .path("version", long.class, "the version")
            .returns(200, "the skipped version", BlueprintVersion.class)
            .errors(INVALID, NOT_FOUND, CONFLICT, UNAVAILABLE)
            .build(),
        Operation.of(
                POST,
                "/v1/workspaces/{name}/diff/{version}/revert",
                "revertWorkspaceChange",
                WRITE,
                "Undo the newest pending change in the workspace")
            .description(
                "Runs the inverse statement (DROP for CREATE "
                    + "TABLE/INDEX/VIEW/MATERIALIZED "
                    + "VIEW/SEQUENCE/TYPE/DOMAIN/FUNCTION/PROCEDURE/SCHEMA, DROP "
                    + "COLUMN/CONSTRAINT for ALTER TABLE ... ADD COLUMN/CONSTRAINT) in the "
                    + "workspace as its runtime role, then skips both the version and the "
                    + "inverse's version. Only the newest version that is neither deployed "
                    + "nor skipped can be reverted. 409 `version_deployed`, "
                    + "`version_skipped`, `not_latest_change`, `no_inverse`; 422 "
                    + "`revert_refused` with PostgreSQL's message and SQLSTATE.")
            .path("name", "the tenant workspace's name")
            .path("version", long.class, "the version")
            .returns(200, "both versions, now skipped", Revert.class)
            .errors(INVALID, NOT_FOUND, CONFLICT, REFUSED, UNAVAILABLE)
            .build(),
        Operation.of(
                POST,
                "/v1/workspaces/{name}/schema",
                "importWorkspaceSchema",
                WRITE,
                "Import a schema into the workspace")
            .description(
                "Applies the schema of `database` as the admin service reads it from "
                    + "the source's catalogs (PostgreSQL 13 or newer, no client program "
                    + "needed: 409 `source_too_old`; 422 `schema_read_failed`), or a starter "
                    + "`template`, statement by statement as the workspace's runtime role in "
                    + "one transaction; each statement becomes a version. Session settings, "
                    + "queries, psql meta-commands and comments on extensions are skipped, "
                    + "as is CREATE EXTENSION the role may not run; any other refusal rolls "
                    + "everything back (422 `schema_statement_refused`).")
            .path("name", "the tenant workspace's name")
            .body(SchemaSource.class)
            .returns(200, "what was applied and the versions captured", SchemaImport.class)
            .errors(INVALID, RATE_LIMITED, NOT_FOUND, CONFLICT, REFUSED, UNAVAILABLE)
            .build());
  }
}
