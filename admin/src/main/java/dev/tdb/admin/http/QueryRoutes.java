/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.query.FanOutPlan;
import dev.tdb.admin.query.FanOutRequest;
import dev.tdb.admin.query.QueryService;
import dev.tdb.core.api.FanOutQuery;
import java.io.OutputStream;

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
}
