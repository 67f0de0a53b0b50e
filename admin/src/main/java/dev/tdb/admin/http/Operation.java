/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.tdb.admin.accounts.RouteClass;
import dev.tdb.admin.errors.AdminException;
import dev.tdb.admin.metadata.Page;
import io.javalin.http.HandlerType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation of the admin API: where it is served, who may call it, and everything the OpenAPI
 * document says of it. Bodies are Java types, whose schemas {@link JsonSchemas} derives from the
 * mapper that reads and writes them.
 *
 * @param method the HTTP method
 * @param path the path as registered with Javalin, {@code {name}} for a path parameter
 * @param operationId the document's {@code operationId}
 * @param access whether credentials are needed and which route class the caller's scope must open
 * @param summary the document's {@code summary}
 * @param description the document's {@code description}, empty for none
 * @param parameters path, query and header parameters, in the document's order
 * @param request the request body, if the operation reads one
 * @param requestOptional whether the request body may be left out
 * @param replies the answers other than errors, by status
 * @param errors the kinds of error the operation's handler answers with; the 401 and 403 of
 *     authentication and scope come with every operation that needs credentials
 */
record Operation(
    HandlerType method,
    String path,
    String operationId,
    Access access,
    String summary,
    String description,
    List<Param> parameters,
    Optional<Body> request,
    boolean requestOptional,
    List<Reply> replies,
    List<AdminException.Kind> errors) {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)}");

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

  /** Where a parameter travels. */
  enum In {
    PATH,
    QUERY,
    HEADER
  }

  /**
   * A parameter.
   *
   * @param name its name
   * @param in where it travels
   * @param required whether the request must carry it
   * @param description what it means
   * @param type its Java type, which gives its schema
   * @param constraints schema keywords the type cannot say ({@code minimum}, {@code pattern}, ...)
   */
  record Param(
      String name,
      In in,
      boolean required,
      String description,
      Type type,
      Map<String, Object> constraints) {}

  /**
   * What a request or an answer carries.
   *
   * @param mediaType its media type
   * @param type the Java type whose schema it has; empty for plain text
   * @param description an addition to the schema's own description, empty for none
   * @param partial whether any non-empty subset of the type's properties will do, as in a PATCH
   */
  record Body(String mediaType, Optional<Type> type, String description, boolean partial) {
    static Body json(Type type) {
      return new Body("application/json", Optional.of(type), "", false);
    }

    /** Some of the properties of {@code type}, at least one. */
    static Body partial(Type type) {
      return new Body("application/json", Optional.of(type), "", true);
    }

    static Body text() {
      return new Body("text/plain", Optional.empty(), "", false);
    }

    /** The NDJSON lines of a fan-out query, which {@code admin.query.Lines} writes. */
    static Body lines() {
      return new Body(
          "application/x-ndjson",
          Optional.empty(),
          "one JSON object per line: columns, row, result per tenant, summary last"
              + " (docs/admin-api.md)",
          false);
    }
  }

  /**
   * An answer other than an error.
   *
   * @param status its HTTP status
   * @param description what it means
   * @param body what it carries, empty for none
   * @param etag whether it carries an {@code ETag} header
   */
  record Reply(int status, String description, Optional<Body> body, boolean etag) {}

  /** {@code "METHOD /path"}, as {@link Router} lists registered endpoints. */
  String endpoint() {
    return method.name() + " " + path;
  }

  /** Starts the entry for {@code method path}. */
  static Builder of(
      HandlerType method, String path, String operationId, Access access, String summary) {
    return new Builder(method, path, operationId, access, summary);
  }

  /** {@code type} with {@code parameters} for its type variables, as {@code Page<Tenant>}. */
  static Type generic(Class<?> type, Class<?>... parameters) {
    return TypeFactory.defaultInstance().constructParametricType(type, parameters);
  }

  /** Collects one entry of {@link Operations}. */
  static final class Builder {
    private final HandlerType method;
    private final String path;
    private final String operationId;
    private final Access access;
    private final String summary;
    private String description = "";
    private final List<Param> parameters = new ArrayList<>();
    private Body request;
    private boolean requestOptional;
    private final List<Reply> replies = new ArrayList<>();
    private final List<AdminException.Kind> errors = new ArrayList<>();

    private Builder(
        HandlerType method, String path, String operationId, Access access, String summary) {
      this.method = method;
      this.path = path;
      this.operationId = operationId;
      this.access = access;
      this.summary = summary;
    }

    Builder description(String text) {
      this.description = text;
      return this;
    }

    /** Describes the path parameter {@code {name}}, a string. */
    Builder path(String name, String text) {
      return path(name, String.class, text);
    }

    /** Describes the path parameter {@code {name}} of {@code type}. */
    Builder path(String name, Type type, String text) {
      parameters.add(new Param(name, In.PATH, true, text, type, Map.of()));
      return this;
    }

    /** An optional query parameter. */
    Builder query(String name, Type type, String text) {
      return query(name, type, text, Map.of());
    }

    /** An optional query parameter with schema keywords its type cannot say. */
    Builder query(String name, Type type, String text, Map<String, Object> constraints) {
      parameters.add(new Param(name, In.QUERY, false, text, type, constraints));
      return this;
    }

    /** A query parameter the request must carry. */
    Builder requiredQuery(String name, Type type, String text) {
      parameters.add(new Param(name, In.QUERY, true, text, type, Map.of()));
      return this;
    }

    /** The {@code limit} and {@code after} of a paged list; {@code after} says what it holds. */
    Builder paged(String after) {
      query(
              "limit",
              int.class,
              "entries per page",
              Map.of("minimum", 1, "maximum", Page.MAX_LIMIT, "default", Page.DEFAULT_LIMIT))
          .query("after", String.class, after);
      return this;
    }

    /** {@code If-None-Match}, answered with 304 while the ETag still holds. */
    Builder conditional() {
      parameters.add(
          new Param(
              "If-None-Match",
              In.HEADER,
              false,
              "an ETag received before; 304 when nothing changed",
              String.class,
              Map.of()));
      replies.add(
          new Reply(304, "unchanged since the ETag sent in If-None-Match", Optional.empty(), true));
      return this;
    }

    /** A JSON request body of {@code type}. */
    Builder body(Type type) {
      return body(Body.json(type));
    }

    Builder body(Body body) {
      this.request = body;
      return this;
    }

    /** A JSON request body of {@code type} that may be left out. */
    Builder optionalBody(Type type) {
      this.requestOptional = true;
      return body(type);
    }

    /** An answer with a JSON body of {@code type}. */
    Builder returns(int status, String text, Type type) {
      return returns(status, text, Body.json(type));
    }

    Builder returns(int status, String text, Body body) {
      replies.add(new Reply(status, text, Optional.of(body), false));
      return this;
    }

    /** An answer with a JSON body of {@code type} and the entry's {@code ETag}. */
    Builder returnsTagged(int status, String text, Type type) {
      replies.add(new Reply(status, text, Optional.of(Body.json(type)), true));
      return this;
    }

    /** An answer without a body. */
    Builder returnsNothing(int status, String text) {
      replies.add(new Reply(status, text, Optional.empty(), false));
      return this;
    }

    Builder errors(AdminException.Kind... kinds) {
      errors.addAll(List.of(kinds));
      return this;
    }

    Operation build() {
      List<Param> all = new ArrayList<>();
      Matcher names = PATH_PARAMETER.matcher(path);
      while (names.find()) {
        String name = names.group(1);
        all.add(
            parameters.stream()
                .filter(param -> param.in() == In.PATH && param.name().equals(name))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            method + " " + path + " does not describe {" + name + "}")));
      }
      parameters.stream().filter(param -> param.in() != In.PATH).forEach(all::add);
      if (all.size() != parameters.size()) {
        throw new IllegalStateException(method + " " + path + " describes a parameter it lacks");
      }
      if (replies.isEmpty()) {
        throw new IllegalStateException(method + " " + path + " has no answer");
      }
      return new Operation(
          method,
          path,
          operationId,
          access,
          summary,
          description,
          List.copyOf(all),
          Optional.ofNullable(request),
          requestOptional,
          List.copyOf(replies),
          List.copyOf(errors));
    }
  }
}
