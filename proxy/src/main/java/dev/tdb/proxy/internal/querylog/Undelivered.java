/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Batches the admin service has not taken yet, oldest first, and when to try again: after a failed
 * attempt the wait doubles from {@link #FIRST_WAIT} up to {@link #MAX_WAIT}, and a delivery resets
 * it. At most a given number of events wait; beyond that the oldest batches are dropped and counted
 * in the buffer. Used by the shipper's thread only.
 */
final class Undelivered {
  /** The wait after the first failed attempt. */
  static final Duration FIRST_WAIT = Duration.ofMillis(500);

  /** The longest wait between attempts. */
  static final Duration MAX_WAIT = Duration.ofSeconds(15);

  /**
   * One batch as it is posted.
   *
   * @param json the JSON array of the events
   * @param events how many events it holds
   */
  record Batch(String json, int events) {}

  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private final QueryLogBuffer buffer;
  private final int maxEvents;
  private int events;
  private long wait;
  private long nextAttempt;

  /** Keeps at most {@code maxEvents} events; what it drops is counted in {@code buffer}. */
  Undelivered(QueryLogBuffer buffer, int maxEvents) {
    this.buffer = buffer;
    this.maxEvents = maxEvents;
  }

  /** Queues {@code batch} behind the others, dropping the oldest when too many events wait. */
  void add(Batch batch) {
    batches.addLast(batch);
    events += batch.events();
    while (events > maxEvents) {
      dropOldest();
    }
  }

  /** The oldest batch, or {@code null} when none waits or its next attempt is not due. */
  Batch due(long now) {
    return batches.isEmpty() || (wait > 0 && now - nextAttempt < 0) ? null : batches.peekFirst();
  }

  /** The oldest batch was delivered (or refused for good): the next one may go at once. */
  void done() {
    removeOldest();
    wait = 0;
  }

  /** Makes the oldest batch due now, whatever the wait. */
  void dueNow() {
    nextAttempt = System.nanoTime();
  }

  /** An attempt failed at {@code now}; the oldest batch waits longer before the next one. */
  void failed(long now) {
    wait = wait == 0 ? FIRST_WAIT.toNanos() : Math.min(wait * 2, MAX_WAIT.toNanos());
    nextAttempt = now + wait;
  }

  /** Nanoseconds until the next attempt is due; {@code max} when nothing waits. */
  long nanosUntilDue(long now, long max) {
    if (batches.isEmpty()) {
      return max;
    }
    return wait == 0 ? 0 : Math.max(0, Math.min(max, nextAttempt - now));
  }

  /** Whether an earlier attempt failed and no delivery has succeeded since. */
  boolean failing() {
    return wait > 0;
  }

  /** Drops every batch still waiting and counts its events as lost; returns how many. */
  int dropAll() {
    int dropped = events;
    while (!batches.isEmpty()) {
      dropOldest();
    }
    return dropped;
  }

  private void dropOldest() {
    buffer.lost(removeOldest().events());
  }

  private Batch removeOldest() {
    Batch oldest = batches.removeFirst();
    events -= oldest.events();
    return oldest;
  }
}
