/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tdb.core.settings.WorkspaceSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The routing endpoint of the admin service on a real socket: entries with ETags, If-None-Match,
 * 401 and 404 with the documented error body, and a record of every request.
 */
final class AdminStub implements AutoCloseable {
  static final String UNKNOWN_HINT = "tdb tenants list --blueprint myapp";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "/v1/routing/";
  private static final String PROXY_PREFIX = "/v1/proxy/routing/";

  /** What the stub saw of one request. */
  record Request(String rawPath, String rawQuery, String authorization, String ifNoneMatch) {}

  private final Map<String, RoutingEntry> entries = new ConcurrentHashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String requiredAuthorization;
  private volatile int forcedStatus;
  private volatile String forcedBody;
  private volatile CountDownLatch gate;
  private int port;
  private HttpServer server;
  private ExecutorService executor;

  private AdminStub() {}

  /** A stub listening on 127.0.0.1 on a free port. */
  static AdminStub start() {
    AdminStub stub = new AdminStub();
    stub.restart();
    return stub;
  }

  /** An active tenant entry with a password that tests look for in logs and strings. */
  static RoutingEntry entry(String logicalName, long epoch) {
    return new RoutingEntry(
        logicalName,
        RoutingEntry.Mode.TENANT,
        "myapp_workspace",
        RoutingEntry.Status.ACTIVE,
        "127.0.0.1",
        5432,
        "disable",
        logicalName,
        logicalName + "__rt",
        "runtime-password-" + epoch,
        WorkspaceSettings.defaults(),
        epoch);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  void put(RoutingEntry entry) {
    entries.put(entry.logicalName(), entry);
  }

  /** Makes {@code account} the owner of {@code logicalName} for on-behalf-of requests. */
  void own(String logicalName, String account) {
    owners.put(logicalName, account);
  }

  /** Answers 401 to requests whose Authorization header differs from {@code authorization}. */
  void requireAuthorization(String authorization) {
    requiredAuthorization = authorization;
  }

  /** Answers every routing request with this status and body. */
  void answer(int status, String body) {
    forcedStatus = status;
    forcedBody = body;
  }

  /** Records requests but answers none until {@link #releaseResponses()}. */
  void holdResponses() {
    gate = new CountDownLatch(1);
  }

  void releaseResponses() {
    gate.countDown();
  }

  int requestCount() {
    return requests.size();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request lastRequest() {
    return requests.get(requests.size() - 1);
  }

  /** Closes the socket: connections are refused until {@link #restart()}. */
  void stop() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Listens again, on the same port as before. */
  void restart() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    port = server.getAddress().getPort();
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext(PREFIX, this::handle);
    server.createContext(PROXY_PREFIX, this::handle);
    server.start();
  }

  @Override
  public void close() {
    if (gate != null) {
      gate.countDown();
    }
    stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    URI uri = exchange.getRequestURI();
    requests.add(new Request(uri.getRawPath(), uri.getRawQuery(), authorization, ifNoneMatch));
    awaitGate();
    boolean onBehalf = uri.getPath().startsWith(PROXY_PREFIX);
    String name = uri.getPath().substring(onBehalf ? PROXY_PREFIX.length() : PREFIX.length());
    RoutingEntry entry = entries.get(name);
    if (onBehalf && !("account=" + owners.get(name)).equals(uri.getQuery())) {
      entry = null;
    }
    if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"tdb\"");
      send(exchange, 401, error("unauthenticated", "bad credentials", null));
    } else if (forcedStatus != 0) {
      send(exchange, forcedStatus, forcedBody);
    } else if (entry == null) {
      send(exchange, 404, error("not_found", name + " does not exist", UNKNOWN_HINT));
    } else {
      String etag = "\"" + entry.epoch() + "\"";
      exchange.getResponseHeaders().add("ETag", etag);
      if (etag.equals(ifNoneMatch)) {
        exchange.sendResponseHeaders(304, -1);
        exchange.close();
      } else {
        send(exchange, 200, JSON.writeValueAsString(entry));
      }
    }
  }

  private void awaitGate() {
    CountDownLatch current = gate;
    if (current == null) {
      return;
    }
    try {
      current.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String error(String code, String message, String hint) {
    String hintField = hint == null ? "" : ",\"hint\":\"" + hint + "\"";
    return "{\"error\":{\"code\":\""
        + code
        + "\",\"message\":\""
        + message
        + "\""
        + hintField
        + "}}";
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
