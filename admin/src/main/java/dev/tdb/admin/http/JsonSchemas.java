/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * JSON Schemas (draft 2020-12, the dialect of OpenAPI 3.1) of the types the admin API reads and
 * writes, taken from the very mapper that writes them: property names, order, inclusion and enum
 * values are Jackson's own view of each type, so the schema cannot name a field the wire lacks.
 *
 * <p>A non-generic bean or enum becomes a named component and is referenced; a generic one ({@code
 * Page<Tenant>}) is written in place. Descriptions come from {@code @JsonPropertyDescription} and
 * {@code @JsonClassDescription}; a property is nullable when its type is JSpecify-{@link Nullable}.
 * In an answer a property is required when the mapper always writes it; in a request record that
 * leaves out what it does not set ({@code @JsonInclude(NON_NULL)}), when it is not nullable.
 */
final class JsonSchemas {
  private static final String COMPONENTS = "#/components/schemas/";

  private final ObjectMapper json;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final Map<String, ObjectNode> components = new TreeMap<>();
  private final Map<Class<?>, String> names = new HashMap<>();

  JsonSchemas(ObjectMapper json) {
    this.json = json;
  }

  /** The schema of {@code type}: a reference to its component, or the schema itself. */
  ObjectNode schema(Type type) {
    return schema(json.constructType(type));
  }

  /** Every component schema made so far, by name. */
  Map<String, ObjectNode> components() {
    return components;
  }

  /** The component named {@code name}, to refine what its Java type cannot say. */
  ObjectNode component(String name) {
    ObjectNode component = components.get(name);
    if (component == null) {
      throw new IllegalStateException("no component schema " + name);
    }
    return component;
  }

