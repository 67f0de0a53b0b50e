/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.admin.query;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fan-out on its way: a bounded pool of workers, one tenant each at a time, hands lines to the
 * request's thread through a bounded queue, and that thread alone writes them to the client. A slow
 * client therefore slows the workers instead of filling memory, and a client that goes away stops
 * them.
 */
final class FanOut {
  private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);
  private static final int QUEUE_LINES = 1024;
  private static final long FLUSH_WAIT_MILLIS = 50;
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** A line for the client; {@code outcome} is set on a tenant's last line. */
  private record Line(byte[] bytes, Outcome outcome) {}

  private final FanOutPlan plan;
  private final TenantQuery.Opener opener;
  private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
  private final Map<Outcome.Status, Integer> tally = new EnumMap<>(Outcome.Status.class);

  FanOut(FanOutPlan plan, TenantQuery.Opener opener) {
    this.plan = plan;
    this.opener = opener;
    for (Outcome.Status status : Outcome.Status.values()) {
      tally.put(status, 0);
    }
  }

  /** Runs every target and writes the answer to {@code out}, the summary last. */
  void run(OutputStream out) {
    long started = System.nanoTime();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            plan.parallelism(),
            task -> {
              Thread thread = new Thread(task, "tdb-query-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (FanOutPlan.Skipped skipped : plan.skipped()) {
        write(out, outcomeLine(skipped.logicalName(), Outcome.skipped(skipped.reason())));
      }
      // Commits the status and headers now: a client's wait for the answer to begin ends here,
      // however long the first tenant takes.
      out.flush();
      plan.targets().forEach(target -> workers.execute(() -> work(target)));
      relay(out);
      out.write(summary((System.nanoTime() - started) / 1_000_000));
      out.flush();
    } catch (IOException e) {
      LOG.info("a fan-out client went away; stopping its queries: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
    }
  }

  /** Writes lines as workers hand them over until every target has its outcome. */
  private void relay(OutputStream out) throws IOException, InterruptedException {
    int pending = plan.targets().size();
    while (pending > 0) {
      Line line = queue.poll(FLUSH_WAIT_MILLIS, TimeUnit.MILLISECONDS);
      if (line == null) {
        out.flush();
        continue;
      }
      write(out, line);
      if (line.outcome() != null) {
        pending--;
      }
      if (queue.isEmpty()) {
        out.flush();
      }
    }
  }

  private void write(OutputStream out, Line line) throws IOException {
    out.write(line.bytes());
    if (line.outcome() != null) {
      tally.merge(line.outcome().status(), 1, Integer::sum);
    }
  }

  /** Runs one tenant on a worker; always hands over exactly one outcome line. */
  private void work(FanOutPlan.Target target) {
    String tenant = target.tenant().logicalName();
    long started = System.nanoTime();
    Outcome outcome;
    try {
      outcome =
          new TenantQuery(target, bytes -> queue.put(new Line(bytes, null)))
              .run(opener, plan.sql(), plan.access());
    } catch (InterruptedException e) {
      // The client went away: nobody reads the queue any more.
      return;
    } catch (RuntimeException | Error e) {
      LOG.error("fan-out query on tenant {} failed", tenant, e);
      outcome = Outcome.internal(e, (System.nanoTime() - started) / 1_000_000);
    }
    try {
      queue.put(outcomeLine(tenant, outcome));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Line outcomeLine(String tenant, Outcome outcome) {
    try {
      return new Line(outcome.line(tenant), outcome);
    } catch (SQLException e) {
      throw new IllegalStateException("an outcome line reads no result set", e);
    }
  }

  private byte[] summary(long ms) throws IOException {
    try {
      return Lines.line(
          "summary",
          null,
          json -> {
            json.writeNumberField("tenants", plan.targets().size() + plan.skipped().size());
            json.writeNumberField("ok", tally.get(Outcome.Status.OK));
            json.writeNumberField("failed", tally.get(Outcome.Status.ERROR));
            json.writeNumberField("timed_out", tally.get(Outcome.Status.TIMEOUT));
            json.writeNumberField("skipped", tally.get(Outcome.Status.SKIPPED));
            json.writeNumberField("parallelism", plan.parallelism());
            json.writeNumberField("ms", ms);
          });
    } catch (SQLException e) {
      throw new IllegalStateException("the summary reads no result set", e);
    }
  }
}
