/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.WorkspaceCreate;
import dev.tdb.core.policy.ConnectionMode;

/** {@code /v1/workspaces} and their settings. */
final class WorkspaceRoutes {
  private WorkspaceRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/workspaces",
        (ctx, caller) -> {
          WorkspaceCreate body = requests.read(ctx, WorkspaceCreate.class);
          ctx.status(201)
              .json(
                  services
                      .workspaces()
                      .create(
                          caller,
                          Requests.required(body.name(), "name"),
                          mode(Requests.required(body.mode(), "mode")),
                          body.cluster()));
        });
    router.get(
        "/v1/workspaces",
        (ctx, caller) -> ctx.json(services.workspaces().list(caller, Requests.page(ctx))));
    router.get(
        "/v1/workspaces/{name}",
        (ctx, caller) -> ctx.json(services.workspaces().get(caller, ctx.pathParam("name"))));
    router.delete(
        "/v1/workspaces/{name}",
        (ctx, caller) -> {
          services.workspaces().delete(caller, ctx.pathParam("name"));
          ctx.status(204);
        });
    router.get(
        "/v1/workspaces/{name}/settings",
        (ctx, caller) -> ctx.json(services.settings().get(caller, ctx.pathParam("name"))));
    router.patch(
        "/v1/workspaces/{name}/settings",
        (ctx, caller) ->
            ctx.json(
                services.settings().update(caller, ctx.pathParam("name"), requests.bodyMap(ctx))));
  }

  private static ConnectionMode mode(String text) {
    return switch (text) {
      case "control" -> ConnectionMode.CONTROL;
      case "workspace" -> ConnectionMode.WORKSPACE;
      default ->
          throw AdminException.invalid("mode", "must be control or workspace, got '" + text + "'");
    };
  }
}
