/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.CONFLICT;
import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.errors.AdminException.Kind.REFUSED;
import static dev.tdb.admin.errors.AdminException.Kind.UNAVAILABLE;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static dev.tdb.admin.http.Operation.generic;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.tenants.Workspace;
import dev.tdb.core.api.WorkspaceCreate;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.settings.WorkspaceSettings;
import java.util.List;

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

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(POST, "/v1/workspaces", "createWorkspace", WRITE, "Create a workspace")
            .description(
                "Creates the physical database and its runtime role; mode `workspace` "
                    + "also creates blueprint `<name without _workspace>`.")
            .body(WorkspaceCreate.class)
            .returns(201, "created", Workspace.class)
            .errors(INVALID, NOT_FOUND, CONFLICT, REFUSED, UNAVAILABLE)
            .build(),
        Operation.of(GET, "/v1/workspaces", "listWorkspaces", READ, "List the caller's workspaces")
            .paged("the `next_after` of the previous page")
            .returns(200, "one page, by name", generic(Page.class, Workspace.class))
            .errors(INVALID)
            .build(),
        Operation.of(GET, "/v1/workspaces/{name}", "getWorkspace", READ, "Get a workspace")
            .path("name", "the workspace's name")
            .returns(200, "the workspace", Workspace.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(
                DELETE, "/v1/workspaces/{name}", "deleteWorkspace", WRITE, "Delete a workspace")
            .description("409 while tenants of its blueprint exist (in any state).")
            .path("name", "the workspace's name")
            .returnsNothing(204, "its database and roles are dropped")
            .errors(NOT_FOUND, CONFLICT, UNAVAILABLE)
            .build(),
        Operation.of(
                GET,
                "/v1/workspaces/{name}/settings",
                "getSettings",
                READ,
                "Get a workspace's settings")
            .path("name", "the workspace's name")
            .returns(200, "the settings", WorkspaceSettings.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(
                PATCH,
                "/v1/workspaces/{name}/settings",
                "updateSettings",
                WRITE,
                "Change a workspace's settings")
            .description(
                "Validated by core's `Setting` (400 naming key and range), then "
                    + "applied to the workspace's runtime role and to every runtime role of "
                    + "its blueprint's tenants (CONNECTION LIMIT, statement_timeout, "
                    + "TEMPORARY).")
            .path("name", "the workspace's name")
            .body(Operation.Body.partial(WorkspaceSettings.class))
            .returns(200, "the settings after the change", WorkspaceSettings.class)
            .errors(INVALID, NOT_FOUND, UNAVAILABLE)
            .build());
  }
}
