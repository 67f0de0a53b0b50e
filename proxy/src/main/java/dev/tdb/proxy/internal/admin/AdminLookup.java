/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.admin;

import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.api.AdminApiResponse;
import dev.tdb.core.api.ProxyAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * Asks the admin service's {@code /v1/proxy/accounts} endpoint, as an admin API key, for account
 * and credential verifiers (routing entries come from core's {@code RoutingClient}). Non-blocking:
 * answers complete on the HTTP client's threads. Each request, connecting and reading the whole
 * answer included, fails after the timeout, so a hung admin service delays no one for longer.
 * Thread-safe.
 */
public final class AdminLookup {
  private final AdminApiClient admin;

  /**
   * A lookup against {@code adminUri} with {@code apiKey}; {@code tls} for an https URI; each
   * request bounded by {@code timeout}.
   */
  public AdminLookup(URI adminUri, String apiKey, Optional<SSLContext> tls, Duration timeout) {
    this.admin =
        AdminApiClient.create(
            adminUri, AdminApiClient.bearer(apiKey), tls, AdminApiClient.Timeouts.of(timeout));
  }

  /**
   * The SCRAM verifiers of account or credential {@code user}, newest first; empty when there is no
   * such user (or no secret of it works any more).
   */
  public CompletableFuture<Optional<List<String>>> verifier(String user) {
    String path = "/v1/proxy/accounts/" + AdminApiClient.segment(user);
    return admin
        .exchangeAsync(AdminApiCall.get(path))
        .thenApply(response -> account(path, response).map(ProxyAccount::verifiers));
  }

  private static Optional<ProxyAccount> account(String path, AdminApiResponse response) {
    if (response.status() == 404) {
      return Optional.empty();
    }
    if (response.status() != 200) {
      throw new AdminUnavailableException(
          "the admin service answered " + response.status() + " to " + path);
    }
    try {
      return Optional.of(response.read(ProxyAccount.class));
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
  }

  /**
   * Whether the admin service answers 200 to {@code GET /readyz} (its metadata database answers)
   * within the timeout; blocks the calling thread for at most about twice the timeout.
   */
  public boolean ready() {
    try {
      return admin.exchange(AdminApiCall.get("/readyz").anonymous()).status() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}
