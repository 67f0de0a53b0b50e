/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Short cache timings for tests, which move a {@link FakeTicker} instead of sleeping. */
final class ClientFixture {
  static final Duration REFRESH_AFTER = Duration.ofMillis(100);
  static final Duration MAX_STALENESS = Duration.ofMillis(300);
  static final Duration NEGATIVE_CACHE_TIME = Duration.ofMillis(50);
  static final AdminCredentials ACCOUNT =
      new AdminCredentials.Account("tdb_3f9a01c2", "account-secret-42");

  private ClientFixture() {}

  static RoutingClient.Options options(AdminStub admin, AdminCredentials credentials) {
    return RoutingClient.Options.of(admin.uri(), credentials)
        .withRefreshAfter(REFRESH_AFTER)
        .withMaxStaleness(MAX_STALENESS)
        .withNegativeCacheTime(NEGATIVE_CACHE_TIME);
  }

  static RoutingClient client(AdminStub admin, FakeTicker ticker) {
    return new RoutingClient(options(admin, ACCOUNT), ticker);
  }

  /** Waits until the refreshes a resolve started have stored their result. */
  static void awaitRefreshes(RoutingClient client) {
    eventually(() -> client.refreshesInFlight() == 0);
  }

  /** Polls {@code condition}; fails only if it stays false for far longer than any test needs. */
  static void eventually(BooleanSupplier condition) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(1))
        .until(condition::getAsBoolean);
  }
}
