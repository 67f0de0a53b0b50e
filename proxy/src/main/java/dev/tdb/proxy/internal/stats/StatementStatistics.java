/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import dev.tdb.proxy.ProxyConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The proxy's statement statistics: one {@link StatsWindow} per event loop, so that counting a
 * statement takes no lock and shares no cache line with another loop. The shipper collects them by
 * running a hand-over task on each loop, which swaps in a fresh window; a statement is counted in
 * exactly one window. Thread-safe.
 */
public final class StatementStatistics implements AutoCloseable {
  /** Calls counted in an "other" bucket because their database had no room left. */
  public static final String OVERFLOW = "tdb.proxy.statement.stats.overflow";

  /** Calls whose statistics were dropped (refused by the admin service, or unsent at shutdown). */
  public static final String DROPPED = "tdb.proxy.statement.stats.dropped";

  private final Map<EventExecutor, Loop> loops = new ConcurrentHashMap<>();
  private final int maxStatements;
  private final int queryLength;
  private final Clock clock;
  private final LongAdder overflow = new LongAdder();
  private final Queue<StatsWindow> handedOver = new ConcurrentLinkedQueue<>();

  private StatsShipper shipper;

  /**
   * Statistics keeping at most {@code maxStatements} distinct statements per database and window,
   * normalized text cut to {@code queryLength} characters.
   */
  public StatementStatistics(int maxStatements, int queryLength, Clock clock) {
    this.maxStatements = maxStatements;
    this.queryLength = queryLength;
    this.clock = clock;
  }

  /**
   * Starts counting and shipping statement statistics as {@code config} says; empty when they are
   * off.
   */
  public static Optional<StatementStatistics> start(ProxyConfig config, Clock clock) {
    ProxyConfig.Statistics settings = config.queryLog().statistics();
    if (!settings.enabled()) {
      return Optional.empty();
    }
    StatementStatistics statistics =
        new StatementStatistics(settings.maxStatements(), config.queryLog().sqlLength(), clock);
    statistics.shipper = StatsShipper.start(statistics, config, clock);
    return Optional.of(statistics);
  }

  /** Registers the overflow and dropped counters in {@code registry}. */
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder(OVERFLOW, overflow, LongAdder::sum)
        .description("statement calls counted in a database's 'other' bucket (limit reached)")
        .register(registry);
    FunctionCounter.builder(DROPPED, this, StatementStatistics::dropped)
        .description("statement calls whose statistics the admin service never took")
        .register(registry);
  }

  private double dropped() {
    return shipper == null ? 0 : shipper.droppedCalls();
  }

  /** Sends what was counted, then stops the shipper. */
  @Override
  public void close() {
    if (shipper != null) {
      shipper.close();
    }
  }

  /**
   * The counter of the event loop {@code executor}, for the sessions that run on it; call it on
   * that loop, once per session.
   */
  public Loop on(EventExecutor executor) {
    return loops.computeIfAbsent(executor, Loop::new);
  }

  /** The statistics of one event loop; every method runs on that loop. */
  public final class Loop {
    private final EventExecutor executor;
    // Confined to the event loop: record and the hand-over task both run on it.
    private StatsWindow window;

    private Loop(EventExecutor executor) {
      this.executor = executor;
      this.window = fresh();
    }

    /**
     * Counts one call of the statement with {@code fingerprint} on {@code database}; {@code text}
     * gives its normalized text when the window first sees it. Must run on the loop.
     */
    public void record(
        String database,
        long fingerprint,
        Supplier<String> text,
        long nanos,
        long rows,
        String sqlState) {
      window.record(database, fingerprint, text, nanos, rows, sqlState);
    }

    private StatsWindow take() {
      StatsWindow taken = window;
      window = fresh();
      return taken;
    }
  }

  private StatsWindow fresh() {
    return new StatsWindow(clock.instant(), maxStatements, queryLength);
  }

  /** An empty window starting now, for the shipper to merge into. */
  StatsWindow emptyWindow() {
    return fresh();
  }

  /**
   * Takes every loop's window and merges it into {@code into}, waiting at most {@code waitMillis}
   * for each loop. A loop that answers late still hands its window over, and it is merged by the
   * next collection; a loop that has shut down is forgotten.
   */
  void collectInto(StatsWindow into, long waitMillis) throws InterruptedException {
    List<Future<?>> handOvers = new ArrayList<>();
    for (Map.Entry<EventExecutor, Loop> entry : loops.entrySet()) {
      EventExecutor executor = entry.getKey();
      if (executor.isShutdown()) {
        loops.remove(executor);
        continue;
      }
      Loop loop = entry.getValue();
      handOvers.add(executor.submit(() -> handedOver.add(loop.take())));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
    for (Future<?> handOver : handOvers) {
      handOver.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    long before = into.overflow();
    StatsWindow taken;
    while ((taken = handedOver.poll()) != null) {
      into.merge(taken);
    }
    overflow.add(into.overflow() - before);
  }

  /** Calls counted in an "other" bucket because their database had no room left, so far. */
  public long overflow() {
    return overflow.sum();
  }
}
