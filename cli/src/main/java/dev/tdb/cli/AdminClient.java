/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
      return interpret(response);
    } catch (IOException e) {
      throw new ApiException(
          ApiException.UNAVAILABLE,
          "unreachable",
          "cannot reach the admin service at " + base + ": " + describe(e),
          "start it with ./tdb up, or point --url (TDB_URL) at it");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiException.UNAVAILABLE, "interrupted", "interrupted", null);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static JsonNode interpret(HttpResponse<byte[]> response) throws ApiException {
    int status = response.statusCode();
    JsonNode body = parse(response.body());
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
