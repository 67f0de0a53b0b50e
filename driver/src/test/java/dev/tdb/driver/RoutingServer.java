/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin service's routing endpoint ({@code GET /v1/routing/{logical}}) on a real socket, for
 * driver tests while the admin module's server is not there yet: entries with ETags, 401 for other
 * credentials, 404 for unknown names, as docs/admin-api.md describes.
 */
final class RoutingServer implements AutoCloseable {
  static final AdminCredentials.Account ACCOUNT =
      new AdminCredentials.Account("tdb_0a1b2c3d", "account-secret");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/v1/routing/";

  private final Map<String, RoutingEntry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final HttpServer server;

  private RoutingServer(HttpServer server) {
    this.server = server;
  }

  /** A server on 127.0.0.1 and a free port. */
  static RoutingServer start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      RoutingServer routing = new RoutingServer(server);
      server.createContext(PREFIX, routing::handle);
      server.start();
      return routing;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code jdbc:tdb:} URL for {@code logicalName} with the test account's credentials. */
  String url(String logicalName) {
    return urlWithoutCredentials(logicalName)
        + "?user="
        + ACCOUNT.user()
        + "&password="
        + ACCOUNT.secret();
  }

  /** A {@code jdbc:tdb:} URL for {@code logicalName} without credentials. */
  String urlWithoutCredentials(String logicalName) {
    return "jdbc:tdb://127.0.0.1:" + server.getAddress().getPort() + "/" + logicalName;
  }

  void put(RoutingEntry entry) {
    entries.put(entry.logicalName(), entry);
  }

  int requestCount() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String name = exchange.getRequestURI().getPath().substring(PREFIX.length());
    RoutingEntry entry = entries.get(name);
    if (!ACCOUNT.authorization().equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"tdb\"");
      send(exchange, 401, error("unauthenticated", "invalid credentials"));
    } else if (entry == null) {
      send(exchange, 404, error("not_found", "database " + name + " does not exist"));
    } else {
      String etag = "\"" + entry.epoch() + "\"";
      exchange.getResponseHeaders().add("ETag", etag);
      if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
      } else {
        send(exchange, 200, JSON.writeValueAsString(entry));
      }
    }
  }

  private static String error(String code, String message) {
    return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
