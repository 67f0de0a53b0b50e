/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.CONFLICT;
import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.errors.AdminException.Kind.RATE_LIMITED;
import static dev.tdb.admin.errors.AdminException.Kind.REFUSED;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.imports.Analysis;
import dev.tdb.admin.imports.ImportRequest;
import dev.tdb.admin.imports.ImportSource;
import dev.tdb.admin.imports.ImportStatus;
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

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(
                POST,
                "/v1/workspaces/{name}/import-analysis",
                "analyzeImport",
                WRITE,
                "Analyze a shared database for an import, changing nothing")
            .path("name", "the tenant workspace")
            .body(ImportSpec.class)
            .returns(
                200,
                "tables with and without the routing field, what each shared-table "
                    + "choice would do (shared_table_effects), tenants with rows per table, "
                    + "NULL routing values, cross-tenant foreign keys, size and time "
                    + "estimate, the target's free space when it can be known (free_space)",
                Analysis.class)
            .errors(INVALID, RATE_LIMITED, NOT_FOUND, REFUSED)
            .build(),
        Operation.of(
                POST,
                "/v1/workspaces/{name}/imports",
                "startImport",
                WRITE,
                "Import a shared database: schema (kind full) and each tenant's rows")
            .path("name", "the tenant workspace")
            .body(ImportSpec.class)
            .returns(
                202, "the import, running; follow it with GET /v1/imports/{id}", ImportStatus.class)
            .errors(INVALID, RATE_LIMITED, NOT_FOUND, CONFLICT, REFUSED)
            .build(),
        Operation.of(
                GET, "/v1/imports/{id}", "getImport", READ, "An import with each tenant's status")
            .path("id", long.class, "the import's number")
            .returns(200, "the import with each tenant's status and row counts", ImportStatus.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(
                POST,
                "/v1/imports/{id}/resume",
                "resumeImport",
                WRITE,
                "Import the failed and pending tenants of a failed import again, with "
                    + "its options")
            .description(
                "Starts a new import of those tenants' data into tenants that may "
                    + "exist; the source's password is the one the import was started with.")
            .path("id", long.class, "the failed import's number")
            .returns(
                202,
                "the new import, running; follow it with GET /v1/imports/{id}",
                ImportStatus.class)
            .errors(INVALID, RATE_LIMITED, NOT_FOUND, CONFLICT, REFUSED)
            .build());
  }
}
