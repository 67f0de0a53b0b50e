/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.security.AccountCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A REST client of the admin service over real HTTP, acting with one set of credentials. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final URI base;
  private final String authorization;

  private Api(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** A client without credentials. */
  static Api anonymous(URI base) {
    return new Api(base, null);
  }

  /** A client sending {@code Authorization} as given. */
  static Api withHeader(URI base, String authorization) {
    return new Api(base, authorization);
  }

  /** A client using HTTP Basic with account credentials. */
  static Api basic(URI base, AccountCredentials credentials) {
    String pair = credentials.user() + ":" + credentials.secret();
    return withHeader(
        base, "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /** A client using an API key as a bearer token. */
  static Api bearer(URI base, String apiKey) {
    return withHeader(base, "Bearer " + apiKey);
  }

  /** What the server answered. */
  record Reply(int status, HttpResponse<String> response) {
    JsonNode json() {
      try {
        return JSON.readTree(response.body());
      } catch (JsonProcessingException e) {
        throw new AssertionError("not JSON: " + response.body(), e);
      }
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    String errorMessage() {
      return json().path("error").path("message").asText();
    }

    String body() {
      return response.body();
    }
  }

  Reply get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  Reply post(String path, Map<String, ?> body) {
    return send("POST", path, body, new String[0]);
  }

  Reply patch(String path, Map<String, ?> body) {
    return send("PATCH", path, body, new String[0]);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, new String[0]);
  }

  /** Sends a raw body. */
  Reply sendRaw(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    return exchange(request);
  }

  private Reply send(String method, String path, Map<String, ?> body, String[] headers) {
    try {
      String text = body == null ? "" : JSON.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text))
              .header("Content-Type", "application/json");
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return exchange(request);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Reply exchange(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
