/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
import dev.tdb.admin.metadata.PageRequest;
import io.javalin.http.Context;
import java.util.Map;

/** Reads request bodies and query parameters; every refusal names the field. */
final class Requests {
  private final ObjectMapper json;

  Requests(ObjectMapper json) {
    this.json = json;
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

  /** A required string field. */
  static String text(JsonNode body, String field) {
    String value = optionalText(body, field);
    if (value == null) {
      throw AdminException.invalid(field, "is required");
    }
    return value;
  }

  /** An optional string field, null when absent or null. */
  static String optionalText(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw AdminException.invalid(field, "must be a string");
    }
    return node.textValue();
  }

  /** An integer field; {@code fallback} when absent. */
  static int integer(JsonNode body, String field, Integer fallback) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      if (fallback == null) {
        throw AdminException.invalid(field, "is required");
      }
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw AdminException.invalid(field, "must be an integer");
    }
    return node.intValue();
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
