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

/** Calls the admin REST API as one account, with HTTP Basic; any unexpected status throws. */
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
    post("v1/tenants", "{\"blueprint\":\"" + blueprint + "\",\"name\":\"" + name + "\"}", 201);
  }

  /** POSTs a JSON body and returns the answer, which must have status {@code expected}. */
  JsonNode post(String path, String body, int expected) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        expected);
  }

  /** GETs a resource, which must answer 200. */
  JsonNode get(String path) throws Exception {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
  }

  private JsonNode send(HttpRequest.Builder request, int expected) throws Exception {
    HttpResponse<String> response =
        http.send(
            request.header("Authorization", authorization).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }
}
