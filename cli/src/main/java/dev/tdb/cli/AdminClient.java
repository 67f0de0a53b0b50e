/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The admin REST API as the CLI uses it: answers as JSON trees, and every failure an {@link
 * ApiException} with the exit code it means.
 */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AdminApiClient.Timeouts TIMEOUTS =
      new AdminApiClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(120));

  private final AdminApiClient admin;

  AdminClient(URI base, String authorization) {
    this.admin = AdminApiClient.forCommandLine(base, authorization, TIMEOUTS);
  }

  JsonNode get(String path) throws ApiException {
    return send(AdminApiCall.get(path));
  }

  JsonNode post(String path, Object body) throws ApiException {
    return send(AdminApiCall.post(path, body));
  }

  JsonNode patch(String path, Object body) throws ApiException {
    return send(AdminApiCall.patch(path, body));
  }

  JsonNode delete(String path) throws ApiException {
    return send(AdminApiCall.delete(path));
  }

  /**
   * POSTs {@code body} and returns the answer's body as it arrives, for answers streamed as NDJSON;
   * an error status is read whole and thrown as {@link #post} throws it. The caller closes the
   * stream, which also ends the connection.
   */
  InputStream postStreaming(String path, Object body) throws ApiException {
    try {
      return admin.stream(AdminApiCall.post(path, body), "application/x-ndjson, application/json");
    } catch (AdminApiException e) {
      throw cli(e);
    }
  }

  private JsonNode send(AdminApiCall call) throws ApiException {
    try {
      return parse(admin.send(call).body());
    } catch (AdminApiException e) {
      throw cli(e);
    }
  }

  private ApiException cli(AdminApiException e) {
    if (!e.answered()) {
      return new ApiException(
          ApiException.UNAVAILABLE,
          "unreachable",
          e.getMessage(),
          "start it with ./tdb up, or point --url (TDB_URL) at it");
    }
    int exit =
        e.status() == 401
            ? ApiException.UNAUTHENTICATED
            : e.status() >= 500 ? ApiException.UNAVAILABLE : ApiException.REFUSED;
    return new ApiException(exit, e.code(), e.getMessage(), e.hint());
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
