/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.stats.StatementNormalizer;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class StatementStatisticsTest {
  @Test
  void collectsEveryLoopsCallsOnceAndStartsAFreshWindow() throws InterruptedException {
    StatementStatistics statistics = new StatementStatistics(10, 100, Clock.systemUTC());
    EventLoop one = new DefaultEventLoop();
    EventLoop two = new DefaultEventLoop();
    try {
      int perLoop = 10_000;
      CountDownLatch done = new CountDownLatch(2);
      for (EventLoop loop : new EventLoop[] {one, two}) {
        loop.execute(
            () -> {
              StatementStatistics.Loop counter = statistics.on(loop);
              for (int i = 0; i < perLoop; i++) {
                String sql = "SELECT " + i;
                counter.record(
                    "app__acme", StatementNormalizer.fingerprint(sql), () -> sql, 1000, 1, null);
              }
              done.countDown();
            });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      StatsWindow first = statistics.emptyWindow();
      statistics.collectInto(first, 5_000);
      assertThat(first.calls()).isEqualTo(2L * perLoop);
      assertThat(first.report(Clock.systemUTC().instant()).statements().get(0).rows())
          .isEqualTo(2L * perLoop);

      StatsWindow second = statistics.emptyWindow();
      statistics.collectInto(second, 5_000);
      assertThat(second.isEmpty()).isTrue();
    } finally {
      one.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
      two.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  @Test
  void countsCallsPastTheLimitAsOverflow() throws InterruptedException {
    StatementStatistics statistics = new StatementStatistics(1, 100, Clock.systemUTC());
    EventLoop loop = new DefaultEventLoop();
    try {
      loop.submit(
              () -> {
                StatementStatistics.Loop counter = statistics.on(loop);
                counter.record("db", 97, () -> "SELECT a", 1, 0, null);
                counter.record("db", 98, () -> "SELECT b", 1, 0, null);
                counter.record("db", 99, () -> "SELECT c", 1, 0, null);
              })
          .syncUninterruptibly();
      statistics.collectInto(statistics.emptyWindow(), 5_000);
      assertThat(statistics.overflow()).isEqualTo(2);
    } finally {
      loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
