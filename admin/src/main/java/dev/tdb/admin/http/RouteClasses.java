/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.accounts.RouteClass.PROXY;
import static dev.tdb.admin.accounts.RouteClass.READ;
import static dev.tdb.admin.accounts.RouteClass.ROUTING;
import static dev.tdb.admin.accounts.RouteClass.WRITE;
import static java.util.Map.entry;

import dev.tdb.admin.accounts.RouteClass;
import java.util.Map;
import java.util.Set;

/**
 * The class of every authenticated route, which the caller's scope must open. The router refuses to
 * register a route missing here, so a new route cannot be served without a decision.
 */
final class RouteClasses {
  private static final Map<String, RouteClass> TABLE =
      Map.ofEntries(
          entry("POST /v1/accounts", WRITE),
          entry("POST /v1/apikeys", WRITE),
          entry("GET /v1/apikeys", READ),
          entry("DELETE /v1/apikeys/{id}", WRITE),
          entry("GET /v1/audit", READ),
          entry("POST /v1/credentials", WRITE),
          entry("GET /v1/credentials", READ),
          entry("POST /v1/credentials/{id}/rotate", WRITE),
          entry("DELETE /v1/credentials/{id}", WRITE),
          entry("GET /v1/blueprints", READ),
          entry("GET /v1/blueprints/{name}", READ),
          entry("GET /v1/blueprints/{name}/versions", READ),
          entry("GET /v1/blueprints/{name}/drift", READ),
          entry("GET /v1/workspaces/{name}/diff", READ),
          entry("POST /v1/workspaces/{name}/diff/{version}/skip", WRITE),
          entry("POST /v1/workspaces/{name}/diff/{version}/revert", WRITE),
          entry("POST /v1/workspaces/{name}/schema", WRITE),
          entry("POST /v1/clusters", WRITE),
          entry("GET /v1/clusters", READ),
          entry("GET /v1/clusters/{name}", READ),
          entry("DELETE /v1/clusters/{name}", WRITE),
          entry("POST /v1/deployments", WRITE),
          entry("GET /v1/deployments", READ),
          entry("GET /v1/deployments/{id}", READ),
          entry("POST /v1/workspaces/{name}/import-analysis", WRITE),
          entry("POST /v1/workspaces/{name}/imports", WRITE),
          entry("POST /v1/imports/{id}/resume", WRITE),
          entry("GET /v1/imports/{id}", READ),
          entry("POST /v1/proxy/query-events", PROXY),
          entry("POST /v1/proxy/statement-stats", PROXY),
          entry("GET /v1/proxy/accounts/{user}", PROXY),
          entry("GET /v1/proxy/routing/{logical}", PROXY),
          entry("GET /v1/tenants/{logical}/logs", READ),
          entry("GET /v1/tenants/{logical}/metrics", READ),
          entry("GET /v1/tenants/{logical}/statements", READ),
          // Runs SQL the caller wrote on many tenants: it may write.
          entry("POST /v1/query", WRITE),
          entry("GET /v1/routing/{logical}", ROUTING),
          entry("GET /v1/routing", ROUTING),
          entry("POST /v1/tenants", WRITE),
          entry("GET /v1/tenants", READ),
          entry("GET /v1/tenants/{logical}", READ),
          entry("DELETE /v1/tenants/{logical}", WRITE),
          entry("POST /v1/tenants/{logical}/restore", WRITE),
          entry("POST /v1/tenants/{logical}/suspend", WRITE),
          entry("POST /v1/tenants/{logical}/resume", WRITE),
          entry("POST /v1/workspaces", WRITE),
          entry("GET /v1/workspaces", READ),
          entry("GET /v1/workspaces/{name}", READ),
          entry("DELETE /v1/workspaces/{name}", WRITE),
          entry("GET /v1/workspaces/{name}/settings", READ),
          entry("PATCH /v1/workspaces/{name}/settings", WRITE));

  private RouteClasses() {}

  /**
   * The class of {@code endpoint} ({@code "METHOD /path"} as registered).
   *
   * @throws IllegalStateException when the table has no entry for it
   */
  static RouteClass of(String endpoint) {
    RouteClass routeClass = TABLE.get(endpoint);
    if (routeClass == null) {
      throw new IllegalStateException(
          endpoint + " has no route class: add it to RouteClasses and docs/admin-api.md");
    }
    return routeClass;
  }

  /** Every endpoint the table classifies. */
  static Set<String> endpoints() {
    return TABLE.keySet();
  }
}
