/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.proxy.ProxyConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The one thread that takes events from the {@link QueryLogBuffer}: every flush interval, or as
 * soon as {@link #BATCH} events are there, it appends them as JSON lines to the log file (when one
 * is configured) and posts them to the admin service's {@code /v1/proxy/query-events}. A batch the
 * admin service does not take is counted as dropped; the relay never waits for any of it.
 */
public final class QueryLogShipper implements AutoCloseable {
  /** The most events sent in one request. */
  public static final int BATCH = 500;

  private static final System.Logger LOG = System.getLogger(QueryLogShipper.class.getName());

  private final QueryLogBuffer buffer;
  private final Duration interval;
  private final Optional<BufferedWriter> file;
  private final HttpClient http;
  private final URI endpoint;
  private final String authorization;
  private final Duration timeout;
  private final Thread thread;
  private volatile boolean closing;

  private QueryLogShipper(
      QueryLogBuffer buffer,
      ProxyConfig config,
      Optional<BufferedWriter> file,
      Optional<SSLContext> tls) {
    this.buffer = buffer;
    this.interval = config.queryLog().flushInterval();
    this.file = file;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(ProxyConfig.ADMIN_TIMEOUT);
    tls.ifPresent(builder::sslContext);
    this.http = builder.build();
    String base = config.adminUri().toString().replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/v1/proxy/query-events");
    this.authorization = "Bearer " + config.adminApiKey();
    this.timeout = ProxyConfig.ADMIN_TIMEOUT;
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
    while (true) {
      boolean last = closing;
      int moved;
      try {
        moved = buffer.drainTo(batch, BATCH, last ? 0 : interval.toNanos());
      } catch (InterruptedException e) {
        return;
      }
      if (moved > 0) {
        ship(batch);
        batch.clear();
      } else if (last) {
        return;
      }
    }
  }

  private void ship(List<QueryEvent> batch) {
    StringBuilder lines = new StringBuilder();
    StringBuilder array = new StringBuilder("[");
    for (QueryEvent event : batch) {
      String json = event.toJson();
      lines.append(json).append('\n');
      array.append(array.length() > 1 ? "," : "").append(json);
    }
    array.append(']');
    file.ifPresent(writer -> append(writer, lines));
    post(array.toString(), batch.size());
  }

  private static void append(BufferedWriter writer, CharSequence lines) {
    try {
      writer.append(lines);
      writer.flush();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot write the query log: " + e.getMessage());
    }
  }

  private void post(String body, int events) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status != 204 && status != 200) {
        lost(events, "the admin service answered " + status);
      }
    } catch (IOException e) {
      lost(events, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lost(events, "interrupted");
    }
  }

  private void lost(int events, String why) {
    buffer.lost(events);
    LOG.log(
        System.Logger.Level.WARNING,
        "query log: " + events + " events not delivered to the admin service: " + why);
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
            LOG.log(System.Logger.Level.WARNING, "cannot close the query log: " + e.getMessage());
          }
        });
  }
}
