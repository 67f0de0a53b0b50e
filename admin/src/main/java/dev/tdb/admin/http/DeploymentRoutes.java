/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.CONFLICT;
import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.errors.AdminException.Kind.UNAVAILABLE;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static dev.tdb.admin.http.Operation.generic;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.deployments.Deployment;
import dev.tdb.admin.deployments.DeploymentRequest;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
import dev.tdb.core.api.DeploymentCreate;
import java.util.List;

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

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(
                POST,
                "/v1/deployments",
                "createDeployment",
                WRITE,
                "Deploy a blueprint version to tenants")
            .description(
                "Starts in the background; follow it with GET /v1/deployments/{id}. A "
                    + "target version older than any targeted tenant's is refused before "
                    + "anything runs (409 deployment_downgrade, naming the tenants and their "
                    + "versions): deployments only go forward.")
            .body(DeploymentCreate.class)
            .returns(201, "the deployment, just started", Deployment.class)
            .errors(INVALID, NOT_FOUND, CONFLICT, UNAVAILABLE)
            .build(),
        Operation.of(
                GET, "/v1/deployments", "listDeployments", READ, "The caller's newest deployments")
            .query("blueprint", String.class, "only this blueprint's")
            .paged("the `next_after` of the previous page")
            .returns(
                200,
                "the deployments, newest first (without tenants)",
                generic(Page.class, Deployment.class))
            .build(),
        Operation.of(
                GET,
                "/v1/deployments/{id}",
                "getDeployment",
                READ,
                "A deployment with each tenant's status")
            .path("id", long.class, "the deployment's number")
            .returns(200, "the deployment", Deployment.class)
            .errors(NOT_FOUND)
            .build());
  }
}
