/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static dev.tdb.admin.http.Operation.Access.OPEN;
import static dev.tdb.admin.http.Operation.generic;
import static io.javalin.http.HandlerType.GET;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every operation the admin API serves, one entry each, kept beside the handlers in each {@code
 * *Routes} class. The router registers a handler only for an entry here, with the entry's access
 * ({@link Router}), and {@link OpenApiDocument} makes the served document from the same entries, so
 * a route cannot be served undocumented or documented unserved. {@code POST /v1/query} runs SQL the
 * caller wrote on many tenants: it may write, hence WRITE.
 */
final class Operations {
  private static final List<Operation> ALL =
      Stream.of(
              service(),
              AccountRoutes.operations(),
              CredentialRoutes.operations(),
              ClusterRoutes.operations(),
              WorkspaceRoutes.operations(),
              TenantRoutes.operations(),
              RoutingRoutes.operations(),
              BlueprintRoutes.operations(),
              DeploymentRoutes.operations(),
              QueryLogRoutes.operations(),
              ImportRoutes.operations(),
              QueryRoutes.operations())
          .flatMap(List::stream)
          .toList();

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

  private static Map<String, Operation> index() {
    Map<String, Operation> index = new LinkedHashMap<>();
    for (Operation operation : ALL) {
      if (index.put(operation.endpoint(), operation) != null) {
        throw new IllegalStateException(operation.endpoint() + " is listed twice in Operations");
      }
    }
    return Map.copyOf(index);
  }

  /** The service's own operations: health, probes, metrics and this document. */
  private static List<Operation> service() {
    return List.of(
        Operation.of(GET, "/v1/health", "health", OPEN, "Liveness")
            .returns(200, "the service runs", generic(Map.class, String.class, String.class))
            .build(),
        Operation.of(GET, "/healthz", "healthz", OPEN, "Liveness probe")
            .description("200 while the process runs; see docs/operations.md.")
            .returns(200, "the service runs", Operation.Body.text())
            .build(),
        Operation.of(GET, "/readyz", "readyz", OPEN, "Readiness probe")
            .description(
                "200 when the metadata database answers SELECT 1 within 2 s; see "
                    + "docs/operations.md.")
            .returns(200, "ready", Operation.Body.text())
            .returns(503, "the metadata database does not answer", Operation.Body.text())
            .build(),
        Operation.of(GET, "/metrics", "metrics", OPEN, "Prometheus metrics")
            .description(
                "Prometheus text format 0.0.4: HTTP requests by route template and "
                    + "status, deployments, imports and tenants by status, cluster "
                    + "reachability; no tenant, workspace or account name. See "
                    + "docs/operations.md.")
            .returns(200, "the metrics", Operation.Body.text())
            .build(),
        Operation.of(GET, "/v1/openapi.json", "openapi", OPEN, "This document")
            .returns(200, "the OpenAPI document", JsonNode.class)
            .build());
  }
}
