/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.tdb.core.api.AdminApiCall;
import dev.tdb.core.api.AdminApiClient;
import dev.tdb.proxy.ProxyConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that ships statement statistics: every flush interval it collects the event loops'
 * windows and posts them to the admin service's {@code /v1/proxy/statement-stats} in one request. A
 * window the admin service cannot take now (no answer, HTTP 5xx, 408, 429) is kept and the next
 * windows are merged into it, so memory stays bounded by the per-database limit while the admin
 * service is away; a window it refuses (other 4xx) is dropped, counted and logged. The last window
 * is posted when the proxy stops. The relay never waits for any of it.
 */
public final class StatsShipper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatsShipper.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final StatementStatistics statistics;
  private final Duration interval;
  private final Clock clock;
  private final AdminApiClient admin;
  private final Thread thread;
  private final LongAdder droppedCalls = new LongAdder();
  private StatsWindow pending;
  private boolean failing;
  private volatile boolean closing;

  private StatsShipper(StatementStatistics statistics, ProxyConfig config, Clock clock) {
    this.statistics = statistics;
    this.interval = config.queryLog().statistics().flushInterval();
    this.clock = clock;
    this.admin =
        AdminApiClient.create(
            config.adminUri(),
            AdminApiClient.bearer(config.adminApiKey()),
            config.adminTls(),
            AdminApiClient.Timeouts.of(ProxyConfig.ADMIN_TIMEOUT));
    this.pending = statistics.emptyWindow();
    this.thread = new Thread(this::run, "tdb-statement-stats");
    thread.setDaemon(true);
  }

  /** Starts shipping {@code statistics} as {@code config} says. */
  public static StatsShipper start(
      StatementStatistics statistics, ProxyConfig config, Clock clock) {
    StatsShipper shipper = new StatsShipper(statistics, config, clock);
    shipper.thread.start();
    return shipper;
  }

  /** Calls whose statistics the admin service refused or that were still unsent at shutdown. */
  public long droppedCalls() {
    return droppedCalls.sum();
  }

  private void run() {
    try {
      while (!closing) {
        synchronized (this) {
          if (!closing) {
            wait(interval.toMillis());
          }
        }
        flush();
      }
      flush();
      if (!pending.isEmpty()) {
        dropPending("not delivered before the proxy stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void flush() throws InterruptedException {
    statistics.collectInto(pending, interval.toMillis());
    if (pending.isEmpty()) {
      return;
    }
    Result result = post();
    if (result == Result.DELIVERED) {
      if (failing) {
        LOG.info("statement statistics: the admin service takes them again");
      }
      failing = false;
      pending = statistics.emptyWindow();
    } else if (result == Result.REFUSED) {
      dropPending("refused by the admin service");
    } else if (!failing) {
      failing = true;
      LOG.warn(
          "statement statistics: the admin service did not take them; keeping and merging the"
              + " windows until it does");
    }
  }

  private void dropPending(String why) {
    long calls = pending.calls();
    droppedCalls.add(calls);
    LOG.warn("statement statistics of {} calls dropped: {}", calls, why);
    pending = statistics.emptyWindow();
  }

  private enum Result {
    DELIVERED,
    REFUSED,
    RETRY
  }

  private Result post() {
    String body;
    try {
      body = JSON.writeValueAsString(pending.report(clock.instant()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("statement statistics cannot be written as JSON", e);
    }
    try {
      int status = admin.exchange(AdminApiCall.post("/v1/proxy/statement-stats", body)).status();
      if (status == 204 || status == 200) {
        return Result.DELIVERED;
      }
      boolean later = status >= 500 || status == 408 || status == 429;
      if (!later) {
        LOG.warn("statement statistics: the admin service answered {}", status);
      }
      return later ? Result.RETRY : Result.REFUSED;
    } catch (IOException e) {
      return Result.RETRY;
    }
  }

  /** Posts what was counted so far, then stops. */
  @Override
  public void close() {
    closing = true;
    synchronized (this) {
      notifyAll();
    }
    try {
      thread.join(interval.plus(ProxyConfig.ADMIN_TIMEOUT).toMillis() * 2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
