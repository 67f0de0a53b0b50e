/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.clusters.ClusterSpec;
import dev.tdb.core.api.ClusterCreate;

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
}
