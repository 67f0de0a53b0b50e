/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.deployments.DeploymentRequest;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.DeploymentCreate;

/** {@code /v1/deployments}. */
final class DeploymentRoutes {
  private DeploymentRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/deployments",
        (ctx, caller) ->
            ctx.status(201)
                .json(
                    services
                        .deployments()
                        .create(caller, request(requests.read(ctx, DeploymentCreate.class)))));
    router.get(
        "/v1/deployments",
        (ctx, caller) ->
            ctx.json(
                services
                    .deployments()
                    .list(caller, ctx.queryParam("blueprint"), Requests.page(ctx).limit())));
    router.get(
        "/v1/deployments/{id}",
        (ctx, caller) -> ctx.json(services.deployments().get(caller, id(ctx.pathParam("id")))));
  }

  private static DeploymentRequest request(DeploymentCreate body) {
    return new DeploymentRequest(
        Requests.required(body.blueprint(), "blueprint"),
        body.version(),
        body.tenants(),
        Boolean.TRUE.equals(body.all()),
        body.parallel() == null ? DeploymentRequest.DEFAULT_PARALLEL : body.parallel(),
        Boolean.TRUE.equals(body.stopOnFailure()),
        body.canary());
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AdminException.notFound("deployment", text, "tdb deployments list");
    }
  }
}
