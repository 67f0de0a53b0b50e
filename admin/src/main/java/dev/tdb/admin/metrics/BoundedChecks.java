/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Yes-or-no checks that may block on a network (a database that does not answer), answered within a
 * bound: each runs on a daemon thread of its own pool, a check still running is not started again
 * for the same key (a probe every second against a hung database starts one check, not hundreds),
 * and one that has not answered in time counts as no. Thread-safe.
 */
final class BoundedChecks implements AutoCloseable {
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "tdb-admin-health-check");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, Future<Boolean>> running = new ConcurrentHashMap<>();

  /** Starts {@code check} under {@code key} unless one still runs; returns the running one. */
  Future<Boolean> start(String key, BooleanSupplier check) {
    return running.compute(
        key,
        (k, current) ->
            current != null && !current.isDone() ? current : executor.submit(check::getAsBoolean));
  }

  /** Whether {@code check} answered yes within {@code timeout}. */
  static boolean within(Future<Boolean> check, Duration timeout) {
    try {
      return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
