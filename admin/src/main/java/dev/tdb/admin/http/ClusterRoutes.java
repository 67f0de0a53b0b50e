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

import dev.tdb.admin.clusters.Cluster;
import dev.tdb.admin.clusters.ClusterRegistration;
import dev.tdb.admin.clusters.ClusterSpec;
import dev.tdb.admin.metadata.Page;
import dev.tdb.core.api.ClusterCreate;
import java.util.List;

/** {@code /v1/clusters}. */
final class ClusterRoutes {
  static final String DEFAULT_SSL_MODE = "prefer";
  static final int DEFAULT_CAPACITY = 1000;

  private ClusterRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/clusters",
        (ctx, caller) ->
            ctx.status(201)
                .json(
                    services
                        .clusters()
                        .register(caller, spec(requests.read(ctx, ClusterCreate.class)))));
    router.get(
        "/v1/clusters", (ctx, caller) -> ctx.json(services.clusters().list(Requests.page(ctx))));
    router.get(
        "/v1/clusters/{name}",
        (ctx, caller) -> ctx.json(services.clusters().get(ctx.pathParam("name"))));
    router.delete(
        "/v1/clusters/{name}",
        (ctx, caller) -> {
          services.clusters().remove(caller, ctx.pathParam("name"));
          ctx.status(204);
        });
  }

  private static ClusterSpec spec(ClusterCreate body) {
    return new ClusterSpec(
        Requests.required(body.name(), "name"),
        Requests.required(body.host(), "host"),
        Requests.required(body.port(), "port"),
        Requests.required(body.superuser(), "superuser"),
        Requests.required(body.password(), "password"),
        body.sslMode() == null ? DEFAULT_SSL_MODE : body.sslMode(),
        body.capacity() == null ? DEFAULT_CAPACITY : body.capacity());
  }

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(POST, "/v1/clusters", "registerCluster", WRITE, "Register a PostgreSQL server")
            .description(
                "Connects as the superuser first: 503 when the server cannot be "
                    + "reached, 422 when the user is not a superuser or the server is older "
                    + "than PostgreSQL 13. Admin accounts only.")
            .body(ClusterCreate.class)
            .returns(
                201,
                "registered; hardening says what was closed on the server",
                ClusterRegistration.class)
            .errors(INVALID, CONFLICT, REFUSED, UNAVAILABLE)
            .build(),
        Operation.of(GET, "/v1/clusters", "listClusters", READ, "List clusters")
            .paged("the `next_after` of the previous page")
            .returns(200, "one page, by name", generic(Page.class, Cluster.class))
            .errors(INVALID)
            .build(),
        Operation.of(GET, "/v1/clusters/{name}", "getCluster", READ, "Get a cluster")
            .path("name", "the cluster's name")
            .returns(200, "the cluster", Cluster.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(DELETE, "/v1/clusters/{name}", "removeCluster", WRITE, "Remove a cluster")
            .description("409 while it hosts databases. Admin accounts only.")
            .path("name", "the cluster's name")
            .returnsNothing(204, "removed (the server itself is left alone)")
            .errors(NOT_FOUND, CONFLICT)
            .build());
  }
}
