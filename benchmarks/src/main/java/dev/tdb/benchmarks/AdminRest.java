/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.core.api.TenantCreate;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The admin REST API as the benchmarks call it: JSON requests with HTTP Basic. */
final class AdminRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AdminApiClient admin;

  AdminRest(URI base, AccountCredentials account) {
    this.admin =
        AdminApiClient.create(
            base,
            AdminApiClient.basic(account.user(), account.secret()),
            Optional.empty(),
            AdminApiClient.Timeouts.of(Duration.ofMinutes(10)));
  }

  /** Creates tenant {@code name} of {@code blueprint}. */
  void createTenant(String blueprint, String name) throws Exception {
    send("POST", "v1/tenants", new TenantCreate(blueprint, name, null), 201);
  }

  /**
   * Sends {@code body} (a contract record, JSON text, or none when null) and returns the answer's
   * JSON.
   *
   * @throws IllegalStateException when the status is not {@code expected}
   */
  JsonNode send(String method, String path, Object body, int expected) throws Exception {
    AdminApiResponse response = admin.exchange(AdminApiCall.of(method, path, body));
    if (response.status() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.status() + ": " + response.text());
    }
    return JSON.readTree(response.body());
  }

  /** POSTs a JSON body and returns the answer, which must have status {@code expected}. */
  JsonNode post(String path, Object body, int expected) throws Exception {
    return send("POST", path, body, expected);
  }

  /** GETs a resource, which must answer 200. */
  JsonNode get(String path) throws Exception {
    return send("GET", path, null, 200);
  }
}
