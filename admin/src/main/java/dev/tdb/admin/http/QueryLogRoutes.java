/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.http.Operation.Access.PROXY;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.generic;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.HourlyQueries;
import dev.tdb.admin.metadata.LoggedQuery;
import dev.tdb.core.api.Items;
import dev.tdb.core.stats.StatementStatsReport;
import dev.tdb.core.stats.StatementSummary;
import java.util.List;
import java.util.Map;

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

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(
                POST,
                "/v1/proxy/query-events",
                "postQueryEvents",
                PROXY,
                "Store a batch of query-log events, for the proxy")
            .description(
                "Only for admin accounts (the proxy authenticates as one). One event "
                    + "per statement, in the shape of the driver's query-log line; at most "
                    + "1000 per request. Events are kept for 7 days.")
            .body(LoggedQuery[].class)
            .returnsNothing(204, "stored")
            .errors(INVALID)
            .build(),
        Operation.of(
                GET,
                "/v1/tenants/{logical}/logs",
                "getTenantLogs",
                READ,
                "Recent statements of a tenant, newest first")
            .description(
                "From the proxy's query log. SQL text as the proxy cut it; parameter "
                    + "values are never logged.")
            .path("logical", "a tenant's logical name")
            .query(
                "since",
                String.class,
                "how far back: a number and s, m, h or d (default 1h)",
                Map.of("pattern", "^[1-9][0-9]{0,5}[smhd]$"))
            .query(
                "type",
                String.class,
                "`error`: statements that ended with a SQLSTATE; `slow`: statements "
                    + "that took at least `slow_ms`",
                Map.of("enum", List.of("error", "slow")))
            .query(
                "slow_ms",
                double.class,
                "the threshold of `slow` in ms (default 1000)",
                Map.of("minimum", 0))
            .query(
                "limit",
                int.class,
                "at most this many statements (1 to 1000, default 100)",
                Map.of("minimum", 1, "maximum", 1000))
            .returns(200, "the statements", generic(Items.class, LoggedQuery.class))
            .errors(INVALID, NOT_FOUND)
            .build(),
        Operation.of(
                POST,
                "/v1/proxy/statement-stats",
                "postStatementStats",
                PROXY,
                "Add a window of statement statistics, for the proxy")
            .description(
                "Only for admin accounts (the proxy authenticates as one, with a "
                    + "routing-scoped API key). One request per flush: per logical database "
                    + "and statement fingerprint, calls, rows, total and longest time and "
                    + "errors by SQLSTATE; added to the five-minute bucket the window "
                    + "started in (merged with what is there). Kept as long as the query log "
                    + "(query_log.retention).")
            .body(StatementStatsReport.class)
            .returnsNothing(204, "added")
            .errors(INVALID)
            .build(),
        Operation.of(
                GET,
                "/v1/tenants/{logical}/statements",
                "getTenantStatements",
                READ,
                "Top statements of a tenant")
            .description(
                "From the proxy's statement statistics: statements (normalized, "
                    + "constants as $n placeholders) summed over the five-minute buckets "
                    + "since the given time, the largest first by the chosen figure. Only "
                    + "the tenant's owner (member or admin scope, or a read-only key) reads "
                    + "them.")
            .path("logical", "a tenant's logical name")
            .query(
                "by",
                String.class,
                "total (default), calls, mean or errors",
                Map.of("enum", List.of("total", "calls", "mean", "errors")))
            .query(
                "since",
                String.class,
                "how far back: a number and s, m, h or d (default 1h), rounded down to "
                    + "a five-minute bucket",
                Map.of("pattern", "^[1-9][0-9]{0,5}[smhd]$"))
            .query(
                "limit",
                int.class,
                "statements returned, 1 to 1000 (default 20)",
                Map.of("minimum", 1, "maximum", 1000))
            .returns(
                200, "the statements, largest first", generic(Items.class, StatementSummary.class))
            .errors(INVALID, NOT_FOUND)
            .build(),
        Operation.of(
                GET,
                "/v1/tenants/{logical}/metrics",
                "getTenantMetrics",
                READ,
                "Hourly query figures of a tenant")
            .description(
                "From the proxy's statement statistics (every statement, logged one by "
                    + "one or not): per hour with statements, the count, average and longest "
                    + "duration, and how many ended with a SQLSTATE.")
            .path("logical", "a tenant's logical name")
            .query(
                "since",
                String.class,
                "how far back: a number and s, m, h or d (default 24h)",
                Map.of("pattern", "^[1-9][0-9]{0,5}[smhd]$"))
            .returns(200, "the hours, oldest first", generic(Items.class, HourlyQueries.class))
            .errors(INVALID, NOT_FOUND)
            .build());
  }
}
