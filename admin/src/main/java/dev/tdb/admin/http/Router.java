/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.accounts.Caller;
import dev.tdb.admin.accounts.RouteClass;
import dev.tdb.admin.accounts.Scope;
import dev.tdb.admin.errors.AdminError;
import dev.tdb.admin.errors.AdminException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Registers handlers with Javalin for the operations {@link Operations} lists, authenticating where
 * the entry says so, and lists what it registered.
 */
final class Router {
  /** A handler for an authenticated caller. */
  @FunctionalInterface
  interface AuthedHandler {
    void handle(Context ctx, Caller caller) throws Exception;
  }

  private final RoutesConfig routes;
  private final Auth auth;
  private final List<String> endpoints = new ArrayList<>();
  private final List<String> authedEndpoints = new ArrayList<>();

  Router(RoutesConfig routes, Auth auth) {
    this.routes = routes;
    this.auth = auth;
  }

  /** A handler that needs no credentials, for an {@link Operations} entry of access OPEN. */
  void open(HandlerType method, String path, Handler handler) {
    Operation operation = operation(method, path);
    if (operation.access().routeClass().isPresent()) {
      throw new IllegalStateException(
          operation.endpoint() + " needs credentials in Operations: register it authenticated");
    }
    add(operation, handler);
  }

  void get(String path, AuthedHandler handler) {
    authed(HandlerType.GET, path, handler);
  }

  void post(String path, AuthedHandler handler) {
    authed(HandlerType.POST, path, handler);
  }

  void patch(String path, AuthedHandler handler) {
    authed(HandlerType.PATCH, path, handler);
  }

  void delete(String path, AuthedHandler handler) {
    authed(HandlerType.DELETE, path, handler);
  }

  /** Every registered endpoint as {@code "METHOD /path"}. */
  List<String> endpoints() {
    return List.copyOf(endpoints);
  }

  /** Endpoints that need credentials, as {@code "METHOD /path"}. */
  List<String> authedEndpoints() {
    return List.copyOf(authedEndpoints);
  }

  private void authed(HandlerType method, String path, AuthedHandler handler) {
    Operation operation = operation(method, path);
    RouteClass required =
        operation
            .access()
            .routeClass()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        operation.endpoint() + " is open in Operations: register it with open()"));
    authedEndpoints.add(operation.endpoint());
    add(operation, ctx -> handler.handle(ctx, permitted(auth.caller(ctx), required)));
  }

  private void add(Operation operation, Handler handler) {
    routes.addHttpHandler(operation.method(), operation.path(), handler);
    endpoints.add(operation.endpoint());
  }

  private static Operation operation(HandlerType method, String path) {
    String endpoint = method.name() + " " + path;
    return Operations.find(endpoint)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    endpoint
                        + " is not in Operations: add its entry (operationId, summary, access) and"
                        + " its docs/admin-api.md row"));
  }

  private static Caller permitted(Caller caller, RouteClass required) {
    if (caller.scope().allows(required)) {
      return caller;
    }
    if (caller.scope() == Scope.CREDENTIAL) {
      throw new AdminException(
          AdminError.CREDENTIAL_NOT_ALLOWED,
          "data-plane credential "
              + caller.user()
              + " connects to databases only; it cannot use the admin API",
          "use the account's user and secret or an API key ('tdb apikeys create') for the admin"
              + " API");
    }
    throw new AdminException(
        AdminError.SCOPE_INSUFFICIENT,
        "an API key of scope "
            + caller.scope().json()
            + " cannot use "
            + required.name().toLowerCase(Locale.ROOT)
            + " routes",
        "use a key with a scope that can: tdb apikeys create --scope "
            + Scope.narrowestFor(required).json());
  }
}
