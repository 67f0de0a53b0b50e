/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A REST client of the admin service over real HTTP, acting with one set of credentials. */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final AdminApiClient.Timeouts TIMEOUTS =
      AdminApiClient.Timeouts.of(Duration.ofMinutes(2));

  private final AdminApiClient client;

  private Api(URI base, String authorization) {
    this.client = AdminApiClient.create(base, authorization, Optional.empty(), TIMEOUTS);
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
    return withHeader(base, AdminApiClient.basic(credentials.user(), credentials.secret()));
  }

  /** A client using an API key as a bearer token. */
  static Api bearer(URI base, String apiKey) {
    return withHeader(base, AdminApiClient.bearer(apiKey));
  }

  /** What the server answered. */
  record Reply(int status, AdminApiResponse response) {
    JsonNode json() {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + response.text(), e);
      }
    }

    String header(String name) {
      return response.header(name);
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    String errorMessage() {
      return json().path("error").path("message").asText();
    }

    String body() {
      return response.text();
    }
  }

  Reply get(String path, String... headers) {
    AdminApiCall call = AdminApiCall.get(path);
    for (int i = 0; i < headers.length; i += 2) {
      call = call.header(headers[i], headers[i + 1]);
    }
    return exchange(call);
  }

  Reply post(String path, Map<String, ?> body) {
    return exchange(AdminApiCall.post(path, body));
  }

  Reply patch(String path, Map<String, ?> body) {
    return exchange(AdminApiCall.patch(path, body));
  }

  Reply delete(String path) {
    return exchange(AdminApiCall.delete(path));
  }

  /** Sends a raw body. */
  Reply sendRaw(String method, String path, String body) {
    return exchange(AdminApiCall.of(method, path, body));
  }

  private Reply exchange(AdminApiCall call) {
    try {
      AdminApiResponse response = client.exchange(call);
      Contract.check(call, response);
      return new Reply(response.status(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
