/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static dev.tdb.core.routing.ClientFixture.MAX_STALENESS;
import static dev.tdb.core.routing.ClientFixture.REFRESH_AFTER;
import static dev.tdb.core.routing.ClientFixture.awaitRefreshes;
import static dev.tdb.core.routing.ClientFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class RoutingClientCachingTest {
  private static final String NAME = "myapp__acme";
  private static final Duration JUST_OVER_REFRESH = REFRESH_AFTER.plusMillis(1);

  private final FakeTicker ticker = new FakeTicker();
  private AdminStub admin;
  private RoutingClient client;

  @BeforeEach
  void start() {
    admin = AdminStub.start();
    admin.put(AdminStub.entry(NAME, 17));
    client = ClientFixture.client(admin, ticker);
  }

  @AfterEach
  void stop() {
    client.close();
    admin.close();
  }

  @Test
  void coldResolveAsksOnceAndWarmResolveAsksNoMore() throws RoutingException {
    RoutingEntry cold = client.resolve(NAME);
    RoutingEntry warm = client.resolve(NAME);

    assertThat(cold).isEqualTo(AdminStub.entry(NAME, 17));
    assertThat(warm).isEqualTo(cold);
    assertThat(admin.requestCount()).isEqualTo(1);
    assertThat(admin.lastRequest().ifNoneMatch()).isNull();
  }

  @Test
  void refreshAfterThePeriodRevalidatesWithIfNoneMatchAndKeepsTheEntryOn304()
      throws RoutingException {
    RoutingEntry original = client.resolve(NAME);
    ticker.advance(JUST_OVER_REFRESH);

    assertThat(client.resolve(NAME)).isEqualTo(original);
    awaitRefreshes(client);

    assertThat(admin.requestCount()).isEqualTo(2);
    assertThat(admin.lastRequest().ifNoneMatch()).isEqualTo("\"17\"");
    assertThat(client.resolve(NAME)).isEqualTo(original);
    assertThat(admin.requestCount()).isEqualTo(2);
  }

  @Test
  void revalidationRestartsTheMaximumStaleness() throws RoutingException {
    client.resolve(NAME);
    ticker.advance(MAX_STALENESS.minusMillis(100));
    client.resolve(NAME);
    awaitRefreshes(client);
    admin.stop();

    // Past the first confirmation's staleness limit, within the 304's.
    ticker.advance(Duration.ofMillis(150));

    assertThat(client.resolve(NAME).epoch()).isEqualTo(17);
    awaitRefreshes(client);
  }

  @Test
  void aChangedEpochReplacesTheEntryAfterRefresh() throws RoutingException {
    client.resolve(NAME);
    admin.put(AdminStub.entry(NAME, 18));
    ticker.advance(JUST_OVER_REFRESH);

    assertThat(client.resolve(NAME).epoch()).isEqualTo(17);
    awaitRefreshes(client);

    assertThat(client.resolve(NAME)).isEqualTo(AdminStub.entry(NAME, 18));
    assertThat(admin.requestCount()).isEqualTo(2);
  }

  @Test
  void suspendedAndDeletedDatabasesResolveToTheirEntries() throws RoutingException {
    RoutingEntry active = AdminStub.entry("myapp__gone", 3);
    for (RoutingEntry.Status status :
        List.of(RoutingEntry.Status.SUSPENDED, RoutingEntry.Status.DELETED)) {
      RoutingEntry entry =
          new RoutingEntry(
              active.logicalName(),
              active.mode(),
              active.workspace(),
              status,
              active.host(),
              active.port(),
              active.sslMode(),
              active.database(),
              active.role(),
              active.password(),
              active.settings(),
              active.epoch() + status.ordinal());
      admin.put(entry);
      client.invalidate(entry.logicalName());

      assertThat(client.resolve(entry.logicalName()).status()).isEqualTo(status);
    }
  }

  @Test
  void concurrentColdResolvesOfOneNameMakeOneRequest() throws Exception {
    int threads = 8;
    admin.holdResponses();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Thread> workers = new CopyOnWriteArrayList<>();
      CountDownLatch started = new CountDownLatch(threads);
      List<Future<RoutingEntry>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  workers.add(Thread.currentThread());
                  started.countDown();
                  return client.resolve(NAME);
                }));
      }
      started.await();
      // Every worker is blocked inside resolve while the one request is held.
      eventually(
          () ->
              admin.requestCount() == 1
                  && workers.stream().allMatch(t -> t.getState() != Thread.State.RUNNABLE));
      admin.releaseResponses();

      for (Future<RoutingEntry> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(AdminStub.entry(NAME, 17));
      }
      assertThat(admin.requestCount()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invalidateMakesTheNextResolveAskAgain() throws RoutingException {
    client.resolve(NAME);
    client.invalidate(NAME);
    client.resolve(NAME);

    assertThat(admin.requestCount()).isEqualTo(2);
    assertThat(admin.lastRequest().ifNoneMatch()).isNull();
  }

  @Test
  void closedClientRefusesToResolve() {
    client.close();

    assertThatThrownBy(() -> client.resolve(NAME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
