/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command that only reads leaves no {@code java.net.http} selector thread behind: the JVM's exit
 * waits 300 ms for a thread in native code, longer than the rest of {@code tdb tenants list}.
 */
final class AdminClientTest {
  private HttpServer admin;

  @BeforeEach
  void startStub() throws IOException {
    admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    admin.createContext("/v1/tenants", AdminClientTest::answer);
    admin.start();
  }

  @AfterEach
  void stopStub() {
    admin.stop(0);
  }

  @Test
  void readsWithoutStartingAnHttpClientSelectorThread() {
    long before = selectorThreads();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            new String[] {
              "tenants",
              "list",
              "--url",
              "http://127.0.0.1:" + admin.getAddress().getPort(),
              "--user",
              "tdb_0badcafe",
              "--secret",
              "s"
            },
            new PrintWriter(out),
            new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("myapp__acme");
    assertThat(selectorThreads()).isEqualTo(before);
  }

  @Test
  void reportsTheServicesRefusalWithItsHint() {
    StringWriter err = new StringWriter();
    int code =
        TdbCli.run(
            new String[] {
              "tenants",
              "get",
              "nope",
              "--url",
              "http://127.0.0.1:" + admin.getAddress().getPort(),
              "--user",
              "tdb_0badcafe",
              "--secret",
              "s"
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertThat(code).isEqualTo(ApiException.REFUSED);
    assertThat(err.toString())
        .contains("error: tenant nope does not exist")
        .contains("hint: tdb tenants list");
  }

  /**
   * A POST whose connection breaks before the answer is not sent again: the service may have
   * created the tenant, and a second POST would report 409 for it. In a JVM of its own, because the
   * JDK reads its retry switch once per process.
   */
  @Test
  void neverSendsAPostAgainWhenTheConnectionBreaksBeforeTheAnswer() throws Exception {
    try (ServerSocket hangsUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      AtomicInteger requests = new AtomicInteger();
      Thread server =
          new Thread(
              () -> {
                while (!hangsUp.isClosed()) {
                  try (Socket client = hangsUp.accept()) {
                    // The request line arrives; the connection closes without an answer.
                    new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                    requests.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              });
      server.start();
      Process tdb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  TdbCli.class.getName(),
                  "tenants",
                  "create",
                  "myapp__acme",
                  "--url",
                  "http://127.0.0.1:" + hangsUp.getLocalPort(),
                  "--user",
                  "tdb_0badcafe",
                  "--secret",
                  "s")
              .redirectErrorStream(true)
              .start();
      String output = new String(tdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(tdb.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(tdb.exitValue()).as(output).isNotZero();
      assertThat(requests.get()).as(output).isEqualTo(1);
    }
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().contains("SelectorManager"))
        .count();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    boolean list = exchange.getRequestURI().getPath().equals("/v1/tenants");
    byte[] body =
        (list
                ? "{\"items\":[{\"logical_name\":\"myapp__acme\",\"status\":\"active\"}]}"
                : "{\"error\":{\"code\":\"tenant_not_found\",\"message\":\"tenant nope does not"
                    + " exist\",\"hint\":\"tdb tenants list\"}}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(list ? 200 : 404, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
