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
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.tenants.Tenant;
import dev.tdb.admin.tenants.Transition;
import dev.tdb.core.api.TenantCreate;
import java.util.List;
import java.util.Map;

/** {@code /v1/tenants} and their state changes. */
final class TenantRoutes {
  private TenantRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/tenants",
        (ctx, caller) -> {
          TenantCreate body = requests.read(ctx, TenantCreate.class);
          ctx.status(201)
              .json(
                  services
                      .tenants()
                      .create(
                          caller,
                          Requests.required(body.blueprint(), "blueprint"),
                          Requests.required(body.name(), "name"),
                          body.cluster()));
        });
    router.get(
        "/v1/tenants",
        (ctx, caller) ->
            ctx.json(
                services.tenants().list(caller, ctx.queryParam("blueprint"), Requests.page(ctx))));
    router.get(
        "/v1/tenants/{logical}",
        (ctx, caller) -> ctx.json(services.tenants().get(caller, ctx.pathParam("logical"))));
    router.delete(
        "/v1/tenants/{logical}",
        (ctx, caller) -> {
          String logical = ctx.pathParam("logical");
          if (Requests.flag(ctx, "hard")) {
            services.tenants().hardDelete(caller, logical);
            ctx.status(204);
          } else {
            ctx.json(services.tenants().change(caller, logical, Transition.DELETE));
          }
        });
    transition(router, services, "restore", Transition.RESTORE);
    transition(router, services, "suspend", Transition.SUSPEND);
    transition(router, services, "resume", Transition.RESUME);
  }

  private static void transition(
      Router router, Services services, String verb, Transition transition) {
    router.post(
        "/v1/tenants/{logical}/" + verb,
        (ctx, caller) ->
            ctx.json(services.tenants().change(caller, ctx.pathParam("logical"), transition)));
  }

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(POST, "/v1/tenants", "createTenant", WRITE, "Create a tenant")
            .description(
                "Creates `<blueprint>__<name>` on the named cluster, or on the one "
                    + "with most free capacity.")
            .body(TenantCreate.class)
            .returns(201, "created", Tenant.class)
            .errors(INVALID, NOT_FOUND, CONFLICT, REFUSED, UNAVAILABLE)
            .build(),
        Operation.of(GET, "/v1/tenants", "listTenants", READ, "List the caller's tenants")
            .query("blueprint", String.class, "only this blueprint's tenants")
            .paged("the `next_after` of the previous page")
            .returns(200, "one page, by logical name", generic(Page.class, Tenant.class))
            .errors(INVALID)
            .build(),
        Operation.of(GET, "/v1/tenants/{logical}", "getTenant", READ, "Get a tenant")
            .path("logical", "the tenant's logical name")
            .returns(200, "the tenant", Tenant.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(DELETE, "/v1/tenants/{logical}", "deleteTenant", WRITE, "Delete a tenant")
            .path("logical", "the tenant's logical name")
            .query(
                "hard",
                boolean.class,
                "drop the database and role instead of a restorable soft delete",
                Map.of("default", false))
            .returns(200, "soft-deleted: role NOLOGIN, sessions ended, data kept", Tenant.class)
            .returnsNothing(204, "hard-deleted: database and role dropped")
            .errors(INVALID, NOT_FOUND, CONFLICT, REFUSED, UNAVAILABLE)
            .build(),
        transitionOperation("restore", "restoreTenant", "Restore a tenant (deleted → active)"),
        transitionOperation(
            "suspend",
            "suspendTenant",
            "Suspend a tenant (active → suspended: role NOLOGIN, sessions ended)"),
        transitionOperation("resume", "resumeTenant", "Resume a tenant (suspended → active)"));
  }

  private static Operation transitionOperation(String verb, String operationId, String summary) {
    return Operation.of(POST, "/v1/tenants/{logical}/" + verb, operationId, WRITE, summary)
        .description("409 when the tenant is not in a state this change starts from.")
        .path("logical", "the tenant's logical name")
        .returns(200, "the tenant after the change", Tenant.class)
        .errors(NOT_FOUND, CONFLICT, UNAVAILABLE)
        .build();
  }
}
