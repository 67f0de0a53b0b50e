/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ManagementServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicBoolean ready = new AtomicBoolean(true);
  private ManagementServer server;

  @BeforeEach
  void start() {
    server = ManagementServer.start("127.0.0.1", 0, () -> "tdb_x 1.0\n", ready::get);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void metricsAreThePrometheusText() throws Exception {
    HttpResponse<String> metrics = send("GET", "/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).isEqualTo("tdb_x 1.0\n");
    assertThat(metrics.headers().firstValue("Content-Type"))
        .contains(ManagementServer.PROMETHEUS_TEXT);
  }

  @Test
  void readyzFollowsItsCheckAndHealthzDoesNot() throws Exception {
    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(200);

    ready.set(false);

    assertThat(send("GET", "/readyz").statusCode()).isEqualTo(503);
    assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyGetAndHeadOnExactlyThePaths() throws Exception {
    assertThat(send("HEAD", "/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> post = send("POST", "/metrics");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    assertThat(send("GET", "/metrics/extra").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
