/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.deployments.DeploymentRequest;
import dev.tdb.admin.errors.AdminException;
import java.util.ArrayList;
import java.util.List;

/** {@code /v1/deployments}. */
final class DeploymentRoutes {
  private DeploymentRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/deployments",
        (ctx, caller) ->
            ctx.status(201)
                .json(services.deployments().create(caller, request(requests.body(ctx)))));
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

  private static DeploymentRequest request(JsonNode body) {
    JsonNode version = body.get("version");
    return new DeploymentRequest(
        Requests.text(body, "blueprint"),
        version == null || version.isNull() ? null : Requests.integer(body, "version", null),
        names(body.get("tenants")),
        flag(body, "all"),
        Requests.integer(body, "parallel", DeploymentRequest.DEFAULT_PARALLEL),
        flag(body, "stop_on_failure"),
        optionalInteger(body, "canary"));
  }

  private static Integer optionalInteger(JsonNode body, String field) {
    JsonNode node = body.get(field);
    return node == null || node.isNull() ? null : Requests.integer(body, field, null);
  }

  static List<String> names(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw AdminException.invalid("tenants", "must be an array of tenant names");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode name : node) {
      if (!name.isTextual()) {
        throw AdminException.invalid("tenants", "must be an array of tenant names");
      }
      names.add(name.textValue());
    }
    return names;
  }

  static boolean flag(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw AdminException.invalid(field, "must be true or false");
    }
    return node.booleanValue();
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AdminException.notFound("deployment", text, "tdb deployments list");
    }
  }
}
