/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tdb.core.settings.WorkspaceSettings;
import dev.tdb.proxy.ProxyConfig;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's bookkeeping: reuse by key and loop, budgets, the FIFO queue and its timeout. */
final class ServerPoolTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final EventLoop one = new DefaultEventLoop();
  private final EventLoop two = new DefaultEventLoop();

  @AfterEach
  void stop() {
    one.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    two.shutdownGracefully(0, 0, TimeUnit.SECONDS);
  }

  /** What a claim heard: "open", "reuse" or "timeout", with the connection or the shortage. */
  private record Outcome(String kind, ServerConnection connection, ServerPool.Shortage shortage) {}

  private static final class Recorder implements ServerPool.Claim {
    final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    @Override
    public boolean gone() {
      return false;
    }

    @Override
    public void reuse(ServerConnection connection) {
      outcomes.add(new Outcome("reuse", connection, null));
    }

    @Override
    public void open(ServerConnection slot) {
      slot.opening(new EmbeddedChannel());
      outcomes.add(new Outcome("open", slot, null));
    }

    @Override
    public void timedOut(ServerPool.Shortage shortage) {
      outcomes.add(new Outcome("timeout", null, shortage));
    }

    Outcome next() throws InterruptedException {
      Outcome outcome = outcomes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(outcome).as("an outcome within " + WAIT).isNotNull();
      return outcome;
    }
  }

  private static PoolKey key(String logicalName) {
    return new PoolKey(
        logicalName,
        "db",
        5432,
        logicalName,
        logicalName + "_rt",
        "disable",
        Map.of(),
        WorkspaceSettings.defaults());
  }

  private static ServerPool pool(int clusterMax, Duration queueTimeout, Duration idleTimeout) {
    return new ServerPool(
        new ProxyConfig.Pool(clusterMax, queueTimeout, idleTimeout, 100), w -> {});
  }

  @Test
  void aReleasedConnectionServesTheNextClientOfItsKeyAndLoop() throws Exception {
    ServerPool pool = pool(10, WAIT, Duration.ofMinutes(1));
    Recorder first = new Recorder();
    pool.acquire(key("a"), 2, one, first);
    ServerConnection connection = first.next().connection();
    pool.release(connection);
    assertThat(pool.idle()).isEqualTo(1);

    Recorder other = new Recorder();
    pool.acquire(key("a"), 2, two, other);
    assertThat(other.next().kind()).as("another loop opens its own").isEqualTo("open");
    Recorder second = new Recorder();
    pool.acquire(key("a"), 2, one, second);
    Outcome reused = second.next();
    assertThat(reused.kind()).isEqualTo("reuse");
    assertThat(reused.connection()).isSameAs(connection);
    assertThat(pool.active()).isEqualTo(2);
    assertThat(pool.idle()).isZero();
  }

  /**
   * A transaction-mode client may take an idle connection of any loop, but takes one of its own
   * loop first, even when another loop's was used more recently.
   */
  @Test
  void aTransactionModeClientPrefersAnIdleConnectionOfItsOwnLoop() throws Exception {
    ServerPool pool = pool(10, WAIT, Duration.ofMinutes(1));
    PoolKey key =
        new PoolKey(
            "t",
            "db",
            5432,
            "t",
            "t_rt",
            "disable",
            Map.of(),
            WorkspaceSettings.fromMap(Map.of("pool_mode", "transaction")));
    Recorder onOne = new Recorder();
    pool.acquire(key, 2, one, onOne);
    ServerConnection own = onOne.next().connection();
    Recorder onTwo = new Recorder();
    pool.acquire(key, 2, two, onTwo);
    ServerConnection elsewhere = onTwo.next().connection();
    pool.release(own);
    pool.release(elsewhere);

    Recorder next = new Recorder();
    pool.acquire(key, 2, one, next);
    assertThat(next.next().connection()).isSameAs(own);
    Recorder after = new Recorder();
    pool.acquire(key, 2, one, after);
    assertThat(after.next().connection()).as("then another loop's").isSameAs(elsewhere);
  }

  @Test
  void aClientPastTheBudgetWaitsInOrderAndTimesOutNamingTheBudget() throws Exception {
    ServerPool pool = pool(10, Duration.ofMillis(200), Duration.ofMinutes(1));
    Recorder holder = new Recorder();
    pool.acquire(key("a"), 1, one, holder);
    ServerConnection held = holder.next().connection();
    Recorder firstWaiter = new Recorder();
    Recorder secondWaiter = new Recorder();
    pool.acquire(key("a"), 1, one, firstWaiter);
    pool.acquire(key("a"), 1, one, secondWaiter);
    assertThat(pool.waiting()).isEqualTo(2);

    pool.release(held);
    assertThat(firstWaiter.next().kind()).isEqualTo("reuse");
    Outcome timedOut = secondWaiter.next();
    assertThat(timedOut.kind()).isEqualTo("timeout");
    assertThat(timedOut.shortage().cluster()).isFalse();
    assertThat(timedOut.shortage().limit()).isEqualTo(1);
  }

  @Test
  void theClusterCapBoundsEveryDatabaseOfTheCluster() throws Exception {
    ServerPool pool = pool(1, Duration.ofMillis(100), Duration.ofMinutes(1));
    Recorder a = new Recorder();
    pool.acquire(key("a"), 5, one, a);
    a.next();
    Recorder b = new Recorder();
    pool.acquire(key("b"), 5, one, b);
    Outcome outcome = b.next();
    assertThat(outcome.kind()).isEqualTo("timeout");
    assertThat(outcome.shortage().cluster()).isTrue();
  }

  @Test
  void anIdleConnectionElsewhereIsClosedToMakeRoom() throws Exception {
    ServerPool pool = pool(10, WAIT, Duration.ofMinutes(1));
    Recorder first = new Recorder();
    pool.acquire(key("a"), 1, one, first);
    ServerConnection idle = first.next().connection();
    pool.release(idle);

    Recorder elsewhere = new Recorder();
    pool.acquire(key("a"), 1, two, elsewhere);
    assertThat(elsewhere.next().kind()).isEqualTo("open");
    assertThat(idle.channel().isOpen()).isFalse();
    assertThat(pool.active()).isEqualTo(1);
  }

  @Test
  void idleConnectionsCloseAfterTheIdleTimeout() throws Exception {
    ServerPool pool = pool(10, WAIT, Duration.ofMillis(1));
    Recorder first = new Recorder();
    pool.acquire(key("a"), 2, one, first);
    ServerConnection connection = first.next().connection();
    pool.release(connection);
    await("the idle connection closed")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () -> {
              pool.closeIdle();
              return !connection.channel().isOpen();
            });
    assertThat(pool.idle()).isZero();
    assertThat(pool.active()).isZero();
  }
}
