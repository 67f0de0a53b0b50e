/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.imports.ImportRequest;
import dev.tdb.admin.imports.ImportSource;
import dev.tdb.core.api.ImportSpec;
import java.util.ArrayList;
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
          ImportSpec body = requests.read(ctx, ImportSpec.class);
          ctx.json(
              services
                  .imports()
                  .analyze(
                      caller,
                      ctx.pathParam("name"),
                      source(body),
                      routingField(body),
                      tenantMap(body)));
        });
    router.post(
        "/v1/workspaces/{name}/imports",
        (ctx, caller) -> {
          ImportSpec body = requests.read(ctx, ImportSpec.class);
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

  private static ImportRequest request(ImportSpec body) {
    boolean create = or(body.createTenants(), true);
    boolean existing = or(body.intoExisting(), false);
    ImportRequest.Tenants tenants =
        create
            ? existing ? ImportRequest.Tenants.CREATE_OR_EXISTING : ImportRequest.Tenants.CREATE
            : ImportRequest.Tenants.EXISTING;
    return new ImportRequest(
        source(body),
        routingField(body),
        choice(body.kind(), "kind", ImportRequest.Kind.class, ImportRequest.Kind.FULL),
        or(body.dropRouting(), true)
            ? ImportRequest.RoutingColumn.DROP
            : ImportRequest.RoutingColumn.KEEP,
        tenants,
        body.tenants(),
        or(body.parallel(), ImportRequest.DEFAULT_PARALLEL),
        choice(body.shared(), "shared", ImportRequest.Shared.class, ImportRequest.Shared.COPY),
        choice(
            body.nullRouting(),
            "null_routing",
            ImportRequest.NullRouting.class,
            ImportRequest.NullRouting.REFUSE),
        body.controlWorkspace(),
        tenantMap(body));
  }

  private static Map<String, String> tenantMap(ImportSpec body) {
    if (body.tenantMap() == null) {
      return Map.of();
    }
    for (Map.Entry<String, String> entry : body.tenantMap().entrySet()) {
      if (entry.getValue() == null) {
        throw AdminException.invalid(
            "tenant_map", "entry " + entry.getKey() + " must name a tenant as a string");
      }
    }
    return body.tenantMap();
  }

  private static ImportSource source(ImportSpec body) {
    return new ImportSource(
        Requests.required(body.host(), "host"),
        or(body.port(), 5432),
        Requests.required(body.database(), "database"),
        Requests.required(body.user(), "user"),
        body.password());
  }

  private static String routingField(ImportSpec body) {
    return body.routingField() == null ? "tenant_id" : body.routingField();
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static <E extends Enum<E>> E choice(
      String text, String field, Class<E> type, E fallback) {
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

  private static long id(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AdminException.invalid("id", "must be an import number, got '" + text + "'");
    }
  }
}
