/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.core.routing;

import static dev.tdb.core.routing.ClientFixture.MAX_STALENESS;
import static dev.tdb.core.routing.ClientFixture.NEGATIVE_CACHE_TIME;
import static dev.tdb.core.routing.ClientFixture.REFRESH_AFTER;
import static dev.tdb.core.routing.ClientFixture.awaitRefreshes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tdb.core.routing.RoutingException.Reason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class RoutingClientFailureTest {
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
  void servesTheLastEntryWhileTheAdminIsDownThenFailsAfterMaxStaleness() throws RoutingException {
    RoutingEntry known = client.resolve(NAME);
    admin.stop();

    ticker.advance(JUST_OVER_REFRESH);
    assertThat(client.resolve(NAME)).isEqualTo(known);
    awaitRefreshes(client);
    ticker.advance(MAX_STALENESS.minus(JUST_OVER_REFRESH).minusMillis(1));
    assertThat(client.resolve(NAME)).isEqualTo(known);
    awaitRefreshes(client);
    ticker.advance(Duration.ofMillis(2));

    RoutingException failure = resolveFailure(NAME);
    assertThat(failure.reason()).isEqualTo(Reason.ADMIN_UNREACHABLE);
    assertThat(failure.sqlState()).isEqualTo("08001");
    assertThat(failure).hasMessageContaining(admin.uri().toString()).hasMessageContaining(NAME);
    assertThat(failure.hint()).contains("reachable");
  }

  @Test
  void statisticsCountHitsMissesAdminErrorsAndStaleServes() throws RoutingException {
    client.resolve(NAME);
    client.resolve(NAME);
    admin.answer(503, "{}");
    ticker.advance(JUST_OVER_REFRESH);
    client.resolve(NAME);
    awaitRefreshes(client);

    client.resolve(NAME);

    RoutingClient.Statistics statistics = client.statistics();
    assertThat(statistics.cacheMisses()).isEqualTo(1);
    assertThat(statistics.cacheHits()).isEqualTo(3);
    assertThat(statistics.adminErrors()).isEqualTo(1);
    assertThat(statistics.staleServes()).isEqualTo(1);
    assertThat(statistics.sinceAdminAnswered()).contains(JUST_OVER_REFRESH);
  }

  @Test
  void failedRefreshIsRetriedOncePerRefreshPeriod() throws RoutingException {
    RoutingEntry known = client.resolve(NAME);
    admin.answer(503, "{}");

    ticker.advance(JUST_OVER_REFRESH);
    assertThat(client.resolve(NAME)).isEqualTo(known);
    awaitRefreshes(client);
    ticker.advance(REFRESH_AFTER.dividedBy(2));
    assertThat(client.resolve(NAME)).isEqualTo(known);
    assertThat(admin.requestCount()).isEqualTo(2);

    ticker.advance(REFRESH_AFTER.dividedBy(2).plusMillis(1));
    assertThat(client.resolve(NAME)).isEqualTo(known);
    awaitRefreshes(client);
    assertThat(admin.requestCount()).isEqualTo(3);
  }

  @Test
  void recoversWhenTheAdminComesBack() throws RoutingException {
    client.resolve(NAME);
    admin.stop();
    ticker.advance(MAX_STALENESS.plusMillis(1));
    assertThat(resolveFailure(NAME).reason()).isEqualTo(Reason.ADMIN_UNREACHABLE);

    admin.restart();

    assertThat(client.resolve(NAME)).isEqualTo(AdminStub.entry(NAME, 17));
  }

  @Test
  void unknownNameIsAnUnknownDatabaseRememberedForTheNegativeCacheTime() throws RoutingException {
    RoutingException first = resolveFailure("myapp__nobody");
    RoutingException second = resolveFailure("myapp__nobody");

    assertThat(first.reason()).isEqualTo(Reason.UNKNOWN_DATABASE);
    assertThat(first.sqlState()).isEqualTo("3D000");
    assertThat(first).hasMessage("database \"myapp__nobody\" does not exist");
    assertThat(first.hint()).isEqualTo(AdminStub.UNKNOWN_HINT);
    assertThat(second).hasMessage(first.getMessage());
    assertThat(admin.requestCount()).isEqualTo(1);

    admin.put(AdminStub.entry("myapp__nobody", 30));
    ticker.advance(NEGATIVE_CACHE_TIME.plusMillis(1));

    assertThat(client.resolve("myapp__nobody").epoch()).isEqualTo(30);
    assertThat(admin.requestCount()).isEqualTo(2);
  }

  @Test
  void refusedCredentialsAreAnAuthenticationFailure() {
    admin.requireAuthorization(
        new AdminCredentials.Account("tdb_3f9a01c2", "other").authorization());

    RoutingException failure = resolveFailure(NAME);

    assertThat(failure.reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
    assertThat(failure.sqlState()).isEqualTo("28P01");
    assertThat(failure).hasMessageContaining("tdb_3f9a01c2").hasMessageNotContaining("secret");
  }

  @Test
  void revokedCredentialsDropTheCachedEntryAtTheNextRefresh() throws RoutingException {
    client.resolve(NAME);
    admin.requireAuthorization("Bearer some-other-key");
    ticker.advance(JUST_OVER_REFRESH);

    client.resolve(NAME);
    awaitRefreshes(client);

    assertThat(resolveFailure(NAME).reason()).isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

  @Test
  void serverErrorWithNothingCachedIsAdminUnreachable() {
    admin.answer(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"cluster down\"}}");

    RoutingException failure = resolveFailure(NAME);

    assertThat(failure.reason()).isEqualTo(Reason.ADMIN_UNREACHABLE);
    assertThat(failure).hasMessageContaining("HTTP 503").hasMessageContaining("cluster down");
  }

  @Test
  void answerThatIsNotJsonIsAProtocolError() {
    admin.answer(200, "<html>login</html>");

    RoutingException failure = resolveFailure(NAME);

    assertThat(failure.reason()).isEqualTo(Reason.PROTOCOL);
    assertThat(failure.sqlState()).isEqualTo("XX000");
  }

  @Test
  void entryOfAnotherNameIsAProtocolError() throws JsonProcessingException {
    admin.answer(200, new ObjectMapper().writeValueAsString(AdminStub.entry("myapp__other", 4)));

    RoutingException failure = resolveFailure(NAME);

    assertThat(failure.reason()).isEqualTo(Reason.PROTOCOL);
    assertThat(failure).hasMessageContaining("myapp__other");
  }

  @Test
  void failuresAreNotCachedSoTheNextResolveAsksAgain() {
    admin.answer(503, "{}");
    resolveFailure(NAME);
    resolveFailure(NAME);

    assertThat(admin.requestCount()).isEqualTo(2);
  }

  @Test
  void logsOneWarningPerOutageAndOneNoticeOnRecoveryWithoutSecrets() throws RoutingException {
    Logger logger = Logger.getLogger(RoutingClient.class.getName());
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(capture);
    try {
      RoutingEntry known = client.resolve(NAME);
      admin.stop();
      for (int refresh = 0; refresh < 2; refresh++) {
        ticker.advance(JUST_OVER_REFRESH);
        client.resolve(NAME);
        awaitRefreshes(client);
      }
      resolveFailure("myapp__other");
      admin.restart();
      ticker.advance(MAX_STALENESS);
      client.resolve(NAME);

      assertThat(records)
          .extracting(LogRecord::getLevel)
          .containsExactly(Level.WARNING, Level.INFO);
      assertThat(records.get(0).getMessage()).contains("cannot reach", admin.uri().toString());
      assertThat(records)
          .extracting(LogRecord::getMessage)
          .noneMatch(m -> m.contains(known.password()) || m.contains("account-secret-42"));
    } finally {
      logger.removeHandler(capture);
    }
  }

  private RoutingException resolveFailure(String name) {
    RoutingException failure =
        catchThrowableOfType(RoutingException.class, () -> client.resolve(name));
    assertThat(failure).as("resolving %s fails", name).isNotNull();
    return failure;
  }
}
