/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.core.log.QueryEvent;
import dev.tdb.proxy.ProxyConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that takes events from the {@link QueryLogBuffer}: every flush interval, or as
 * soon as {@link #BATCH} events are there, it appends them as JSON lines to the log file (when one
 * is configured) and posts them to the admin service's {@code /v1/proxy/query-events}. A batch the
 * admin service cannot take now (no answer, HTTP 5xx, 408, 429) is kept and posted again with a
 * growing wait ({@link Undelivered}), at most the buffer's capacity in events, oldest first and
 * before newer batches; what does not fit, what the admin service refuses (other 4xx), and what
 * still waits when the proxy stops, is counted as dropped. Each event is written to the file once,
 * when it is taken. The relay never waits for any of it.
 */
public final class QueryLogShipper implements AutoCloseable {
  /** The most events sent in one request. */
  public static final int BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(QueryLogShipper.class);

  private final QueryLogBuffer buffer;
  private final Duration interval;
  private final Optional<BufferedWriter> file;
  private final AdminApiClient admin;
  private final Duration timeout;
  private final Thread thread;
  private final Undelivered undelivered;
  private final int maxUndelivered;
  private volatile boolean closing;

  private QueryLogShipper(
      QueryLogBuffer buffer,
      ProxyConfig config,
      Optional<BufferedWriter> file,
      Optional<SSLContext> tls) {
    this.buffer = buffer;
    this.interval = config.queryLog().flushInterval();
    this.file = file;
    this.admin =
        AdminApiClient.create(
            config.adminUri(),
            AdminApiClient.bearer(config.adminApiKey()),
            tls,
            AdminApiClient.Timeouts.of(ProxyConfig.ADMIN_TIMEOUT));
    this.timeout = ProxyConfig.ADMIN_TIMEOUT;
    this.maxUndelivered = config.queryLog().capacity();
    this.undelivered = new Undelivered(buffer, maxUndelivered);
    this.thread = new Thread(this::run, "tdb-query-log");
    thread.setDaemon(true);
  }

  /**
   * Starts shipping what {@code buffer} receives, as {@code config} says.
   *
   * @throws UncheckedIOException when the log file cannot be opened for appending
   */
  public static QueryLogShipper start(QueryLogBuffer buffer, ProxyConfig config) {
    Optional<BufferedWriter> file =
        config
            .queryLog()
            .file()
            .map(
                path -> {
                  try {
                    return Files.newBufferedWriter(
                        path,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                  } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the query log " + path, e);
                  }
                });
    QueryLogShipper shipper = new QueryLogShipper(buffer, config, file, config.adminTls());
    shipper.thread.start();
    return shipper;
  }

  private void run() {
    List<QueryEvent> batch = new ArrayList<>(BATCH);
    boolean lastChance = false;
    while (true) {
      boolean last = closing;
      long wait = last ? 0 : undelivered.nanosUntilDue(System.nanoTime(), interval.toNanos());
      int moved;
      try {
        moved = buffer.drainTo(batch, BATCH, wait);
      } catch (InterruptedException e) {
        undelivered.dropAll();
        return;
      }
      if (moved > 0) {
        undelivered.add(take(batch));
        batch.clear();
      }
      if (last && !lastChance) {
        // One more attempt for what waits, without the wait; a failure now ends the attempts.
        lastChance = true;
        undelivered.dueNow();
      }
      deliver();
      if (moved == 0 && last) {
        int dropped = undelivered.dropAll();
        if (dropped > 0) {
          warn(dropped + " events not delivered to the admin service before the proxy stopped");
        }
        return;
      }
    }
  }

  /** Writes {@code batch} to the file and returns it as it will be posted. */
  private Undelivered.Batch take(List<QueryEvent> batch) {
    StringBuilder lines = new StringBuilder();
    StringBuilder array = new StringBuilder("[");
    for (QueryEvent event : batch) {
      String json = event.toJson();
      lines.append(json).append('\n');
      array.append(array.length() > 1 ? "," : "").append(json);
    }
    array.append(']');
    file.ifPresent(writer -> append(writer, lines));
    return new Undelivered.Batch(array.toString(), batch.size());
  }

  private static void append(BufferedWriter writer, CharSequence lines) {
    try {
      writer.append(lines);
      writer.flush();
    } catch (IOException e) {
      LOG.warn("cannot write the query log: " + e.getMessage());
    }
  }

  /** Posts the batches that are due, oldest first, until one fails. */
  private void deliver() {
    Undelivered.Batch due;
    while ((due = undelivered.due(System.nanoTime())) != null) {
      boolean wasFailing = undelivered.failing();
      Outcome outcome = post(due);
      if (outcome.result() == Result.RETRY) {
        undelivered.failed(System.nanoTime());
        if (!wasFailing) {
          warn(
              "the admin service did not take "
                  + due.events()
                  + " events ("
                  + outcome.why()
                  + "); retrying, keeping at most "
                  + maxUndelivered
                  + " events");
        }
        return;
      }
      undelivered.done();
      if (outcome.result() == Result.REFUSED) {
        buffer.lost(due.events());
        warn(due.events() + " events refused by the admin service: " + outcome.why());
      } else if (wasFailing) {
        LOG.info("query log: the admin service takes events again");
      }
    }
  }

  private enum Result {
    DELIVERED,
    /** The admin service will not take this batch: retrying cannot help. */
    REFUSED,
    /** The admin service cannot take it now. */
    RETRY
  }

  private record Outcome(Result result, String why) {}

  private Outcome post(Undelivered.Batch batch) {
    try {
      int status =
          admin.exchange(AdminApiCall.post("/v1/proxy/query-events", batch.json())).status();
      if (status == 204 || status == 200) {
        return new Outcome(Result.DELIVERED, null);
      }
      boolean later = status >= 500 || status == 408 || status == 429;
      return new Outcome(
          later ? Result.RETRY : Result.REFUSED, "the admin service answered " + status);
    } catch (IOException e) {
      return new Outcome(Result.RETRY, e.toString());
    }
  }

  private static void warn(String message) {
    LOG.warn("query log: " + message);
  }

  /** Ships what is still buffered, then stops; closes the log file. */
  @Override
  public void close() {
    closing = true;
    try {
      thread.join(interval.plus(timeout).toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    file.ifPresent(
        writer -> {
          try {
            writer.close();
          } catch (IOException e) {
            LOG.warn("cannot close the query log: " + e.getMessage());
          }
        });
  }
}
