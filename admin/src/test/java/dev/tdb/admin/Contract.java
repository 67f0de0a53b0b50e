/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tdb.admin.http.HttpApi;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds every answer a test receives to the OpenAPI document the service serves ({@link
 * HttpApi#openApiDocument()}, which OpenApiIT compares with what it serves): the status must be one
 * the document lists for the operation, and a JSON body must fit the schema it gives for that
 * status. Every admin test that talks to the service over {@link Api} thereby checks the document
 * against what the code really answers. Calls to paths the service does not serve are left alone
 * (the tests of unknown routes expect the 404 the document cannot list).
 */
final class Contract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final JsonNode DOCUMENT = read();
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private Contract() {}

  /** Fails the test when {@code response} to {@code call} is not what the document says. */
  static void check(AdminApiCall call, AdminApiResponse response) {
    String path = call.path().startsWith("/") ? call.path() : "/" + call.path();
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    String method = call.method().toLowerCase(Locale.ROOT);
    Optional<String> template = template(path, method);
    if (template.isEmpty()) {
      return;
    }
    String operation = call.method() + " " + template.get();
    JsonNode answer = DOCUMENT.get("paths").get(template.get()).get(method).get("responses");
    JsonNode documented = answer.get(String.valueOf(response.status()));
    if (documented == null) {
      throw new AssertionError(
          operation
              + " answered "
              + response.status()
              + ", which the OpenAPI document does not list: "
              + response.text());
    }
    documented = resolve(documented);
    JsonNode schema = documented.at("/content/application~1json/schema");
    if (schema.isMissingNode()) {
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError(operation + " answered " + response.status() + " without JSON", e);
    }
    String key = operation + " " + response.status();
    List<Error> errors = COMPILED.computeIfAbsent(key, unused -> compile(schema)).validate(body);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          operation
              + " answered "
              + response.status()
              + " against its schema: "
              + errors
              + "\n"
              + body);
    }
  }

  private static Optional<String> template(String path, String method) {
    JsonNode paths = DOCUMENT.get("paths");
    Optional<String> best = Optional.empty();
    int bestLiterals = -1;
    for (Iterator<String> names = paths.fieldNames(); names.hasNext(); ) {
      String template = names.next();
      if (!paths.get(template).has(method)) {
        continue;
      }
      String regex = template.replaceAll("\\{[^}]+}", "[^/]+");
      if (Pattern.matches(regex, path)) {
        int literals = template.replaceAll("\\{[^}]+}", "").length();
        if (literals > bestLiterals) {
          best = Optional.of(template);
          bestLiterals = literals;
        }
      }
    }
    return best;
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode resolved = node;
    while (resolved.has("$ref")) {
      resolved = DOCUMENT.at(resolved.get("$ref").asText().substring(1));
    }
    return resolved;
  }

  /** The schema with the document's components beside it, so that its references resolve. */
  private static Schema compile(JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.putArray("allOf").add(schema);
    root.set("components", DOCUMENT.get("components"));
    return SCHEMAS.getSchema(root.toString());
  }

  private static JsonNode read() {
    try {
      return JSON.readTree(HttpApi.openApiDocument());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
