/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Ticker;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier cache against a real HTTP socket, with time moved by hand. */
final class VerifierCacheTest {
  private static final Duration TTL = Duration.ofSeconds(5);
  private static final Duration MAX_STALENESS = Duration.ofMinutes(5);
  private static final String USER = "tdb_0000aaaa";

  private final AtomicLong now = new AtomicLong();
  private final Ticker ticker = now::get;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<CountDownLatch> hung = new AtomicReference<>();
  private final AtomicReference<String> created = new AtomicReference<>();
  private volatile String verifier = "SCRAM-SHA-256$4096:c2FsdA==$a2V5MQ==:a2V5Mg==";
  private volatile String previous;
  private HttpServer admin;
  private VerifierCache cache;

  @BeforeEach
  void start() throws IOException {
    admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    admin.createContext("/v1/proxy/accounts/", this::answer);
    admin.start();
    URI uri = URI.create("http://127.0.0.1:" + admin.getAddress().getPort());
    cache =
        new VerifierCache(
            new AdminLookup(uri, "tdbk_test", Optional.empty(), Duration.ofSeconds(2)),
            TTL,
            MAX_STALENESS,
            ticker);
  }

  @AfterEach
  void stop() {
    CountDownLatch gate = hung.get();
    if (gate != null) {
      gate.countDown();
    }
    admin.stop(0);
  }

  @Test
  void reusesAVerifierWithinTheTtl() {
    assertThat(cache.verifier(USER).join()).contains(List.of(verifier));
    advance(TTL.minusMillis(1));

    assertThat(cache.verifier(USER).join()).contains(List.of(verifier));
    assertThat(requests).hasValue(1);
  }

  @Test
  void aChangedSecretTakesEffectOnceTheRevalidationAfterTheTtlAnswered() {
    String old = verifier;
    cache.verifier(USER).join();
    verifier = "SCRAM-SHA-256$4096:bmV3$a2V5Mw==:a2V5NA==";
    advance(TTL);

    assertThat(cache.verifier(USER).getNow(null)).contains(List.of(old));
    awaitVerifier(verifier);
    assertThat(requests).hasValue(2);
  }

  @Test
  void callersRacingTheEndOfARevalidationDoNotAskAgain() throws Exception {
    cache.verifier(USER).join();
    int rounds = 50;
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < rounds; round++) {
        String next = "SCRAM-SHA-256$4096:bmV3$a2V5" + round + "==:a2V5NA==";
        verifier = next;
        advance(TTL);
        List<Future<?>> spinning = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          spinning.add(callers.submit(() -> awaitVerifier(next)));
        }
        for (Future<?> caller : spinning) {
          caller.get(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      callers.shutdownNow();
    }

    assertThat(requests).as("one revalidation per round").hasValue(1 + rounds);
  }

  @Test
  void servesTheCachedVerifierAtOnceWhileTheAdminServiceHangs() {
    cache.verifier(USER).join();
    hung.set(new CountDownLatch(1));
    advance(TTL);

    CompletableFuture<Optional<List<String>>> during = cache.verifier(USER);

    assertThat(during).isCompletedWithValue(Optional.of(List.of(verifier)));
    assertThat(cache.verifier(USER)).isCompletedWithValue(Optional.of(List.of(verifier)));
    hung.get().countDown();
  }

  @Test
  void aNewAccountCanLogInAtOnceAfterTheTtlOfItsUnknownAnswer() {
    String later = "tdb_0000bbbb";
    assertThat(cache.verifier(later).join()).isEmpty();
    created.set(later);
    advance(TTL);

    assertThat(cache.verifier(later).join()).contains(List.of(verifier));
  }

  @Test
  void keepsTheLastVerifierWhileTheAdminServiceIsDownUntilTheMaxStaleness() {
    cache.verifier(USER).join();
    admin.stop(0);
    advance(TTL);

    assertThat(cache.verifier(USER).join()).contains(List.of(verifier));

    advance(MAX_STALENESS);
    Throwable failure = catchThrowable(() -> cache.verifier(USER).join());
    assertThat(failure).isInstanceOf(CompletionException.class);
  }

  @Test
  void givesEveryVerifierOfARotatedCredentialNewestFirst() {
    previous = verifier;
    verifier = "SCRAM-SHA-256$4096:c2FsdA==$a2V5Mw==:a2V5NA==";

    assertThat(cache.verifier(USER).join()).contains(List.of(verifier, previous));
  }

  @Test
  void anUnknownAccountIsRememberedForTheTtlToo() {
    String unknown = "tdb_0000ffff";
    assertThat(cache.verifier(unknown).join()).isEmpty();
    assertThat(cache.verifier(unknown).join()).isEmpty();
    assertThat(requests).hasValue(1);
  }

  /** Polls, with a bound, until a revalidation in the background has brought {@code expected}. */
  private void awaitVerifier(String expected) {
    await("revalidated to " + expected)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(1))
        .until(() -> cache.verifier(USER).join().equals(Optional.of(List.of(expected))));
  }

  private void advance(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  private void answer(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    CountDownLatch gate = hung.get();
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String user = exchange.getRequestURI().getPath().substring("/v1/proxy/accounts/".length());
    boolean known = user.equals(USER) || user.equals(created.get());
    byte[] body =
        (known
                ? "{\"user\":\""
                    + user
                    + "\",\"scram_verifier\":\""
                    + verifier
                    + "\""
                    + (previous == null
                        ? ""
                        : ",\"scram_verifiers\":[\"" + verifier + "\",\"" + previous + "\"]")
                    + "}"
                : "{\"error\":{\"code\":\"not_found\",\"message\":\"no such account\"}}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(known ? 200 : 404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
