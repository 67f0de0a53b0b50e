/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.core.api.ApiError;
import dev.tdb.core.settings.Setting;
import dev.tdb.core.settings.WorkspaceSettings;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 document of the admin API, made from {@link Operations} and the Java types the
 * operations read and write ({@link JsonSchemas}); error answers come from {@link AdminError} and
 * the workspace settings' limits from {@link Setting}. Nothing in it is kept by hand apart from the
 * prose the table carries.
 */
final class OpenApiDocument {
  private static final String ERROR = "#/components/responses/E";

  private final ObjectMapper json;
  private final JsonSchemas schemas;

  private OpenApiDocument(ObjectMapper json) {
    this.json = json;
    this.schemas = new JsonSchemas(json);
  }

  /** The document, for the mapper the admin service reads and writes with. */
  static ObjectNode build(ObjectMapper json) {
    return new OpenApiDocument(json).document();
  }

  /** The document as the bytes {@code GET /v1/openapi.json} answers with. */
  static byte[] bytes(ObjectMapper json) {
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(build(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode document() {
    ObjectNode document = json.createObjectNode().put("openapi", "3.1.0");
    document
        .putObject("info")
        .put("title", "tdb admin API")
        .put("version", "1")
        .put(
            "description",
            "The control plane of tdb: accounts, clusters, workspaces, tenants and the routing"
                + " table. See docs/admin-api.md.");
    document.putArray("servers").addObject().put("url", "/");
    ArrayNode security = document.putArray("security");
    security.addObject().putArray("basic");
    security.addObject().putArray("bearer");
    ObjectNode paths = document.putObject("paths");
    Set<AdminException.Kind> kinds = EnumSet.noneOf(AdminException.Kind.class);
    for (Operation operation : Operations.all()) {
      ObjectNode item =
          paths.has(operation.path())
              ? (ObjectNode) paths.get(operation.path())
              : paths.putObject(operation.path());
      item.set(operation.method().name().toLowerCase(Locale.ROOT), operation(operation));
      kinds.addAll(errors(operation));
    }
    ObjectNode components = document.putObject("components");
    securitySchemes(components.putObject("securitySchemes"));
    errorAnswers(components.putObject("responses"), kinds);
    settings();
    ObjectNode definitions = components.putObject("schemas");
    schemas.components().forEach(definitions::set);
    return document;
  }

  private ObjectNode operation(Operation operation) {
    ObjectNode node = json.createObjectNode();
    node.put("summary", operation.summary()).put("operationId", operation.operationId());
    if (!operation.description().isEmpty()) {
      node.put("description", operation.description());
    }
    if (operation.access().routeClass().isEmpty()) {
      node.putArray("security");
    }
    if (!operation.parameters().isEmpty()) {
      ArrayNode parameters = node.putArray("parameters");
      operation.parameters().forEach(param -> parameters.add(parameter(param)));
    }
    operation
        .request()
        .ifPresent(
            body -> {
              ObjectNode request = node.putObject("requestBody");
              request.put("required", !operation.requestOptional());
              request.set("content", content(body));
            });
    ObjectNode responses = node.putObject("responses");
    operation.replies().stream()
        .sorted(Comparator.comparingInt(Operation.Reply::status))
        .forEach(reply -> responses.set(String.valueOf(reply.status()), reply(reply)));
    errors(operation).stream()
        .map(AdminException.Kind::status)
        .sorted()
        .forEach(status -> responses.putObject(String.valueOf(status)).put("$ref", ERROR + status));
    return node;
  }

  /**
   * The kinds of error {@code operation} answers with: its own, and for an operation that needs
   * credentials the 401 and 403 that {@link Router} answers before any handler runs.
   */
  private static Set<AdminException.Kind> errors(Operation operation) {
    Set<AdminException.Kind> kinds = EnumSet.noneOf(AdminException.Kind.class);
    kinds.addAll(operation.errors());
    if (operation.access().routeClass().isPresent()) {
      kinds.add(AdminException.Kind.UNAUTHENTICATED);
      kinds.add(AdminException.Kind.FORBIDDEN);
    }
    return kinds;
  }

  private ObjectNode parameter(Operation.Param param) {
    ObjectNode node =
        json.createObjectNode()
            .put("name", param.name())
            .put("in", param.in().name().toLowerCase(Locale.ROOT))
            .put("required", param.required())
            .put("description", param.description());
    ObjectNode schema = schemas.schema(param.type()).deepCopy();
    param.constraints().forEach((keyword, value) -> schema.set(keyword, json.valueToTree(value)));
    node.set("schema", schema);
    return node;
  }

  private ObjectNode reply(Operation.Reply reply) {
    ObjectNode node = json.createObjectNode().put("description", reply.description());
    reply.body().ifPresent(body -> node.set("content", content(body)));
    if (reply.etag()) {
      node.putObject("headers")
          .putObject("ETag")
          .put("description", "`\"<epoch>\"`: send it back in If-None-Match")
          .putObject("schema")
          .put("type", "string");
    }
    return node;
  }

  private ObjectNode content(Operation.Body body) {
    ObjectNode schema =
        body.type()
            .map(type -> body.partial() ? partial(type) : schemas.schema(type).deepCopy())
            .orElseGet(() -> json.createObjectNode().put("type", "string"));
    if (!body.description().isEmpty()) {
      schema.put("description", body.description());
    }
    ObjectNode content = json.createObjectNode();
    content.putObject(body.mediaType()).set("schema", schema);
    return content;
  }

  /** The properties of {@code type}'s component, none of them required and at least one given. */
  private ObjectNode partial(java.lang.reflect.Type type) {
    String reference = schemas.schema(type).get("$ref").asText();
    ObjectNode component = schemas.component(reference.substring(reference.lastIndexOf('/') + 1));
    ObjectNode schema = json.createObjectNode().put("type", "object").put("minProperties", 1);
    schema.set("properties", component.get("properties"));
    return schema;
  }

  private static void securitySchemes(ObjectNode schemes) {
    schemes
        .putObject("basic")
        .put("type", "http")
        .put("scheme", "basic")
        .put("description", "account user and secret");
    schemes
        .putObject("bearer")
        .put("type", "http")
        .put("scheme", "bearer")
        .put("description", "an API key (`tdbk_…`)");
  }

  /** One shared answer per error kind the operations use, naming the codes it can carry. */
  private void errorAnswers(ObjectNode responses, Set<AdminException.Kind> kinds) {
    JsonNode body = schemas.schema(ApiError.Body.class);
    Map<AdminException.Kind, Set<String>> codes =
        EnumSet.allOf(AdminError.class).stream()
            .collect(
                Collectors.groupingBy(
                    AdminError::kind,
                    Collectors.mapping(AdminError::code, Collectors.toCollection(TreeSet::new))));
    kinds.stream()
        .sorted(Comparator.comparingInt(AdminException.Kind::status))
        .forEach(
            kind -> {
              ObjectNode response = responses.putObject("E" + kind.status());
              response.put(
                  "description",
                  kind.summary()
                      + "; error.code is one of: "
                      + String.join(", ", codes.getOrDefault(kind, Set.of())));
              response.putObject("content").putObject("application/json").set("schema", body);
              if (kind == AdminException.Kind.UNAUTHENTICATED) {
                response
                    .putObject("headers")
                    .putObject("WWW-Authenticate")
                    .putObject("schema")
                    .put("const", Auth.CHALLENGE);
              } else if (kind == AdminException.Kind.RATE_LIMITED) {
                response
                    .putObject("headers")
                    .putObject("Retry-After")
                    .putObject("schema")
                    .put("type", "integer");
              }
            });
  }

  /** The settings registry's description, default and range of every workspace setting. */
  private void settings() {
    JsonNode reference = schemas.schema(WorkspaceSettings.class);
    String name = reference.get("$ref").asText();
    ObjectNode properties =
        (ObjectNode) schemas.component(name.substring(name.lastIndexOf('/') + 1)).get("properties");
    for (Setting setting : Setting.values()) {
      ObjectNode property = (ObjectNode) properties.get(setting.key());
      if (property == null) {
        throw new IllegalStateException("WorkspaceSettings lacks the setting " + setting.key());
      }
      property.put("description", setting.description());
      property.set("default", json.valueToTree(setting.defaultValue()));
      if (!setting.isBoolean() && setting.choices().isEmpty()) {
        property.put("minimum", setting.min()).put("maximum", setting.max());
      }
    }
  }
}
