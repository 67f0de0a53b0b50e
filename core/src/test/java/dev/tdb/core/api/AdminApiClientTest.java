/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one admin API client against a real HTTP server on a socket. */
final class AdminApiClientTest {
  private static final AdminApiClient.Timeouts SHORT =
      AdminApiClient.Timeouts.of(Duration.ofMillis(300));

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private URI base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::answer);
    server.start();
    base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(
        exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI()
            + " auth="
            + exchange.getRequestHeaders().getFirst("Authorization")
            + " type="
            + exchange.getRequestHeaders().getFirst("Content-Type")
            + " body="
            + body);
    switch (exchange.getRequestURI().getPath()) {
      case "/v1/tenants/nope" ->
          send(
              exchange,
              404,
              "{\"error\":{\"code\":\"tenant_not_found\",\"message\":\"tenant nope does not"
                  + " exist\",\"hint\":\"tdb tenants list\"}}");
      case "/v1/plain-failure" -> send(exchange, 502, "Bad Gateway");
      case "/v1/unauthenticated" -> {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"tdb\"");
        send(
            exchange,
            401,
            "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"wrong secret\","
                + "\"hint\":\"check the secret\"}}");
      }
      case "/v1/moved" -> {
        exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/v1/elsewhere");
        send(exchange, 302, "");
      }
      case "/v1/hang" -> await();
      case "/v1/slow-body" -> {
        exchange.sendResponseHeaders(200, 100);
        exchange.getResponseBody().write("{\"items\":".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        await();
      }
      default -> send(exchange, 200, "{\"items\":[\"a\"]}");
    }
  }

  private void await() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private AdminApiClient client(AdminApiClient.Timeouts timeouts) {
    return AdminApiClient.create(base, AdminApiClient.bearer("k"), Optional.empty(), timeouts);
  }

  @Test
  void sendsCredentialsAndJsonBodiesToPathsWithOrWithoutTheLeadingSlash() throws Exception {
    AdminApiClient client = client(SHORT);

    client.send(AdminApiCall.post("v1/tenants", new TenantCreate("myapp", "acme", null)));
    client.send(AdminApiCall.patch("/v1/workspaces/w/settings", Map.of("max_rows", 5)));
    client.exchange(AdminApiCall.get("/readyz").anonymous());

    assertThat(seen)
        .containsExactly(
            "POST /v1/tenants auth=Bearer k type=application/json"
                + " body={\"blueprint\":\"myapp\",\"name\":\"acme\"}",
            "PATCH /v1/workspaces/w/settings auth=Bearer k type=application/json"
                + " body={\"max_rows\":5}",
            "GET /readyz auth=null type=null body=");
  }

  @Test
  void readsAnswersAsContractRecords() throws Exception {
    AdminApiResponse response = client(SHORT).send(AdminApiCall.get("/v1/tenants/acme/logs"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.read(Items.class).items()).containsExactly("a");
    assertThat(response.error()).isEmpty();
  }

  @Test
  void mapsTheAdminErrorBodyToOneException() {
    assertThatThrownBy(() -> client(SHORT).send(AdminApiCall.get("/v1/tenants/nope")))
        .isInstanceOfSatisfying(
            AdminApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.answered()).isTrue();
              assertThat(e.code()).isEqualTo("tenant_not_found");
              assertThat(e.getMessage()).isEqualTo("tenant nope does not exist");
              assertThat(e.hint()).isEqualTo("tdb tenants list");
            });
  }

  @Test
  void readsTheErrorBodyOfA401ToAPostOnEitherTransport() {
    AdminApiClient commandLine = AdminApiClient.forCommandLine(base, "Bearer k", SHORT);
    for (AdminApiClient client : List.of(client(SHORT), commandLine)) {
      assertRefusedAsUnauthenticated(client);
    }
  }

  private static void assertRefusedAsUnauthenticated(AdminApiClient client) {
    assertThatThrownBy(
            () ->
                client.send(
                    AdminApiCall.post("/v1/unauthenticated", new TenantCreate("a", "b", null))))
        .isInstanceOfSatisfying(
            AdminApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("unauthenticated");
              assertThat(e.getMessage()).isEqualTo("wrong secret");
              assertThat(e.hint()).isEqualTo("check the secret");
            });
  }

  @Test
  void namesARefusalWithoutAnErrorBodyAfterItsStatus() {
    assertThatThrownBy(() -> client(SHORT).send(AdminApiCall.get("/v1/plain-failure")))
        .isInstanceOfSatisfying(
            AdminApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.code()).isEqualTo("http_502");
              assertThat(e.getMessage()).isEqualTo("the admin service answered HTTP 502");
              assertThat(e.hint()).isNull();
            });
  }

  @Test
  void reportsAnUnreachableServiceAsNoAnswer() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    AdminApiClient client =
        AdminApiClient.create(
            URI.create("http://127.0.0.1:" + closed), null, Optional.empty(), SHORT);

    assertThatThrownBy(() -> client.send(AdminApiCall.get("/v1/tenants")))
        .isInstanceOfSatisfying(
            AdminApiException.class,
            e -> {
              assertThat(e.answered()).isFalse();
              assertThat(e.status()).isEqualTo(AdminApiException.NO_ANSWER);
              assertThat(e.code()).isEqualTo("unreachable");
              assertThat(e.getMessage())
                  .startsWith("cannot reach the admin service at http://127.0.0.1:" + closed);
              assertThat(e.getCause()).isInstanceOf(IOException.class);
            });
  }

  @Test
  void neverFollowsARedirectWithTheCredentials() throws Exception {
    AdminApiResponse response = client(SHORT).exchange(AdminApiCall.get("/v1/moved"));
    AdminApiResponse async = client(SHORT).exchangeAsync(AdminApiCall.get("/v1/moved")).get();

    AdminApiResponse commandLine =
        AdminApiClient.forCommandLine(base, null, SHORT).exchange(AdminApiCall.get("/v1/moved"));

    assertThat(response.status()).isEqualTo(302);
    assertThat(commandLine.status()).isEqualTo(302);
    assertThat(async.status()).isEqualTo(302);
  }

  @Test
  void aBlockingCallGivesUpOnAHungServiceAfterTheAnswerTimeout() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> client(SHORT).exchange(AdminApiCall.get("/v1/hang")))
        .isInstanceOf(HttpTimeoutException.class);
    assertThatThrownBy(
            () ->
                AdminApiClient.forCommandLine(base, null, SHORT)
                    .exchange(AdminApiCall.get("/v1/hang")))
        .isInstanceOf(SocketTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void anAsyncCallBoundsTheWholeAnswerBodyIncluded() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> client(SHORT).exchangeAsync(AdminApiCall.get("/v1/slow-body")).get())
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessageContaining("no whole answer within");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void neverSendsAPostTwiceWhenTheServiceDropsTheConnection() throws Exception {
    try (ServerSocket dropping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicInteger accepted =
          new java.util.concurrent.atomic.AtomicInteger();
      Thread acceptor =
          new Thread(
              () -> {
                while (!dropping.isClosed()) {
                  try (java.net.Socket socket = dropping.accept()) {
                    accepted.incrementAndGet();
                    socket.getInputStream().read(new byte[8192]);
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      AdminApiClient client =
          AdminApiClient.create(
              URI.create("http://127.0.0.1:" + dropping.getLocalPort()),
              null,
              Optional.empty(),
              SHORT);

      assertThatThrownBy(() -> client.exchange(AdminApiCall.post("/v1/proxy/query-events", "[{}]")))
          .isInstanceOf(IOException.class);
      assertThat(accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void neverShowsBodiesInItsDescriptions() {
    AdminApiCall call = AdminApiCall.post("/v1/clusters", Map.of("password", "s3cret"));
    AdminApiResponse response =
        new AdminApiResponse(200, Map.of(), "{\"password\":\"s3cret\"}".getBytes());

    assertThat(call.toString()).doesNotContain("s3cret");
    assertThat(response.toString()).doesNotContain("s3cret");
  }
}
