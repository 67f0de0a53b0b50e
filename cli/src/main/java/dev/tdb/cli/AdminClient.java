/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls the admin REST API for the CLI; every failure becomes an {@link ApiException}.
 *
 * <p>Requests go through {@link HttpURLConnection}, not {@code java.net.http}: the latter's
 * selector thread waits in native code, and the JVM's exit waits 300 ms for such threads, longer
 * than everything else a command such as {@code tdb tenants list} does; it also loads a TLS context
 * and the JDK's trust store for a plain {@code http://} URL. {@code HttpURLConnection} refuses the
 * method PATCH, so PATCH alone goes through {@code java.net.http}.
 */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final URI base;
  private final String authorization;

  AdminClient(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
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
    try {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(TIMEOUT)
              .header("Accept", "application/json")
              .header("Authorization", authorization)
              .header("Content-Type", "application/json")
              .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build();
      HttpResponse<byte[]> response =
          HttpClient.newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .build()
              .send(request, HttpResponse.BodyHandlers.ofByteArray());
      return interpret(response.statusCode(), response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiException.UNAVAILABLE, "interrupted", "interrupted", null);
    }
  }

  JsonNode delete(String path) throws ApiException {
    return send("DELETE", path, null);
  }

  /**
   * POSTs {@code body} and returns the answer's body as it arrives, for answers streamed as NDJSON;
   * an error status is read whole and thrown as {@link #post} throws it. The caller closes the
   * stream, which also ends the connection.
   */
  InputStream postStreaming(String path, Object body) throws ApiException {
    HttpURLConnection connection = null;
    try {
      connection = open("POST", path, body, "application/x-ndjson, application/json");
      int status = connection.getResponseCode();
      if (status >= 400) {
        try (InputStream error = connection.getErrorStream()) {
          interpret(status, error == null ? new byte[0] : error.readAllBytes());
        }
      }
      HttpURLConnection opened = connection;
      connection = null;
      return new FilterInputStream(opened.getInputStream()) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            opened.disconnect();
          }
        }
      };
    } catch (IOException e) {
      throw unreachable(e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private JsonNode send(String method, String path, Object body) throws ApiException {
    HttpURLConnection connection = null;
    try {
      connection = open(method, path, body, "application/json");
      int status = connection.getResponseCode();
      try (InputStream in =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        return interpret(status, in == null ? new byte[0] : in.readAllBytes());
      }
    } catch (IOException e) {
      throw unreachable(e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** A connection with the request sent: method, credentials and the JSON body, if any. */
  private HttpURLConnection open(String method, String path, Object body, String accept)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) base.resolve(path).toURL().openConnection();
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) TIMEOUT.toMillis());
    // Never to another place with the credentials; java.net.http does not follow either.
    connection.setInstanceFollowRedirects(false);
    connection.setUseCaches(false);
    connection.setRequestMethod(method);
    connection.setRequestProperty("Accept", accept);
    connection.setRequestProperty("Authorization", authorization);
    if (body != null) {
      byte[] bytes = JSON.writeValueAsBytes(body);
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setDoOutput(true);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
    }
    return connection;
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

  private static JsonNode interpret(int status, byte[] response) throws ApiException {
    JsonNode body = parse(response);
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
