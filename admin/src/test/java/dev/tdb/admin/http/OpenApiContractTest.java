/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tdb.core.api.ApiError;
import dev.tdb.core.api.ApiKeyCreate;
import dev.tdb.core.api.ClusterCreate;
import dev.tdb.core.api.CredentialCreate;
import dev.tdb.core.api.CredentialRotate;
import dev.tdb.core.api.DeploymentCreate;
import dev.tdb.core.api.FanOutQuery;
import dev.tdb.core.api.ImportSpec;
import dev.tdb.core.api.ProxyAccount;
import dev.tdb.core.api.SchemaImport;
import dev.tdb.core.api.TenantCreate;
import dev.tdb.core.api.WorkspaceCreate;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.stats.StatementStatsReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-kept OpenAPI document agrees with the contract records of {@code dev.tdb.core.api}: each
 * documented request and response body that a record defines has exactly the record's fields, and
 * no JSON request body is documented that neither a record nor an exception below accounts for.
 */
final class OpenApiContractTest {
  /** The admin service writes with this mapper's naming; the records fix their names anyway. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .build();

  private static final Map<String, Class<?>> REQUESTS =
      Map.ofEntries(
          entry("POST /v1/apikeys", ApiKeyCreate.class),
          entry("POST /v1/clusters", ClusterCreate.class),
          entry("POST /v1/credentials", CredentialCreate.class),
          entry("POST /v1/credentials/{id}/rotate", CredentialRotate.class),
          entry("POST /v1/deployments", DeploymentCreate.class),
          entry("POST /v1/query", FanOutQuery.class),
          entry("POST /v1/tenants", TenantCreate.class),
          entry("POST /v1/workspaces", WorkspaceCreate.class),
          entry("POST /v1/workspaces/{name}/imports", ImportSpec.class),
          entry("POST /v1/workspaces/{name}/schema", SchemaImport.class),
          entry("POST /v1/proxy/statement-stats", StatementStatsReport.class));

  /** An analysis reads the source fields of an import request and nothing else. */
  private static final Set<String> ANALYSIS_FIELDS =
      Set.of("host", "port", "database", "user", "password", "routing_field", "tenant_map");

  /** JSON request bodies that are no fixed record, and why. */
  private static final Set<String> NOT_RECORDS =
      Set.of(
          // The keys are the settings registry's (core.settings), each optional.
          "PATCH /v1/workspaces/{name}/settings",
          // An array of query-log events (LoggedQuery), not an object.
          "POST /v1/proxy/query-events",
          // No fields.
          "POST /v1/accounts");

  private static final Map<String, Class<?>> RESPONSES =
      Map.of(
          "GET /v1/proxy/accounts/{user}", ProxyAccount.class,
          "GET /v1/routing/{logical}", RoutingEntry.class,
          "GET /v1/proxy/routing/{logical}", RoutingEntry.class);

  private static JsonNode document;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
      document = JSON.readTree(in);
    }
  }

  @Test
  void everyRequestRecordIsDocumentedWithExactlyItsFields() {
    REQUESTS.forEach(
        (endpoint, type) ->
            assertThat(fields(requestSchema(endpoint))).as(endpoint).isEqualTo(fields(type)));
    assertThat(fields(requestSchema("POST /v1/workspaces/{name}/import-analysis")))
        .isEqualTo(new TreeSet<>(ANALYSIS_FIELDS))
        .isSubsetOf(fields(ImportSpec.class));
  }

  @Test
  void everyDocumentedJsonRequestBodyIsARecordOrAKnownException() {
    Set<String> unaccounted = new TreeSet<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation -> {
                          String endpoint =
                              operation.getKey().toUpperCase(java.util.Locale.ROOT)
                                  + " "
                                  + path.getKey();
                          boolean json =
                              operation
                                  .getValue()
                                  .path("requestBody")
                                  .path("content")
                                  .has("application/json");
                          if (json
                              && !REQUESTS.containsKey(endpoint)
                              && !NOT_RECORDS.contains(endpoint)
                              && !endpoint.endsWith("/import-analysis")) {
                            unaccounted.add(endpoint);
                          }
                        }));
    assertThat(unaccounted).isEmpty();
  }

  @Test
  void everyResponseRecordIsDocumentedWithExactlyItsFields() {
    RESPONSES.forEach(
        (endpoint, type) -> {
          String[] parts = endpoint.split(" ", 2);
          JsonNode schema =
              document
                  .get("paths")
                  .get(parts[1])
                  .get(parts[0].toLowerCase(java.util.Locale.ROOT))
                  .at("/responses/200/content/application~1json/schema");
          assertThat(fields(schema)).as(endpoint).isEqualTo(fields(type));
        });
    JsonNode error = resolve(document.at("/components/schemas/Error"));
    assertThat(fields(error)).isEqualTo(fields(ApiError.Body.class));
    assertThat(fields(error.at("/properties/error"))).isEqualTo(fields(ApiError.class));
  }

  private static JsonNode requestSchema(String endpoint) {
    String[] parts = endpoint.split(" ", 2);
    JsonNode operation =
        document.get("paths").path(parts[1]).path(parts[0].toLowerCase(java.util.Locale.ROOT));
    assertThat(operation.isMissingNode()).as(endpoint + " is documented").isFalse();
    return operation.at("/requestBody/content/application~1json/schema");
  }

  /** The property names of {@code schema}, following {@code $ref} and {@code allOf}. */
  private static Set<String> fields(JsonNode schema) {
    JsonNode resolved = resolve(schema);
    Set<String> names = new TreeSet<>();
    resolved.path("properties").fieldNames().forEachRemaining(names::add);
    resolved.path("allOf").forEach(part -> names.addAll(fields(part)));
    return names;
  }

  private static JsonNode resolve(JsonNode schema) {
    JsonNode node = schema;
    while (node.has("$ref")) {
      node = document.at(node.get("$ref").asText().substring(1));
      assertThat(node.isMissingNode()).as(schema.toString()).isFalse();
    }
    return node;
  }

  /** The JSON property names of {@code type} as the admin service writes and reads them. */
  private static Set<String> fields(Class<?> type) {
    BeanDescription description =
        JSON.getSerializationConfig().introspect(JSON.constructType(type));
    Set<String> names = new TreeSet<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      names.add(property.getName());
    }
    return names;
  }
}
