/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.testkit.MetricsScrape;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AdminServer#shutdown}, which {@code tdb admin serve} runs on SIGTERM: new connections are
 * refused at once, and a request in flight still gets its whole answer.
 */
@ExtendWith(PostgresExtension.class)
final class AdminDrainIT {
  private static final String SLOW = "SELECT 8 AS n FROM pg_sleep(1.5)";
  private static Blueprints blueprints;
  private static AdminFixture fixture;

  @BeforeAll
  static void start(TestPostgres postgres) throws SQLException {
    blueprints = Blueprints.onOneCluster(postgres, 100);
    fixture = blueprints.fixture;
  }

  @AfterAll
  static void stop() throws SQLException {
    fixture.close();
  }

  /**
   * A fan-out query running 1.5 s on a second server when its shutdown starts: the server stops
   * answering {@code /readyz} while the query runs, and the query's NDJSON answer arrives whole.
   */
  @Test
  void shutdownLetsARequestInFlightFinish() throws Exception {
    String blueprint = blueprints.create("drain");
    blueprints.tenant(blueprint, "acme");
    AdminServer other = fixture.startAnother();
    URI uri = other.baseUri();
    CompletableFuture<Api.Reply> answer =
        CompletableFuture.supplyAsync(
            () ->
                Api.basic(uri, fixture.admin)
                    .post("/v1/query", Map.of("sql", SLOW, "blueprint", blueprint, "all", true)));
    await(
        "the query running",
        () ->
            AdminFixture.scalar(
                    fixture.postgres,
                    "SELECT 1 FROM pg_stat_activity WHERE state = 'active' AND query = ?",
                    SLOW)
                != null);
    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(() -> other.shutdown(Duration.ofSeconds(30)));
    await("/readyz no longer 200", () -> !answers200(uri.resolve("/readyz")));
    assertThat(answer.isDone()).as("the query still runs").isFalse();

    Api.Reply reply = answer.get(30, TimeUnit.SECONDS);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.body()).contains("\"row\":[8]").contains("\"summary\"");
    stopped.get(30, TimeUnit.SECONDS);
  }

  private static boolean answers200(URI uri) throws InterruptedException {
    try {
      return MetricsScrape.status(uri) == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static void await(String what, Callable<Boolean> condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .until(condition);
  }
}
