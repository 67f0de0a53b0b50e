/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.imports.ImportRequest;
import dev.tdb.admin.imports.ImportSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Imports of shared databases: analysis, start, status. */
final class ImportRoutes {
  private ImportRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/workspaces/{name}/import-analysis",
        (ctx, caller) -> {
          JsonNode body = requests.body(ctx);
          ctx.json(
              services
                  .imports()
                  .analyze(
                      caller,
                      ctx.pathParam("name"),
                      source(body),
                      routingField(body),
                      tenantMap(body.get("tenant_map"))));
        });
    router.post(
        "/v1/workspaces/{name}/imports",
        (ctx, caller) -> {
          JsonNode body = requests.body(ctx);
          ctx.status(202)
              .json(services.imports().start(caller, ctx.pathParam("name"), request(body)));
        });
    router.post(
        "/v1/imports/{id}/resume",
        (ctx, caller) ->
            ctx.status(202).json(services.imports().resume(caller, id(ctx.pathParam("id")))));
    router.get(
        "/v1/imports/{id}",
        (ctx, caller) -> ctx.json(services.imports().status(caller, id(ctx.pathParam("id")))));
  }

  private static ImportRequest request(JsonNode body) {
    boolean create = bool(body, "create_tenants", true);
    boolean existing = bool(body, "into_existing", false);
    ImportRequest.Tenants tenants =
        create
            ? existing ? ImportRequest.Tenants.CREATE_OR_EXISTING : ImportRequest.Tenants.CREATE
            : ImportRequest.Tenants.EXISTING;
    return new ImportRequest(
        source(body),
        routingField(body),
        choice(body, "kind", ImportRequest.Kind.class, ImportRequest.Kind.FULL),
        bool(body, "drop_routing", true)
            ? ImportRequest.RoutingColumn.DROP
            : ImportRequest.RoutingColumn.KEEP,
        tenants,
        names(body.get("tenants")),
        Requests.integer(body, "parallel", ImportRequest.DEFAULT_PARALLEL),
        choice(body, "shared", ImportRequest.Shared.class, ImportRequest.Shared.COPY),
        choice(
            body,
            "null_routing",
            ImportRequest.NullRouting.class,
            ImportRequest.NullRouting.REFUSE),
        Requests.optionalText(body, "control_workspace"),
        tenantMap(body.get("tenant_map")));
  }

  private static Map<String, String> tenantMap(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw AdminException.invalid(
          "tenant_map", "must be an object of routing value to tenant name");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw AdminException.invalid(
            "tenant_map", "entry " + entry.getKey() + " must name a tenant as a string");
      }
      map.put(entry.getKey(), entry.getValue().textValue());
    }
    return map;
  }

  private static ImportSource source(JsonNode body) {
    return new ImportSource(
        Requests.text(body, "host"),
        Requests.integer(body, "port", 5432),
        Requests.text(body, "database"),
        Requests.text(body, "user"),
        Requests.optionalText(body, "password"));
  }

  private static String routingField(JsonNode body) {
    String field = Requests.optionalText(body, "routing_field");
    return field == null ? "tenant_id" : field;
  }

  private static boolean bool(JsonNode body, String field, boolean fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw AdminException.invalid(field, "must be true or false");
    }
    return node.booleanValue();
  }

  private static <E extends Enum<E>> E choice(
      JsonNode body, String field, Class<E> type, E fallback) {
    String text = Requests.optionalText(body, field);
    if (text == null) {
      return fallback;
    }
    List<String> allowed = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      String name = value.name().toLowerCase(Locale.ROOT);
      if (name.equals(text)) {
        return value;
      }
      allowed.add(name);
    }
    throw AdminException.invalid(field, "must be one of " + allowed + ", got '" + text + "'");
  }

  private static List<String> names(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw AdminException.invalid("tenants", "must be a list of tenant names");
    }
    List<String> names = new ArrayList<>();
    node.forEach(name -> names.add(name.asText()));
    return names;
  }

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AdminException.invalid("id", "must be an import number, got '" + text + "'");
    }
  }
}
