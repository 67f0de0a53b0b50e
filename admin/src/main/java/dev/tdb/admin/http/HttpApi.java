/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.tdb.admin.accounts.RouteClass;
import dev.tdb.admin.metrics.AdminMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The REST API of docs/admin-api.md on Javalin: routes, authentication, JSON and errors. */
public final class HttpApi implements AutoCloseable {

  /** The liveness probe: 200 while the process runs. */
  public static final String HEALTH_PATH = "/healthz";

  /** The readiness probe: 200 while the metadata database answers, else 503. */
  public static final String READY_PATH = "/readyz";

  private final Javalin app;
  private final List<String> endpoints;

  private HttpApi(Javalin app, List<String> endpoints) {
    this.app = app;
    this.endpoints = endpoints;
  }

  /**
   * Starts listening on {@code host:port} (port 0 picks a free port), with TLS when a key store is
   * given; requests are recorded in {@code metrics}, which also answers {@code /metrics} and {@code
   * /readyz}.
   */
  public static HttpApi start(
      Services services,
      String host,
      int port,
      Optional<javax.net.ssl.SSLContext> tls,
      AdminMetrics metrics) {
    ObjectMapper json = mapper();
    byte[] openApi = openApiDocument();
    Requests requests = new Requests(json);
    AtomicReference<List<String>> endpoints = new AtomicReference<>();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              // Javalin puts its handlers inside this one, which tracks requests in flight so that
              // a stop with a timeout lets them finish (see stop).
              config.jetty.modifyServer(server -> server.setHandler(new GracefulHandler()));
              tls.ifPresent(context -> TlsConnector.install(config.jetty, context, host, port));
              config.jsonMapper(new JavalinJackson(json, false));
              ErrorResponses.register(config.routes);
              config.requestLogger.http((ctx, millis) -> record(metrics, ctx, millis));
              Router router =
                  new Router(config.routes, new Auth(services.accounts(), services.credentials()));
              health(router, metrics);
              router.open(HandlerType.GET, "/v1/health", ctx -> ctx.json(Map.of("status", "ok")));
              router.open(
                  HandlerType.GET,
                  "/v1/openapi.json",
                  ctx -> ctx.contentType("application/json").result(openApi));
              AccountRoutes.register(router, services, requests);
              CredentialRoutes.register(router, services, requests);
              ClusterRoutes.register(router, services, requests);
              WorkspaceRoutes.register(router, services, requests);
              TenantRoutes.register(router, services, requests);
              RoutingRoutes.register(router, services);
              BlueprintRoutes.register(router, services, requests);
              DeploymentRoutes.register(router, services, requests);
              QueryLogRoutes.register(router, services, requests);
              ImportRoutes.register(router, services, requests);
              QueryRoutes.register(router, services, requests);
              endpoints.set(router.endpoints());
            });
    app.start(host, port);
    return new HttpApi(app, endpoints.get());
  }

  /**
   * {@code /healthz}, {@code /readyz} and {@code /metrics}, outside {@code /v1} and without
   * credentials, for probes and Prometheus: they show counts, statuses and cluster names, never a
   * tenant, workspace or account name (docs/operations.md).
   */
  private static void health(Router router, AdminMetrics metrics) {
    router.open(HandlerType.GET, HEALTH_PATH, ctx -> ctx.contentType("text/plain").result("ok\n"));
    router.open(
        HandlerType.GET,
        READY_PATH,
        ctx -> {
          boolean ready = metrics.ready();
          ctx.status(ready ? 200 : 503)
              .contentType("text/plain")
              .result(ready ? "ready\n" : "not ready: the metadata database does not answer\n");
        });
    router.open(
        HandlerType.GET,
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
  }

  private static void record(AdminMetrics metrics, Context ctx, Float millis) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    metrics.request(
        ctx.method().name(),
        endpoint == null ? null : endpoint.path,
        ctx.statusCode(),
        millis == null ? 0 : millis);
  }

  /** The mapper every request and answer is read and written with, and the document made for. */
  static ObjectMapper mapper() {
    return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  }

  /**
   * The OpenAPI document {@code GET /v1/openapi.json} answers with. It depends on the code alone,
   * so it is made once per JVM, not once per server started.
   */
  public static byte[] openApiDocument() {
    return Document.BYTES.clone();
  }

  /** Holds the document, made on first use. */
  private static final class Document {
    static final byte[] BYTES = OpenApiDocument.bytes(mapper());
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** Every endpoint as {@code "METHOD /path"}, as registered. */
  public List<String> endpoints() {
    return endpoints;
  }

  /**
   * Stops accepting connections at once, lets requests in flight finish for up to {@code grace},
   * then stops the server, ending what still runs.
   */
  public void stop(Duration grace) {
    // Jetty waits for its graceful parts (the connectors, the GracefulHandler) only when the
    // server's stop timeout is positive, and for at most that long.
    app.jettyServer().server().setStopTimeout(grace.toMillis());
    app.stop();
  }

  /**
   * The class of route {@code endpoint} ({@code "METHOD /path"}), which a caller's scope must open.
   *
   * @throws IllegalStateException for an endpoint that is open or not served
   */
  public static RouteClass routeClass(String endpoint) {
    return Operations.find(endpoint)
        .flatMap(operation -> operation.access().routeClass())
        .orElseThrow(
            () -> new IllegalStateException(endpoint + " is open or not served: it has no class"));
  }

  /** Every endpoint that needs credentials, each with a {@link #routeClass}. */
  public static Set<String> classifiedEndpoints() {
    return Operations.all().stream()
        .filter(operation -> operation.access().routeClass().isPresent())
        .map(Operation::endpoint)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Stops the server without waiting for requests in flight. */
  @Override
  public void close() {
    stop(Duration.ZERO);
  }
}
