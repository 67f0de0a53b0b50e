/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.clusters.ClusterSpec;

/** {@code /v1/clusters}. */
final class ClusterRoutes {
  static final String DEFAULT_SSL_MODE = "prefer";
  static final int DEFAULT_CAPACITY = 1000;

  private ClusterRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/clusters",
        (ctx, caller) ->
            ctx.status(201).json(services.clusters().register(caller, spec(requests.body(ctx)))));
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

  private static ClusterSpec spec(JsonNode body) {
    String sslMode = Requests.optionalText(body, "ssl_mode");
    return new ClusterSpec(
        Requests.text(body, "name"),
        Requests.text(body, "host"),
        Requests.integer(body, "port", null),
        Requests.text(body, "superuser"),
        Requests.text(body, "password"),
        sslMode == null ? DEFAULT_SSL_MODE : sslMode,
        Requests.integer(body, "capacity", DEFAULT_CAPACITY));
  }
}
