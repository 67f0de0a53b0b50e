/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Asks the admin service's {@code /v1/proxy/accounts} endpoint, as an admin API key, for account
 * and credential verifiers (routing entries come from core's {@code RoutingClient}). Non-blocking:
 * answers complete on the HTTP client's threads. Each request, connecting and reading the whole
 * answer included, fails after the timeout, so a hung admin service delays no one for longer.
 * Thread-safe.
 */
public final class AdminLookup {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final String base;
  private final String authorization;
  private final Duration timeout;

  /**
   * A lookup against {@code adminUri} with {@code apiKey}; {@code tls} for an https URI; each
   * request bounded by {@code timeout}.
   */
  public AdminLookup(URI adminUri, String apiKey, Optional<SSLContext> tls, Duration timeout) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    tls.ifPresent(builder::sslContext);
    this.http = builder.build();
    String uri = adminUri.toString();
    this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    this.authorization = "Bearer " + apiKey;
    this.timeout = timeout;
  }

  /**
   * The SCRAM verifiers of account or credential {@code user}, newest first; empty when there is no
   * such user (or no secret of it works any more).
   */
  public CompletableFuture<Optional<List<String>>> verifier(String user) {
    return get("/v1/proxy/accounts/" + segment(user))
        .thenApply(body -> body.map(AdminLookup::verifiers));
  }

  private static List<String> verifiers(String body) {
    JsonNode json = read(body);
    JsonNode all = json.get("scram_verifiers");
    if (all == null || !all.isArray() || all.isEmpty()) {
      // An admin service from before credentials sends the one verifier only.
      return List.of(json.get("scram_verifier").asText());
    }
    List<String> verifiers = new ArrayList<>();
    all.forEach(verifier -> verifiers.add(verifier.asText()));
    return verifiers;
  }

  /**
   * Whether the admin service answers 200 to {@code GET /readyz} (its metadata database answers)
   * within the timeout; blocks the calling thread for at most about twice the timeout.
   */
  public boolean ready() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/readyz")).timeout(timeout).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private CompletableFuture<Optional<String>> get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", authorization)
            .header("Accept", "application/json")
            .timeout(timeout)
            .GET()
            .build();
    CompletableFuture<HttpResponse<String>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    // The request's own timeout ends at the response headers; this bounds the body too.
    CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> sent.cancel(true));
    return sent.handle(
        (response, failure) -> {
          if (failure != null) {
            throw new CompletionException(
                failure instanceof CancellationException
                    ? new HttpTimeoutException("no whole answer within " + timeout)
                    : failure);
          }
          if (response.statusCode() == 404) {
            return Optional.empty();
          }
          if (response.statusCode() != 200) {
            throw new AdminUnavailableException(
                "the admin service answered " + response.statusCode() + " to " + path);
          }
          return Optional.of(response.body());
        });
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
  }

  private static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
