/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.errors.AdminException.Kind.INVALID;
import static dev.tdb.admin.errors.AdminException.Kind.NOT_FOUND;
import static dev.tdb.admin.errors.AdminException.Kind.RATE_LIMITED;
import static dev.tdb.admin.errors.AdminException.Kind.UNAVAILABLE;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static io.javalin.http.HandlerType.POST;

import dev.tdb.admin.query.FanOutPlan;
import dev.tdb.admin.query.FanOutRequest;
import dev.tdb.admin.query.QueryService;
import dev.tdb.core.api.FanOutQuery;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code POST /v1/query}: one statement on many tenants, answered as NDJSON while it runs. What can
 * be refused is refused before the first byte, as an ordinary JSON error.
 */
final class QueryRoutes {
  private QueryRoutes() {}

  static void register(Router router, Services services, Requests requests) {
    router.post(
        "/v1/query",
        (ctx, caller) -> {
          FanOutPlan plan =
              services.query().plan(caller, request(requests.read(ctx, FanOutQuery.class)));
          try (QueryService.Slot slot = services.query().slot(caller)) {
            ctx.status(200).contentType("application/x-ndjson");
            OutputStream out = ctx.res().getOutputStream();
            services.query().run(plan, out);
          }
        });
  }

  private static FanOutRequest request(FanOutQuery body) {
    return new FanOutRequest(
        Requests.required(body.sql(), "sql"),
        body.tenants(),
        body.blueprint(),
        Boolean.TRUE.equals(body.all()),
        Boolean.TRUE.equals(body.write())
            ? FanOutRequest.Access.READ_WRITE
            : FanOutRequest.Access.READ_ONLY,
        body.timeoutMs() == null ? FanOutRequest.DEFAULT_TIMEOUT_MS : body.timeoutMs(),
        body.parallelism() == null ? FanOutRequest.DEFAULT_PARALLELISM : body.parallelism());
  }

  /** The operations this class serves, for {@link Operations}. */
  static List<Operation> operations() {
    return List.of(
        Operation.of(
                POST, "/v1/query", "fanOutQuery", WRITE, "Run one SQL statement on many tenants")
            .description(
                "Runs the statement on each tenant as its runtime role, through the "
                    + "tenant policy (no DDL, no transaction control or session settings), "
                    + "in a READ ONLY transaction unless write is true, with a per-tenant "
                    + "statement timeout and the workspace's max_rows_per_query, at most "
                    + "parallelism tenants at once. Refusals (invalid request, SQL the "
                    + "tenant policy refuses, unknown tenants) come before anything runs, as "
                    + "JSON errors. Otherwise the answer is NDJSON, streamed while tenants "
                    + "answer: per tenant a columns line (for a statement that returns "
                    + "rows), row lines, and one result line; suspended and deleted tenants "
                    + "get a result line with status skipped; a summary line comes last. "
                    + "Lines of different tenants interleave.")
            .body(FanOutQuery.class)
            .returns(
                200,
                "one JSON object per line: QueryColumns, QueryRow, QueryResult per "
                    + "tenant, QuerySummary last",
                Operation.Body.lines())
            .errors(INVALID, NOT_FOUND, RATE_LIMITED, UNAVAILABLE)
            .build());
  }
}
