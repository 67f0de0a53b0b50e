/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tdb.core.routing.RoutingException.Reason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class RoutingClientOnBehalfOfTest {
  private static final String NAME = "myapp__acme";
  private static final String OWNER = "tdb_0000aaaa";
  private static final AdminCredentials PROXY_KEY =
      new AdminCredentials.ApiKey("tdbk_0123456789abcdefghijABCDEFGHIJ-_xyzXYZ");

  private final FakeTicker ticker = new FakeTicker();
  private AdminStub admin;
  private RoutingClient client;

  @BeforeEach
  void start() {
    admin = AdminStub.start();
    admin.put(AdminStub.entry(NAME, 17));
    admin.own(NAME, OWNER);
    client = new RoutingClient(ClientFixture.options(admin, PROXY_KEY), ticker);
  }

  @AfterEach
  void stop() {
    client.close();
    admin.close();
  }

  @Test
  void asksTheProxyEndpointForTheAccount() throws Exception {
    RoutingEntry entry = client.resolveOnBehalfOf(OWNER, NAME).get();

    assertThat(entry.logicalName()).isEqualTo(NAME);
    assertThat(admin.lastRequest().rawPath()).isEqualTo("/v1/proxy/routing/" + NAME);
    assertThat(admin.lastRequest().rawQuery()).isEqualTo("account=" + OWNER);
  }

  @Test
  void answersAWarmNameWithoutARequestAndAtOnce() throws Exception {
    client.resolveOnBehalfOf(OWNER, NAME).get();
    int before = admin.requestCount();

    CompletableFuture<RoutingEntry> warm = client.resolveOnBehalfOf(OWNER, NAME);

    assertThat(warm).isCompleted();
    assertThat(warm.get().epoch()).isEqualTo(17);
    assertThat(admin.requestCount()).isEqualTo(before);
  }

  @Test
  void anotherAccountDoesNotGetTheOwnersCachedEntry() throws Exception {
    client.resolveOnBehalfOf(OWNER, NAME).get();

    Throwable failure = catchThrowable(() -> client.resolveOnBehalfOf("tdb_0000bbbb", NAME).join());

    assertThat(failure).isInstanceOf(CompletionException.class);
    assertThat(failure.getCause())
        .isInstanceOfSatisfying(
            RoutingException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_DATABASE);
              assertThat(e.getMessage()).isEqualTo("database \"myapp__acme\" does not exist");
            });
  }

  @Test
  void servesAKnownEntryWhileTheAdminServiceIsDown() throws Exception {
    client.resolveOnBehalfOf(OWNER, NAME).get();
    admin.stop();
    ticker.advance(ClientFixture.REFRESH_AFTER.plusMillis(1));

    RoutingEntry entry = client.resolveOnBehalfOf(OWNER, NAME).get();
    ClientFixture.awaitRefreshes(client);
    RoutingEntry again = client.resolveOnBehalfOf(OWNER, NAME).get();

    assertThat(entry.epoch()).isEqualTo(17);
    assertThat(again.epoch()).isEqualTo(17);
    ExecutionException unknown =
        (ExecutionException)
            catchThrowable(() -> client.resolveOnBehalfOf(OWNER, "myapp__other").get());
    assertThat(((RoutingException) unknown.getCause()).reason())
        .isEqualTo(Reason.ADMIN_UNREACHABLE);
  }
}
