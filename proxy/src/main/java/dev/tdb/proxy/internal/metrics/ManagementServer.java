/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tdb.proxy.ProxyConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The proxy's management port: {@code GET /metrics} (Prometheus text), {@code /healthz} (200 while
 * the process runs) and {@code /readyz} (200 when {@code ready} says so, else 503). The JDK's own
 * HTTP server, on one thread of its own: three tiny GET endpoints need no HTTP codec on the proxy's
 * event loops, no new dependency, and a slow scrape or readiness probe never delays a client.
 */
public final class ManagementServer implements AutoCloseable {
  private static final String TEXT = "text/plain; charset=utf-8";

  /** The content type of the Prometheus text format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private ManagementServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code host:port} (0 for any free port).
   *
   * @param metrics the Prometheus text of {@code /metrics}
   * @param ready whether {@code /readyz} answers 200
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static ManagementServer start(
      String host, int port, Supplier<String> metrics, BooleanSupplier ready) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for management on " + host + ":" + port, e);
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "tdb-proxy-management");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/metrics", get(e -> answer(e, 200, PROMETHEUS_TEXT, metrics.get())));
    server.createContext(
        ProxyConfig.Management.HEALTH_PATH, get(e -> answer(e, 200, TEXT, "ok\n")));
    server.createContext(
        ProxyConfig.Management.READY_PATH,
        get(
            e -> {
              boolean ok = ready.getAsBoolean();
              answer(e, ok ? 200 : 503, TEXT, ok ? "ready\n" : "not ready\n");
            }));
    server.start();
    return new ManagementServer(server, executor);
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  /** Answers GET and HEAD on exactly the context's path; 404 below it, 405 for other methods. */
  private static com.sun.net.httpserver.HttpHandler get(Handler handler) {
    return exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (!path.equals(exchange.getHttpContext().getPath())) {
          answer(exchange, 404, TEXT, "not found\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
          answer(exchange, 405, TEXT, "method not allowed\n");
        } else {
          handler.handle(exchange);
        }
      }
    };
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops listening at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
