/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.sql.StatementKind;
import dev.tdb.proxy.ProxyConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class QueryLogShipperTest {
  @Test
  void writesEveryEventToTheFileAndCountsWhatTheAdminServiceDidNotTake(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("query.jsonl");
    // Nothing listens on port 1 of the loopback address: every post is refused at once.
    ProxyConfig config =
        ProxyConfig.of("127.0.0.1", 0, URI.create("http://127.0.0.1:1"), "key", dir)
            .withQueryLog(
                ProxyConfig.QueryLog.on().withFile(file).withFlushInterval(Duration.ofMillis(50)));
    QueryLogBuffer buffer = new QueryLogBuffer(2000);
    QueryLogShipper shipper = QueryLogShipper.start(buffer, config);
    for (int i = 0; i < 1200; i++) {
      buffer.add(
          new QueryEvent(
              Instant.now(),
              "tdb_1",
              "app__acme",
              "acme",
              StatementKind.WRITE,
              Duration.ofMillis(1),
              1L,
              null,
              "127.0.0.1",
              "INSERT INTO t VALUES (" + i + ")"));
    }
    shipper.close();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1200);
    assertThat(lines.get(1199)).contains("\"sql\":\"INSERT INTO t VALUES (1199)\"");
    assertThat(buffer.dropped()).isEqualTo(1200);
  }
}
