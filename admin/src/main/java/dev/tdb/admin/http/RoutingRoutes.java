/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.http.Operation.Access.PROXY;
import static dev.tdb.admin.http.Operation.Access.ROUTING;
import static io.javalin.http.HandlerType.GET;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.routing.RoutingTable;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.core.api.ProxyAccount;
import dev.tdb.core.routing.RoutingEntry;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code /v1/routing}: entries with {@code ETag: "<epoch>"} and {@code If-None-Match} → 304; and
 * {@code /v1/proxy}: what the proxy needs to authenticate and route an account's clients.
 */
final class RoutingRoutes {
  private RoutingRoutes() {}

  static void register(Router router, Services services) {
    router.get(
        "/v1/routing/{logical}",
        (ctx, caller) -> {
          RoutingEntry entry = services.routing().entry(caller, ctx.pathParam("logical"));
          if (!notModified(ctx, entry.epoch())) {
            ctx.json(entry);
          }
        });
    router.get(
        "/v1/routing",
        (ctx, caller) -> {
          RoutingTable table = services.routing().table(caller);
          if (!notModified(ctx, table.epoch())) {
            ctx.json(table);
          }
        });
    registerProxy(router, services);
  }

  private static void registerProxy(Router router, Services services) {
    router.get(
        "/v1/proxy/accounts/{user}",
        (ctx, caller) -> {
          String user = ctx.pathParam("user");
          ctx.json(
              DataCredentials.isUser(user)
                  ? services.credentials().proxyAccount(caller, user)
                  : services.accounts().proxyAccount(caller, user));
        });
    router.get(
        "/v1/proxy/routing/{logical}",
        (ctx, caller) -> {
          String account = ctx.queryParam("account");
          if (account == null || account.isEmpty()) {
            throw AdminException.invalid(
                "account", "is required: the account user the client authenticated as");
          }
          RoutingEntry entry =
              services.routing().entryOnBehalfOf(caller, account, ctx.pathParam("logical"));
          if (!notModified(ctx, entry.epoch())) {
            ctx.json(entry);
          }
        });
  }

  /** Sets the ETag, and answers 304 when the client already has this epoch. */
  private static boolean notModified(Context ctx, long epoch) {
    String etag = "\"" + epoch + "\"";
    ctx.header("ETag", etag);
    ctx.header("Cache-Control", "private, no-cache");
    String ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag) || tag.equals("*")) {
        ctx.status(304);
        return true;
      }
    }
    return false;
  }

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(
                GET,
                "/v1/routing/{logical}",
                "getRoutingEntry",
                ROUTING,
                "The caller's routing entry of a logical database")
            .description(
                "A soft-deleted tenant answers with status `deleted` until it is "
                    + "hard-deleted, then 404.")
            .path("logical", "a workspace's or tenant's logical name")
            .conditional()
            .returnsTagged(200, "the entry", RoutingEntry.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(
                GET,
                "/v1/routing",
                "getRoutingTable",
                ROUTING,
                "Every routing entry the caller owns")
            .description(
                "The ETag is the table's epoch: the latest change to any of the "
                    + "caller's entries, removals included.")
            .conditional()
            .returnsTagged(200, "the table", RoutingTable.class)
            .build(),
        Operation.of(
                GET,
                "/v1/proxy/accounts/{user}",
                "getProxyAccount",
                PROXY,
                "An account's SCRAM verifier, for the proxy")
            .description(
                "Only for admin accounts (the proxy authenticates as one). The proxy "
                    + "runs SCRAM-SHA-256 with the account's clients against this verifier "
                    + "and never sees their secrets.")
            .path("user", "the account user (`tdb_` + 8 hex)")
            .returns(200, "the account's verifier", ProxyAccount.class)
            .errors(NOT_FOUND)
            .build(),
        Operation.of(
                GET,
                "/v1/proxy/routing/{logical}",
                "getProxyRoutingEntry",
                PROXY,
                "A routing entry on behalf of the account that owns it, for the proxy")
            .description(
                "Only for admin accounts (the proxy authenticates as one). 404 unless "
                    + "`account` owns the logical database, so a client authenticated as one "
                    + "account never reaches another account's database.")
            .path("logical", "a workspace's or tenant's logical name")
            .requiredQuery("account", String.class, "the account user the client authenticated as")
            .conditional()
            .returnsTagged(200, "the entry", RoutingEntry.class)
            .errors(INVALID, NOT_FOUND)
            .build());
  }
}
