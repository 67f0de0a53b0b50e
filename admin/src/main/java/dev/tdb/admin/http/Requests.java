/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.Map;

/** Reads request bodies and query parameters; every refusal names the field. */
final class Requests {
  private final ObjectMapper json;

  /**
   * Reads contract records as strictly as a field-by-field reading would: no string for a number,
   * no number for a string or a boolean, no fraction for an integer; unknown fields are ignored.
   */
  private final ObjectMapper strict =
      JsonMapper.builder()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .withCoercionConfig(
              LogicalType.Textual,
              config ->
                  config
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .build();

  Requests(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The body (a JSON object; an empty body is an empty object) read as contract record {@code
   * type}; a field of the wrong type is refused naming the field.
   */
  <T> T read(Context ctx, Class<T> type) {
    return read(body(ctx), type);
  }

  /** {@code body} read as contract record {@code type}, as {@link #read(Context, Class)}. */
  <T> T read(JsonNode body, Class<T> type) {
    try {
      return strict.treeToValue(body, type);
    } catch (MismatchedInputException e) {
      throw AdminException.invalid(field(e), expected(e.getTargetType()));
    } catch (JsonProcessingException e) {
      throw AdminException.invalid(field(e), "cannot be read: " + e.getOriginalMessage());
    }
  }

  /** {@code value}, refused as a missing {@code field} when null. */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw AdminException.invalid(field, "is required");
    }
    return value;
  }

  private static String field(JsonProcessingException e) {
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String name = mapping.getPath().get(0).getFieldName();
      if (name != null) {
        return name;
      }
    }
    return "body";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "must be a list";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "must be an object of strings";
    }
    return "has the wrong type";
  }

  /** The body as a JSON object; an empty body is an empty object. */
  JsonNode body(Context ctx) {
    String text = ctx.body();
    if (text.isBlank()) {
      return json.createObjectNode();
    }
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw AdminException.invalid("body", "must be a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw AdminException.invalid("body", "must be a JSON object");
    }
    return node;
  }

  /** The body read as {@code type} (a JSON array for an array type). */
  <T> T bodyAs(Context ctx, Class<T> type) {
    try {
      return json.readValue(ctx.body(), type);
    } catch (JsonProcessingException e) {
      throw AdminException.invalid("body", "cannot be read: " + e.getOriginalMessage());
    }
  }

  /** The body as keys to plain values (numbers, booleans, strings). */
  Map<String, Object> bodyMap(Context ctx) {
    return json.convertValue(
        body(ctx), json.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
  }

  /** The page a list request asks for ({@code limit}, {@code after}). */
  static PageRequest page(Context ctx) {
    String limit = ctx.queryParam("limit");
    int size = Page.DEFAULT_LIMIT;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw AdminException.invalid(
            "limit", "must be an integer from 1 to " + Page.MAX_LIMIT + ", got '" + limit + "'");
      }
    }
    return new PageRequest(size, ctx.queryParam("after"));
  }

  /** A true/false query parameter; false when absent. */
  static boolean flag(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw AdminException.invalid(name, "must be true or false, got '" + value + "'");
  }
}
