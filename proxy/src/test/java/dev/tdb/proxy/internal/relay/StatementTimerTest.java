/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.policy.Decision;
import dev.tdb.core.policy.SqlState;
import dev.tdb.proxy.internal.protocol.backend.ErrorResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy's statement timeout on a mock clock: T = 2000 ms, so it cancels after 3000 ms. */
final class StatementTimerTest {
  private final MockTicker clock = Ticker.newMockTicker();
  private final EmbeddedChannel loop = EmbeddedChannel.builder().ticker(clock).build();
  private int cancels;
  private final StatementTimer timer =
      new StatementTimer(2000, "app_workspace", () -> cancels++, loop.eventLoop());

  @AfterEach
  void finish() {
    assertThat(loop.finish()).isFalse();
  }

  private void advance(long millis) {
    clock.advanceMillis(millis);
    loop.runScheduledPendingTasks();
  }

  @Test
  void cancelsAfterTheLimitPlusTheGraceAndAgainIfTheStatementStillRuns() {
    timer.statementsSent(1);
    advance(2999);
    assertThat(cancels).isZero();
    advance(1);
    assertThat(cancels).isEqualTo(1);
    advance(2999);
    assertThat(cancels).isEqualTo(1);
    advance(1);
    assertThat(cancels).isEqualTo(2);
  }

  @Test
  void doesNotCountTheTimeTheServerOwesNothing() {
    timer.statementsSent(1);
    advance(1000);
    timer.idle();
    advance(10_000);
    assertThat(cancels).isZero();
    timer.statementsSent(0);
    advance(2999);
    assertThat(cancels).isZero();
    advance(1);
    assertThat(cancels).isEqualTo(1);
  }

  @Test
  void allowsTheLimitOnceForEveryStatementStillOwed() {
    timer.statementsSent(3);
    advance(8999);
    assertThat(cancels).isZero();
    timer.statementEnded();
    advance(5999);
    assertThat(cancels).isZero();
    advance(1);
    assertThat(cancels).isEqualTo(1);
  }

  @Test
  void namesTheSettingInTheCancelledStatementsErrorOnly() {
    ByteBuf before = cancelled();
    assertThat(timer.explain(before)).isSameAs(before);
    before.release();

    timer.statementsSent(1);
    advance(3000);
    ByteBuf server = cancelled();
    ErrorResponse seen = decodeAndRelease(timer.explain(server));
    server.release();
    assertThat(seen.sqlState()).isEqualTo("57014");
    assertThat(seen.message()).isEqualTo("canceling statement due to statement timeout");
    assertThat(seen.fields().get('H'))
        .contains("query_timeout_ms (2000 ms) plus 1000 ms", "settings of app_workspace");

    ByteBuf after = cancelled();
    assertThat(timer.explain(after)).isSameAs(after);
    after.release();
  }

  @Test
  void leavesAnotherErrorAsItIs() {
    timer.statementsSent(1);
    advance(3000);
    ByteBuf other =
        ErrorResponse.error(
                new Decision.Reject(
                    SqlState.UNIQUE_VIOLATION,
                    "duplicate key value violates unique constraint",
                    null))
            .encode(ByteBufAllocator.DEFAULT);
    assertThat(timer.explain(other)).isSameAs(other);
    other.release();
  }

  @Test
  void stopsTheTimerWithTheSession() {
    timer.statementsSent(1);
    timer.stop();
    advance(10_000);
    assertThat(cancels).isZero();
  }

  private static ByteBuf cancelled() {
    return ErrorResponse.error(
            new Decision.Reject(
                SqlState.QUERY_CANCELED, "canceling statement due to user request", null))
        .encode(ByteBufAllocator.DEFAULT);
  }

  private static ErrorResponse decodeAndRelease(ByteBuf frame) {
    try {
      return ErrorResponse.decode(frame);
    } finally {
      frame.release();
    }
  }
}
