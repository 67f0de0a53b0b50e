/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tdb.admin.security.AccountCredentials;
import dev.tdb.admin.security.SecretKey;
import dev.tdb.core.policy.ConnectionMode;
import dev.tdb.core.routing.AdminCredentials;
import dev.tdb.core.routing.RoutingClient;
import dev.tdb.core.routing.RoutingEntry;
import dev.tdb.core.routing.RoutingException;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routing client against the real admin service going away and coming back: cached entries keep
 * being served during the outage, and changes made after the restart reach the client.
 */
@ExtendWith(PostgresExtension.class)
final class RoutingOutageIT {
  private static final Duration REFRESH_AFTER = Duration.ofMillis(100);

  @Test
  void servesTheCachedEntryWhileTheAdminIsDownAndFollowsChangesAfterItReturns(TestPostgres postgres)
      throws Exception {
    String metadata = postgres.createDatabase("tdb_admin_outage");
    SecretKey key = SecretKey.generate();
    String blueprint = "outage" + Long.toHexString(System.nanoTime() & 0xffffff);
    String logical = blueprint + "__acme";

    AdminServer first = AdminServer.start(config(postgres, metadata, 0, key));
    int port = first.port();
    AccountCredentials account = first.inProcess().createAccount();
    first
        .inProcess()
        .registerCluster(
            "outage",
            postgres.host(),
            postgres.port(),
            postgres.superuser(),
            postgres.password(),
            "disable",
            100);
    first
        .inProcess()
        .createWorkspace(account.user(), blueprint + "_workspace", ConnectionMode.WORKSPACE);
    first.inProcess().createTenant(account.user(), blueprint, "acme");

    RoutingClient.Options options =
        RoutingClient.Options.of(
                first.baseUri(), new AdminCredentials.Account(account.user(), account.secret()))
            .withRefreshAfter(REFRESH_AFTER)
            .withMaxStaleness(Duration.ofMinutes(5));
    AdminServer second = null;
    try (RoutingClient client = new RoutingClient(options)) {
      RoutingEntry before = client.resolve(logical);
      assertThat(before.status()).isEqualTo(RoutingEntry.Status.ACTIVE);

      first.close();
      // Past the refresh period every resolve tries to revalidate against the stopped service.
      for (int i = 0; i < 5; i++) {
        LockSupport.parkNanos(REFRESH_AFTER.multipliedBy(2).toNanos());
        assertThat(client.resolve(logical)).isEqualTo(before);
      }

      second = AdminServer.start(config(postgres, metadata, port, key));
      Api.Reply suspended =
          Api.basic(second.baseUri(), account)
              .post("/v1/tenants/" + logical + "/suspend", Map.of());
      assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);

      RoutingEntry after = awaitStatus(client, logical, RoutingEntry.Status.SUSPENDED);
      assertThat(after.epoch()).isGreaterThan(before.epoch());
    } finally {
      AdminServer cleaner =
          second != null ? second : AdminServer.start(config(postgres, metadata, 0, key));
      Api.basic(cleaner.baseUri(), account).delete("/v1/tenants/" + logical + "?hard=true");
      Api.basic(cleaner.baseUri(), account).delete("/v1/workspaces/" + blueprint + "_workspace");
      cleaner.close();
      postgres.dropDatabase(metadata);
    }
  }

  private static RoutingEntry awaitStatus(
      RoutingClient client, String logical, RoutingEntry.Status status) throws RoutingException {
    return await(logical + " routed as " + status)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(REFRESH_AFTER)
        .until(() -> client.resolve(logical), entry -> entry.status() == status);
  }

  private static AdminConfig config(
      TestPostgres postgres, String database, int port, SecretKey key) {
    return AdminConfig.builder(
            postgres.jdbcUrl(database), postgres.superuser(), postgres.password(), key)
        .listen("127.0.0.1", port)
        .poolSize(2)
        .build();
  }
}
