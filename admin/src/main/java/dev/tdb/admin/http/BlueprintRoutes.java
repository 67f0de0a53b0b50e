/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.SchemaImport;

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
          SchemaImport body = requests.read(ctx, SchemaImport.class);
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
}
