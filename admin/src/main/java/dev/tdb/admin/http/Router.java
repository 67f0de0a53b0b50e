/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import dev.tdb.admin.accounts.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/** Registers handlers with Javalin, authenticating where needed, and lists what it registered. */
final class Router {
  /** A handler for an authenticated caller. */
  @FunctionalInterface
  interface AuthedHandler {
    void handle(Context ctx, Caller caller) throws Exception;
  }

  private final RoutesConfig routes;
  private final Auth auth;
  private final List<String> endpoints = new ArrayList<>();

  Router(RoutesConfig routes, Auth auth) {
    this.routes = routes;
    this.auth = auth;
  }

  /** A handler that needs no credentials. */
  void open(HandlerType method, String path, Handler handler) {
    routes.addHttpHandler(method, path, handler);
    endpoints.add(method.name() + " " + path);
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

  private void authed(HandlerType method, String path, AuthedHandler handler) {
    open(method, path, ctx -> handler.handle(ctx, auth.caller(ctx)));
  }
}
