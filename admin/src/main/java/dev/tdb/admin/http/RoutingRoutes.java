/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.routing.RoutingTable;
import dev.tdb.admin.security.DataCredentials;
import dev.tdb.core.routing.RoutingEntry;
import io.javalin.http.Context;

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
}
