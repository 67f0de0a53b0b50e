/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.security.AccountCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin REST API as the benchmarks call it: JSON requests with HTTP Basic. */
final class AdminRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String authorization;

  AdminRest(URI base, AccountCredentials account) {
    this.base = base;
    String pair = account.user() + ":" + account.secret();
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Creates tenant {@code name} of {@code blueprint}. */
  void createTenant(String blueprint, String name) throws Exception {
    send(
        "POST",
        "v1/tenants",
        "{\"blueprint\":\"" + blueprint + "\",\"name\":\"" + name + "\"}",
        201);
  }

  /**
   * Sends {@code body} (none when null) and returns the answer's JSON.
   *
   * @throws IllegalStateException when the status is not {@code expected}
   */
  JsonNode send(String method, String path, String body, int expected) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** POSTs a JSON body and returns the answer, which must have status {@code expected}. */
  JsonNode post(String path, String body, int expected) throws Exception {
    return send("POST", path, body, expected);
  }

  /** GETs a resource, which must answer 200. */
  JsonNode get(String path) throws Exception {
    return send("GET", path, null, 200);
  }
}
