/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls the admin REST API for the CLI; every failure becomes an {@link ApiException}. */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final String authorization;
  private final HttpClient http;

  AdminClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** HTTP Basic with account credentials. */
  static String basic(String user, String secret) {
    String pair = user + ":" + secret;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** A bearer API key. */
  static String bearer(String apiKey) {
    return "Bearer " + apiKey;
  }

  JsonNode get(String path) throws ApiException {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) throws ApiException {
    return send("POST", path, body);
  }

  JsonNode patch(String path, Object body) throws ApiException {
    return send("PATCH", path, body);
  }

  JsonNode delete(String path) throws ApiException {
    return send("DELETE", path, null);
  }

  private JsonNode send(String method, String path, Object body) throws ApiException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .header("Authorization", authorization);
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return interpret(response.statusCode(), response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiException.UNAVAILABLE, "interrupted", "interrupted", null);
    }
  }

  /**
   * POSTs {@code body} and returns the answer's body as it arrives, for answers streamed as NDJSON;
   * an error status is read whole and thrown as {@link #post} throws it. The caller closes the
   * stream.
   */
  InputStream postStreaming(String path, Object body) throws ApiException {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(TIMEOUT)
              .header("Accept", "application/x-ndjson, application/json")
              .header("Authorization", authorization)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() >= 400) {
        try (InputStream error = response.body()) {
          interpret(response.statusCode(), error.readAllBytes());
        }
      }
      return response.body();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiException.UNAVAILABLE, "interrupted", "interrupted", null);
    }
  }

  private ApiException unreachable(IOException e) {
    return new ApiException(
        ApiException.UNAVAILABLE,
        "unreachable",
        "cannot reach the admin service at " + base + ": " + describe(e),
        "start it with ./tdb up, or point --url (TDB_URL) at it");
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static JsonNode interpret(int status, byte[] bytes) throws ApiException {
    JsonNode body = parse(bytes);
    if (status < 400) {
      return body;
    }
    JsonNode error = body.path("error");
    String code = error.path("code").asText("http_" + status);
    String message = error.path("message").asText("the admin service answered HTTP " + status);
    String hint = error.hasNonNull("hint") ? error.get("hint").asText() : null;
    int exit =
        status == 401
            ? ApiException.UNAUTHENTICATED
            : status >= 500 ? ApiException.UNAVAILABLE : ApiException.REFUSED;
    throw new ApiException(exit, code, message, hint);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode().put("raw", new String(body, StandardCharsets.UTF_8).strip());
    }
  }
}
