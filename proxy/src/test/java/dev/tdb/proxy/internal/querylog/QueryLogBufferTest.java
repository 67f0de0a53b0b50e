/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.querylog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tdb.core.log.QueryEvent;
import dev.tdb.core.sql.StatementKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class QueryLogBufferTest {
  @Test
  void dropsAndCountsWhatDoesNotFitWithoutWaiting() throws InterruptedException {
    QueryLogBuffer buffer = new QueryLogBuffer(3);
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      buffer.add(event("SELECT " + i));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(buffer.dropped()).isEqualTo(7);

    List<QueryEvent> batch = new ArrayList<>();
    assertThat(buffer.drainTo(batch, 500, 0)).isEqualTo(3);
    assertThat(batch)
        .extracting(QueryEvent::sql)
        .containsExactly("SELECT 0", "SELECT 1", "SELECT 2");

    buffer.add(event("SELECT 10"));
    assertThat(buffer.dropped()).isEqualTo(7);
  }

  @Test
  void drainStopsAtTheBatchSize() throws InterruptedException {
    QueryLogBuffer buffer = new QueryLogBuffer(10);
    for (int i = 0; i < 5; i++) {
      buffer.add(event("SELECT " + i));
    }
    List<QueryEvent> batch = new ArrayList<>();
    assertThat(buffer.drainTo(batch, 2, Duration.ofSeconds(5).toNanos())).isEqualTo(2);
    assertThat(buffer.drainTo(batch, 10, Duration.ofMillis(50).toNanos())).isEqualTo(3);
  }

  private static QueryEvent event(String sql) {
    return new QueryEvent(
        Instant.now(),
        "tdb_1",
        "app__acme",
        "acme",
        StatementKind.READ,
        Duration.ZERO,
        1L,
        null,
        "127.0.0.1",
        sql);
  }
}
