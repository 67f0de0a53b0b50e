/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.proxy.ProxyConfig;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class QueryLogShipperTest {
  @Test
  void writesEveryEventToTheFileAndCountsWhatTheAdminServiceDidNotTake(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("query.jsonl");
    // Nothing listens on port 1 of the loopback address: every post is refused at once.
    ProxyConfig config =
        ProxyConfig.of("127.0.0.1", 0, URI.create("http://127.0.0.1:1"), "key", dir).toBuilder()
            .queryLog(
                ProxyConfig.QueryLog.on().withFile(file).withFlushInterval(Duration.ofMillis(50)))
            .build();
    QueryLogBuffer buffer = new QueryLogBuffer(2000);
    QueryLogShipper shipper = QueryLogShipper.start(buffer, config);
    for (int i = 0; i < 1200; i++) {
      buffer.add(event(i));
    }
    shipper.close();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1200);
    assertThat(lines.get(1199)).contains("\"sql\":\"INSERT INTO t VALUES (1199)\"");
    assertThat(buffer.dropped()).isEqualTo(1200);
  }

  @Test
  void retriesBatchesTheAdminServiceCouldNotTakeAndWritesTheFileOnce(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("query.jsonl");
    List<String> received = new CopyOnWriteArrayList<>();
    AtomicInteger refusals = new AtomicInteger(3);
    HttpServer admin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    admin.createContext(
        "/v1/proxy/query-events",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          if (refusals.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            received.add(body);
            exchange.sendResponseHeaders(204, -1);
          }
          exchange.close();
        });
    admin.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + admin.getAddress().getPort());
      ProxyConfig config =
          ProxyConfig.of("127.0.0.1", 0, uri, "key", dir).toBuilder()
              .queryLog(
                  ProxyConfig.QueryLog.on().withFile(file).withFlushInterval(Duration.ofMillis(50)))
              .build();
      QueryLogBuffer buffer = new QueryLogBuffer(2000);
      QueryLogShipper shipper = QueryLogShipper.start(buffer, config);
      for (int i = 0; i < 1200; i++) {
        buffer.add(event(i));
      }
      await("1200 events delivered")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> String.join("", received).split("INSERT").length > 1200);
      shipper.close();

      String all = String.join("", received);
      for (int i = 0; i < 1200; i++) {
        assertThat(all).containsOnlyOnce("INSERT INTO t VALUES (" + i + ")\"");
      }
      assertThat(all.indexOf("VALUES (0)")).isLessThan(all.indexOf("VALUES (1199)"));
      assertThat(refusals.get()).isNegative();
      assertThat(buffer.dropped()).isZero();
      assertThat(Files.readAllLines(file)).hasSize(1200);
    } finally {
      admin.stop(0);
    }
  }

  private static QueryEvent event(int i) {
    return new QueryEvent(
        Instant.now(),
        "tdb_1",
        "app__acme",
        "acme",
        StatementKind.WRITE,
        Duration.ofMillis(1),
        1L,
        null,
        "127.0.0.1",
        "INSERT INTO t VALUES (" + i + ")");
  }
}
