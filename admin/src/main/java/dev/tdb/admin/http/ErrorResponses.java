/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every error leaves as {@code {"error":{"code","message","hint"}}} with its status. */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private ErrorResponses() {}

  static void register(RoutesConfig routes) {
    routes.exception(AdminException.class, ErrorResponses::admin);
    routes.exception(HttpResponseException.class, ErrorResponses::javalin);
    routes.exception(Exception.class, ErrorResponses::unexpected);
  }

  private static void admin(AdminException e, Context ctx) {
    if (e.kind() == AdminException.Kind.UNAUTHENTICATED) {
      ctx.header("WWW-Authenticate", Auth.CHALLENGE);
    }
    if (e.retryAfterSeconds() > 0) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    if (e.kind() == AdminException.Kind.UNAVAILABLE) {
      LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
    }
    send(ctx, e.kind().status(), e.code(), e.getMessage(), e.hint());
  }

  private static void javalin(HttpResponseException e, Context ctx) {
    int status = e.getStatus();
    String code =
        switch (status) {
          case 404 -> "endpoint_not_found";
          case 405 -> "method_not_allowed";
          default -> "http_" + status;
        };
    String message =
        status == 404 ? "no endpoint " + ctx.method() + " " + ctx.path() : e.getMessage();
    send(ctx, status, code, message, status == 404 ? "see /v1/openapi.json" : null);
  }

  private static void unexpected(Exception e, Context ctx) {
    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    send(
        ctx,
        500,
        "internal_error",
        "the admin service failed: " + e.getClass().getSimpleName(),
        "see the admin service's log");
  }

  private static void send(Context ctx, int status, String code, String message, String hint) {
    ctx.status(status).json(new ApiError.Body(new ApiError(code, message, hint)));
  }
}
