/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.it.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.it.proxy.WireClient.Message;
import dev.tdb.it.proxy.WireClient.Transport;
import dev.tdb.testkit.PostgresExtension;
import dev.tdb.testkit.TestPostgres;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that reads a 10-million-row result slowly must slow the server down, not fill the
 * proxy's memory. The proxy runs in this JVM, so its buffers are measured here: the Netty
 * allocator's used memory and the JVM's direct buffers, sampled all through the stream, and the
 * heap after a collection while the client does not read at all.
 */
@ExtendWith(PostgresExtension.class)
final class ProxyBackpressureIT {
  private static final long ROWS = 10_000_000;
  private static final long MAX_GROWTH_BYTES = 64L << 20;
  private static final long PAUSE_MILLIS = 3_000;
  private static final long SLOW_ROWS = 200_000;

  private static ProxyService service;

  @BeforeAll
  static void start(TestPostgres postgres) throws Exception {
    service = ProxyService.start(postgres);
    // The control database has the default max_rows_per_query (100000) and a 30 s
    // statement_timeout too, which the stream can exceed on a loaded machine.
    service.updateControlSettings(Map.of("max_rows_per_query", 0, "query_timeout_ms", 120_000));
  }

  @AfterAll
  static void stop() throws SQLException {
    service.close();
  }

  @Test
  void streamsTenMillionRowsToASlowReaderWithBoundedProxyMemory() throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("user", service.user());
    parameters.put("database", service.control());
    long heapBefore = heapAfterCollection();
    long buffersBefore = bufferBytes();
    AtomicLong peakBuffers = new AtomicLong(buffersBefore);
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(
        () -> peakBuffers.accumulateAndGet(bufferBytes(), Math::max), 0, 50, TimeUnit.MILLISECONDS);
    long rows = 0;
    long heapWhilePaused;
    Message last;
    try (WireClient client =
        WireClient.connect(
            "127.0.0.1",
            service.port(),
            Transport.TLS,
            WireClient.PROTOCOL_3_0,
            parameters,
            service.secret())) {
      client.setReadTimeout(60_000);
      client.query("SELECT g, repeat('x', 20) FROM generate_series(1, " + ROWS + ") g").flush();
      assertThat(client.read().type()).as("RowDescription").isEqualTo('T');
      // Not reading at all: without back-pressure the proxy would buffer what the server sends.
      Thread.sleep(PAUSE_MILLIS);
      heapWhilePaused = heapAfterCollection();
      while (true) {
        last = client.read();
        if (last.type() != 'D') {
          break;
        }
        rows++;
        if (rows < SLOW_ROWS && rows % 1_000 == 0) {
          Thread.sleep(2);
        }
      }
      client.readUntilReady();
    } finally {
      sampler.shutdownNow();
      sampler.awaitTermination(5, TimeUnit.SECONDS);
    }

    String error = last.type() == 'E' ? last.field('C') + " " + last.field('M') : "";
    assertThat(last.type()).as("CommandComplete after %d rows %s", rows, error).isEqualTo('C');
    assertThat(rows).isEqualTo(ROWS);
    System.out.printf(
        "proxy buffers grew by %,d bytes at most, heap by %,d bytes while paused%n",
        peakBuffers.get() - buffersBefore, heapWhilePaused - heapBefore);
    assertThat(peakBuffers.get() - buffersBefore)
        .as("growth of Netty's and the JVM's buffer memory during the stream")
        .isLessThan(MAX_GROWTH_BYTES);
    assertThat(heapWhilePaused - heapBefore)
        .as("heap growth while the client did not read")
        .isLessThan(MAX_GROWTH_BYTES);
  }

  /** Memory of the Netty allocator the proxy uses plus the JVM's direct buffers. */
  private static long bufferBytes() {
    long bytes = 0;
    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
      ByteBufAllocatorMetric metric = provider.metric();
      bytes += metric.usedDirectMemory() + metric.usedHeapMemory();
    }
    for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (pool.getName().equals("direct")) {
        bytes += pool.getMemoryUsed();
      }
    }
    return bytes;
  }

  private static long heapAfterCollection() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
