/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.cli.serve;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a service stops on SIGTERM (or Ctrl-C): it runs the service's own ordered stop, and exits 0
 * once that finished within the drain timeout, 1 when it did not or failed. The JVM would otherwise
 * exit with 143 (128 + SIGTERM) even after a clean drain, which supervisors report as a failure.
 */
final class Draining {
  /** The exit code when the stop did not finish within the drain timeout. */
  static final int NOT_DRAINED = 1;

  /** Time past the drain timeout that the stop may take to close what it cut off. */
  static final Duration CLOSING_GRACE = Duration.ofSeconds(5);

  private Draining() {}

  /**
   * Stops with {@code stop} on SIGTERM and blocks the calling thread until the JVM exits.
   *
   * @param service the service's name, for messages
   */
  static void untilTerminated(String service, Duration drain, Runnable stop, PrintWriter out)
      throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> drain(service, drain, stop, out), service + "-drain"));
    new CountDownLatch(1).await();
  }

  private static void drain(String service, Duration drain, Runnable stop, PrintWriter out) {
    out.println(service + ": stopping, drain timeout " + drain.toMillis() + " ms");
    out.flush();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    Thread stopping =
        new Thread(
            () -> {
              try {
                stop.run();
                stopped.complete(null);
              } catch (RuntimeException | Error e) {
                stopped.completeExceptionally(e);
              }
            },
            service + "-stop");
    stopping.setDaemon(true);
    stopping.start();
    String outcome;
    int code = NOT_DRAINED;
    try {
      // The stop's own deadline is the drain timeout; a little more covers its final closing.
      stopped.get(drain.plus(CLOSING_GRACE).toMillis(), TimeUnit.MILLISECONDS);
      outcome = "stopped";
      code = 0;
    } catch (TimeoutException e) {
      outcome = "did not stop within the drain timeout; exiting anyway";
    } catch (ExecutionException e) {
      outcome = "failed while stopping: " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "interrupted while stopping";
    }
    out.println(service + ": " + outcome);
    out.flush();
    // Only the exit code changes: every other hook of this process belongs to the stop above.
    Runtime.getRuntime().halt(code);
  }
}
