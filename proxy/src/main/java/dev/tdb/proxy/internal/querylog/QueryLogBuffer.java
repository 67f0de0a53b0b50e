/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.core.log.QueryEvent;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bounded hand-over between event loops, which add events, and the one thread that ships them.
 * Adding never waits: when the buffer is full the event is dropped and counted. Thread-safe.
 */
public final class QueryLogBuffer {
  private final ArrayBlockingQueue<QueryEvent> events;
  private final LongAdder dropped = new LongAdder();

  /** A buffer of at most {@code capacity} events. */
  public QueryLogBuffer(int capacity) {
    this.events = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds {@code event}, or drops and counts it when the buffer is full; never blocks. */
  public void add(QueryEvent event) {
    if (!events.offer(event)) {
      dropped.increment();
    }
  }

  /** Counts {@code count} events that were taken but could not be delivered. */
  void lost(int count) {
    dropped.add(count);
  }

  /** Events dropped so far, because the buffer was full or their delivery failed. */
  public long dropped() {
    return dropped.sum();
  }

  /**
   * Moves up to {@code max} events into {@code batch}, waiting at most {@code waitNanos} for the
   * first ones; returns how many were moved.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  int drainTo(List<QueryEvent> batch, int max, long waitNanos) throws InterruptedException {
    long deadline = System.nanoTime() + waitNanos;
    int moved = 0;
    while (moved < max) {
      moved += events.drainTo(batch, max - moved);
      long left = deadline - System.nanoTime();
      if (moved >= max || left <= 0) {
        break;
      }
      QueryEvent next = events.poll(left, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
      moved++;
    }
    return moved;
  }
}
