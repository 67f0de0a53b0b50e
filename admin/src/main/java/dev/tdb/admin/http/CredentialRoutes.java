/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.credentials.CredentialRequest;
import dev.tdb.admin.credentials.CredentialService;
import dev.tdb.admin.errors.AdminException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code /v1/credentials}: data-plane credentials for applications. */
final class CredentialRoutes {
  private CredentialRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/credentials",
        (ctx, caller) -> {
          JsonNode body = requests.body(ctx);
          CredentialRequest request =
              new CredentialRequest(
                  Requests.text(body, "blueprint"),
                  texts(body, "tenants"),
                  bool(body, "read_only"),
                  Requests.optionalText(body, "name"));
          ctx.status(201).json(services.credentials().create(caller, request));
        });
    router.get(
        "/v1/credentials",
        (ctx, caller) -> ctx.json(services.credentials().list(caller, Requests.page(ctx))));
    router.post(
        "/v1/credentials/{id}/rotate",
        (ctx, caller) -> {
          JsonNode body = ctx.body().isBlank() ? null : requests.body(ctx);
          long seconds =
              body == null
                  ? CredentialService.DEFAULT_OVERLAP.toSeconds()
                  : Requests.integer(
                      body, "overlap_seconds", (int) CredentialService.DEFAULT_OVERLAP.toSeconds());
          ctx.json(
              services
                  .credentials()
                  .rotate(caller, ctx.pathParam("id"), Duration.ofSeconds(seconds)));
        });
    router.delete(
        "/v1/credentials/{id}",
        (ctx, caller) -> {
          services.credentials().revoke(caller, ctx.pathParam("id"));
          ctx.status(204);
        });
  }

  private static List<String> texts(JsonNode body, String field) {
    JsonNode node = body.get(field);
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw AdminException.invalid(field, "must be an array of tenant names");
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw AdminException.invalid(field, "must be an array of tenant names");
      }
      values.add(item.textValue());
    }
    return values;
  }

  private static boolean bool(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw AdminException.invalid(field, "must be true or false");
    }
    return node.booleanValue();
  }
}
