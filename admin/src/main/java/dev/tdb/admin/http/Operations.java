/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.http.Operation.Access.OPEN;
import static dev.tdb.admin.http.Operation.Access.PROXY;
import static dev.tdb.admin.http.Operation.Access.READ;
import static dev.tdb.admin.http.Operation.Access.ROUTING;
import static dev.tdb.admin.http.Operation.Access.WRITE;
import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.GET;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;

import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every operation the admin API serves, one entry each. The router registers a handler only for an
 * entry here, with the entry's access ({@link Router}), and the OpenAPI document's operations are
 * checked against this table (OpenApiContractTest), so a route cannot be served undocumented or
 * documented unserved. {@code POST /v1/query} runs SQL the caller wrote on many tenants: it may
 * write, hence WRITE.
 */
final class Operations {
  private static final List<Operation> ALL =
      List.of(
          op(
              POST,
              "/v1/credentials",
              "createCredential",
              WRITE,
              "Issue a data-plane credential for the tenants of one of the caller's blueprints"),
          op(
              GET,
              "/v1/credentials",
              "listCredentials",
              READ,
              "List the caller's credentials (without secrets)"),
          op(
              POST,
              "/v1/credentials/{id}/rotate",
              "rotateCredential",
              WRITE,
              "Give a credential a new secret; the previous ones keep working for the overlap"),
          op(
              DELETE,
              "/v1/credentials/{id}",
              "revokeCredential",
              WRITE,
              "Revoke a credential: new logins fail at once, proxy sessions end within the proxy's verifier_ttl"),
          op(GET, "/v1/health", "health", OPEN, "Liveness"),
          op(GET, "/healthz", "healthz", OPEN, "Liveness probe"),
          op(GET, "/readyz", "readyz", OPEN, "Readiness probe"),
          op(GET, "/metrics", "metrics", OPEN, "Prometheus metrics"),
          op(GET, "/v1/openapi.json", "openapi", OPEN, "This document"),
          op(POST, "/v1/accounts", "createAccount", WRITE, "Create an account"),
          op(POST, "/v1/apikeys", "createApiKey", WRITE, "Create an API key"),
          op(
              GET,
              "/v1/apikeys",
              "listApiKeys",
              READ,
              "List the caller's API keys (without the keys)"),
          op(DELETE, "/v1/apikeys/{id}", "revokeApiKey", WRITE, "Revoke an API key"),
          op(POST, "/v1/clusters", "registerCluster", WRITE, "Register a PostgreSQL server"),
          op(GET, "/v1/clusters", "listClusters", READ, "List clusters"),
          op(GET, "/v1/clusters/{name}", "getCluster", READ, "Get a cluster"),
          op(DELETE, "/v1/clusters/{name}", "removeCluster", WRITE, "Remove a cluster"),
          op(POST, "/v1/workspaces", "createWorkspace", WRITE, "Create a workspace"),
          op(GET, "/v1/workspaces", "listWorkspaces", READ, "List the caller's workspaces"),
          op(GET, "/v1/workspaces/{name}", "getWorkspace", READ, "Get a workspace"),
          op(DELETE, "/v1/workspaces/{name}", "deleteWorkspace", WRITE, "Delete a workspace"),
          op(
              GET,
              "/v1/workspaces/{name}/settings",
              "getSettings",
              READ,
              "Get a workspace's settings"),
          op(
              PATCH,
              "/v1/workspaces/{name}/settings",
              "updateSettings",
              WRITE,
              "Change a workspace's settings"),
          op(POST, "/v1/tenants", "createTenant", WRITE, "Create a tenant"),
          op(GET, "/v1/tenants", "listTenants", READ, "List the caller's tenants"),
          op(GET, "/v1/tenants/{logical}", "getTenant", READ, "Get a tenant"),
          op(DELETE, "/v1/tenants/{logical}", "deleteTenant", WRITE, "Delete a tenant"),
          op(
              POST,
              "/v1/tenants/{logical}/restore",
              "restoreTenant",
              WRITE,
              "Restore a tenant (deleted → active)"),
          op(
              POST,
              "/v1/tenants/{logical}/suspend",
              "suspendTenant",
              WRITE,
              "Suspend a tenant (active → suspended: role NOLOGIN, sessions ended)"),
          op(
              POST,
              "/v1/tenants/{logical}/resume",
              "resumeTenant",
              WRITE,
              "Resume a tenant (suspended → active)"),
          op(
              GET,
              "/v1/routing/{logical}",
              "getRoutingEntry",
              ROUTING,
              "The caller's routing entry of a logical database"),
          op(GET, "/v1/routing", "getRoutingTable", ROUTING, "Every routing entry the caller owns"),
          op(GET, "/v1/audit", "listAudit", READ, "Admin actions, newest first"),
          op(
              GET,
              "/v1/proxy/accounts/{user}",
              "getProxyAccount",
              PROXY,
              "An account's SCRAM verifier, for the proxy"),
          op(
              POST,
              "/v1/proxy/query-events",
              "postQueryEvents",
              PROXY,
              "Store a batch of query-log events, for the proxy"),
          op(
              GET,
              "/v1/tenants/{logical}/logs",
              "getTenantLogs",
              READ,
              "Recent statements of a tenant, newest first"),
          op(
              POST,
              "/v1/proxy/statement-stats",
              "postStatementStats",
              PROXY,
              "Add a window of statement statistics, for the proxy"),
          op(
              GET,
              "/v1/tenants/{logical}/statements",
              "getTenantStatements",
              READ,
              "Top statements of a tenant"),
          op(
              GET,
              "/v1/tenants/{logical}/metrics",
              "getTenantMetrics",
              READ,
              "Hourly query figures of a tenant"),
          op(
              GET,
              "/v1/proxy/routing/{logical}",
              "getProxyRoutingEntry",
              PROXY,
              "A routing entry on behalf of the account that owns it, for the proxy"),
          op(GET, "/v1/blueprints", "listBlueprints", READ, "List the caller's blueprints"),
          op(GET, "/v1/blueprints/{name}", "getBlueprint", READ, "Get a blueprint"),
          op(
              GET,
              "/v1/blueprints/{name}/versions",
              "listBlueprintVersions",
              READ,
              "A blueprint's versions, oldest first"),
          op(
              GET,
              "/v1/blueprints/{name}/drift",
              "getBlueprintDrift",
              READ,
              "Tenants whose schema differs from the blueprint's template"),
          op(
              GET,
              "/v1/workspaces/{name}/diff",
              "getWorkspaceDiff",
              READ,
              "Versions captured in a tenant workspace and not yet deployed"),
          op(
              POST,
              "/v1/workspaces/{name}/diff/{version}/skip",
              "skipWorkspaceChange",
              WRITE,
              "Drop a version from the deploy queue"),
          op(
              POST,
              "/v1/workspaces/{name}/diff/{version}/revert",
              "revertWorkspaceChange",
              WRITE,
              "Undo the newest pending change in the workspace"),
          op(
              POST,
              "/v1/workspaces/{name}/schema",
              "importWorkspaceSchema",
              WRITE,
              "Import a schema into the workspace"),
          op(
              POST,
              "/v1/deployments",
              "createDeployment",
              WRITE,
              "Deploy a blueprint version to tenants"),
          op(GET, "/v1/deployments", "listDeployments", READ, "The caller's newest deployments"),
          op(
              POST,
              "/v1/workspaces/{name}/import-analysis",
              "analyzeImport",
              WRITE,
              "Analyze a shared database for an import, changing nothing"),
          op(
              POST,
              "/v1/workspaces/{name}/imports",
              "startImport",
              WRITE,
              "Import a shared database: schema (kind full) and each tenant's rows"),
          op(GET, "/v1/imports/{id}", "getImport", READ, "An import with each tenant's status"),
          op(
              POST,
              "/v1/imports/{id}/resume",
              "resumeImport",
              WRITE,
              "Import the failed and pending tenants of a failed import again, with its options"),
          op(
              GET,
              "/v1/deployments/{id}",
              "getDeployment",
              READ,
              "A deployment with each tenant's status"),
          op(POST, "/v1/query", "fanOutQuery", WRITE, "Run one SQL statement on many tenants"));

  private static final Map<String, Operation> BY_ENDPOINT = index();

  private Operations() {}

  /** Every operation, in the document's order. */
  static List<Operation> all() {
    return ALL;
  }

  /** The operation served at {@code endpoint} ({@code "METHOD /path"}), if any. */
  static Optional<Operation> find(String endpoint) {
    return Optional.ofNullable(BY_ENDPOINT.get(endpoint));
  }

  private static Operation op(
      HandlerType method,
      String path,
      String operationId,
      Operation.Access access,
      String summary) {
    return new Operation(method, path, operationId, access, summary);
  }

  private static Map<String, Operation> index() {
    Map<String, Operation> index = new LinkedHashMap<>();
    for (Operation operation : ALL) {
      if (index.put(operation.endpoint(), operation) != null) {
        throw new IllegalStateException(operation.endpoint() + " is listed twice in Operations");
      }
    }
    return Map.copyOf(index);
  }
}