  private ObjectNode schema(JavaType type) {
    Class<?> raw = type.getRawClass();
    Optional<ObjectNode> scalar = scalar(raw);
    if (scalar.isPresent()) {
      return scalar.get();
    }
    if (type.isReferenceType()) {
      return schema(type.getReferencedType());
    }
    if (type.isContainerType() && !type.isMapLikeType()) {
      ObjectNode array = nodes.objectNode().put("type", "array");
      array.set("items", schema(type.getContentType()));
      return array;
    }
    if (type.isMapLikeType()) {
      ObjectNode map = nodes.objectNode().put("type", "object");
      map.set("additionalProperties", schema(type.getContentType()));
      return map;
    }
    if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
      return nodes.objectNode();
    }
    if (type.hasGenericTypes()) {
      return bean(type);
    }
    return reference(raw, type);
  }

  private Optional<ObjectNode> scalar(Class<?> raw) {
    String kind;
    String format = null;
    if (raw == String.class || raw == char.class || raw == Character.class) {
      kind = "string";
    } else if (raw == boolean.class || raw == Boolean.class) {
      kind = "boolean";
    } else if (raw == int.class || raw == Integer.class || raw == short.class) {
      kind = "integer";
      format = "int32";
    } else if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
      kind = "integer";
      format = "int64";
    } else if (raw == double.class || raw == Double.class || raw == float.class) {
      kind = "number";
      format = "double";
    } else if (raw == BigDecimal.class) {
      kind = "number";
    } else {
      return Optional.empty();
    }
    ObjectNode schema = nodes.objectNode().put("type", kind);
    if (format != null) {
      schema.put("format", format);
    }
    return Optional.of(schema);
  }

  private ObjectNode reference(Class<?> raw, JavaType type) {
    String name = names.get(raw);
    if (name == null) {
      name = name(raw);
      if (names.containsValue(name)) {
        throw new IllegalStateException(
            "two types are named " + name + " in the OpenAPI document: " + raw.getName());
      }
      names.put(raw, name);
      // Registered before it is filled, so a type that contains itself refers to itself.
      ObjectNode placeholder = nodes.objectNode();
      components.put(name, placeholder);
      placeholder.setAll(raw.isEnum() ? enumeration(raw) : bean(type));
    }
    return nodes.objectNode().put("$ref", COMPONENTS + name);
  }

  /** The simple name, with the enclosing types' names before it for a nested type. */
  private static String name(Class<?> raw) {
    StringBuilder name = new StringBuilder(raw.getSimpleName());
    for (Class<?> outer = raw.getEnclosingClass();
        outer != null;
        outer = outer.getEnclosingClass()) {
      name.insert(0, outer.getSimpleName());
    }
    return name.toString();
  }

  private ObjectNode enumeration(Class<?> raw) {
    ObjectNode schema = nodes.objectNode().put("type", "string");
    ArrayNode values = schema.putArray("enum");
    for (Object constant : raw.getEnumConstants()) {
      values.add(json.convertValue(constant, String.class));
    }
    return schema;
  }

  private ObjectNode bean(JavaType type) {
    BeanDescription description = json.getSerializationConfig().introspect(type);
    ObjectNode schema = nodes.objectNode().put("type", "object");
    String summary = description.findClassDescription();
    if (summary != null && !summary.isEmpty()) {
      schema.put("description", summary);
    }
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = nodes.arrayNode();
    JsonInclude.Include inclusion =
        description
            .findPropertyInclusion(json.getSerializationConfig().getDefaultPropertyInclusion())
            .getValueInclusion();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (!property.couldSerialize()) {
        continue;
      }
      if (property.getPrimaryMember().hasAnnotation(JsonUnwrapped.class)) {
        // Its properties sit beside this type's own on the wire.
        ArrayNode parts =
            schema.has("allOf") ? (ArrayNode) schema.get("allOf") : schema.putArray("allOf");
        parts.add(schema(property.getPrimaryType()));
        continue;
      }
      boolean nullable = nullable(property);
      ObjectNode value = property(property, nullable);
      properties.set(property.getName(), value);
      JsonInclude.Include own = property.findInclusion().getValueInclusion();
      JsonInclude.Include effective = own == JsonInclude.Include.USE_DEFAULTS ? inclusion : own;
      boolean alwaysWritten =
          effective == JsonInclude.Include.ALWAYS || effective == JsonInclude.Include.USE_DEFAULTS;
      if (requestOnly(type) ? !nullable : alwaysWritten) {
        required.add(property.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return schema;
  }

  /** A request record: it leaves out what it does not set ({@code @JsonInclude(NON_NULL)}). */
  private static boolean requestOnly(JavaType type) {
    JsonInclude include = type.getRawClass().getAnnotation(JsonInclude.class);
    return include != null && include.value() != JsonInclude.Include.ALWAYS;
  }

  private ObjectNode property(BeanPropertyDefinition property, boolean nullable) {
    ObjectNode schema = schema(property.getPrimaryType()).deepCopy();
    if (nullable) {
      if (schema.has("$ref")) {
        ObjectNode either = nodes.objectNode();
        either.putArray("anyOf").add(schema).add(nodes.objectNode().put("type", "null"));
        schema = either;
      } else {
        JsonNode kind = schema.get("type");
        schema.putArray("type").add(kind).add("null");
      }
    }
    String description = property.getMetadata().getDescription();
    if (description != null && !description.isEmpty()) {
      schema.put("description", description);
    }
    return schema;
  }

  /** Whether the property's declared type carries JSpecify's {@link Nullable}. */
  private static boolean nullable(BeanPropertyDefinition property) {
    for (AnnotatedMember member :
        new AnnotatedMember[] {property.getField(), property.getGetter(), property.getAccessor()}) {
      if (member == null) {
        continue;
      }
      AnnotatedElement element = member.getAnnotated();
      if (element instanceof Field field
          && field.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
        return true;
      }
      if (element instanceof Method method
          && method.getAnnotatedReturnType().isAnnotationPresent(Nullable.class)) {
        return true;
      }
    }
    return false;
  }
}
