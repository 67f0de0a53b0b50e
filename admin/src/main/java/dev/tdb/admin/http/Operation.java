/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.accounts.RouteClass;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * One operation of the admin API: where it is served, its name and summary in the OpenAPI document,
 * and who may call it.
 *
 * @param method the HTTP method
 * @param path the path as registered with Javalin, {@code {name}} for a path parameter
 * @param operationId the document's {@code operationId}
 * @param access whether credentials are needed and which route class the caller's scope must open
 * @param summary the document's {@code summary}
 */
record Operation(
    HandlerType method, String path, String operationId, Access access, String summary) {

  /** Who may call an operation. */
  enum Access {
    /** No credentials: health, probes, metrics, the document itself. */
    OPEN(null),
    READ(RouteClass.READ),
    WRITE(RouteClass.WRITE),
    ROUTING(RouteClass.ROUTING),
    PROXY(RouteClass.PROXY);

    private final RouteClass routeClass;

    Access(RouteClass routeClass) {
      this.routeClass = routeClass;
    }

    /** The class the caller's scope must open; empty for an operation open to anyone. */
    Optional<RouteClass> routeClass() {
      return Optional.ofNullable(routeClass);
    }
  }

  /** {@code "METHOD /path"}, as {@link Router} lists registered endpoints. */
  String endpoint() {
    return method.name() + " " + path;
  }
}
