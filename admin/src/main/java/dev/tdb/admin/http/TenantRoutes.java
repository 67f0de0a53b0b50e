/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.tenants.Transition;
import dev.tdb.core.api.TenantCreate;

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
}
