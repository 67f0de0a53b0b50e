/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.LoggedQuery;
import dev.tdb.core.api.Items;
import dev.tdb.core.stats.StatementStatsReport;
import java.util.List;

/**
 * {@code POST /v1/proxy/query-events} and {@code /v1/proxy/statement-stats} (what the proxy sends)
 * and the owner's reads {@code GET /v1/tenants/{logical}/logs}, {@code /statements} and {@code
 * /metrics}.
 */
final class QueryLogRoutes {
  /** Events a log read returns unless {@code limit} says otherwise. */
  private static final int DEFAULT_LIMIT = 100;

  /** Statements a top read returns unless {@code limit} says otherwise. */
  private static final int DEFAULT_TOP = 20;

  private QueryLogRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/proxy/query-events",
        (ctx, caller) -> {
          List<LoggedQuery> batch = List.of(requests.bodyAs(ctx, LoggedQuery[].class));
          services.queryLog().record(caller, batch);
          ctx.status(204);
        });
    router.get(
        "/v1/tenants/{logical}/logs",
        (ctx, caller) ->
            ctx.json(
                new Items<>(
                    services
                        .queryLog()
                        .logs(
                            caller,
                            ctx.pathParam("logical"),
                            ctx.queryParam("since"),
                            ctx.queryParam("type"),
                            number(ctx.queryParam("slow_ms"), "slow_ms"),
                            (int)
                                (double)
                                    numberOr(ctx.queryParam("limit"), "limit", DEFAULT_LIMIT)))));
    router.post(
        "/v1/proxy/statement-stats",
        (ctx, caller) -> {
          services
              .queryLog()
              .statements()
              .record(caller, requests.bodyAs(ctx, StatementStatsReport.class));
          ctx.status(204);
        });
    router.get(
        "/v1/tenants/{logical}/statements",
        (ctx, caller) ->
            ctx.json(
                new Items<>(
                    services
                        .queryLog()
                        .statements()
                        .top(
                            caller,
                            ctx.pathParam("logical"),
                            ctx.queryParam("by"),
                            ctx.queryParam("since"),
                            (int) numberOr(ctx.queryParam("limit"), "limit", DEFAULT_TOP)))));
    router.get(
        "/v1/tenants/{logical}/metrics",
        (ctx, caller) ->
            ctx.json(
                new Items<>(
                    services
                        .queryLog()
                        .metrics(caller, ctx.pathParam("logical"), ctx.queryParam("since")))));
  }

  private static double numberOr(String value, String name, int fallback) {
    Double number = number(value, name);
    return number == null ? fallback : number;
  }

  private static Double number(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      double number = Double.parseDouble(value);
      if (number >= 0 && number <= Integer.MAX_VALUE) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Answered below like a negative number.
    }
    throw AdminException.invalid(name, "must be a non-negative number, got '" + value + "'");
  }
}
