/*
 * Copyright 2026 The tdb authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tdb.proxy.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

final class StatementMeterTest {
  private final ProxyMetrics metrics = TestMetrics.create();
  private final StatementMeter meter = TestMetrics.meter(metrics, "app_workspace");

  @Test
  void aQueryEndsAtReadyForQueryAndAnErrorBeforeItMakesItFail() {
    meter.query();
    meter.completed();
    meter.ready();
    meter.query();
    meter.completed();
    meter.failed();
    meter.ready();

    assertThat(statements("query", "ok")).isEqualTo(1);
    assertThat(statements("query", "error")).isEqualTo(1);
    assertThat(durations("query")).isEqualTo(2);
  }

  @Test
  void executesEndAtTheirOwnResultAndThoseSkippedAfterAnErrorAreNotCounted() {
    meter.execute();
    meter.execute();
    meter.execute();
    meter.sync();
    meter.completed();
    meter.failed();
    meter.ready();

    assertThat(statements("parse_execute", "ok")).isEqualTo(1);
    assertThat(statements("parse_execute", "error")).isEqualTo(1);
    assertThat(durations("parse_execute")).isEqualTo(2);
  }

  @Test
  void aCopyResponseMakesTheStatementACopy() {
    meter.query();
    meter.copy();
    meter.completed();
    meter.ready();

    assertThat(statements("copy", "ok")).isEqualTo(1);
    assertThat(statements("query", "ok")).isZero();
  }

  @Test
  void refusalsCountByKindAndBySqlState() {
    meter.refused(StatementType.PARSE_EXECUTE, "0A000");
    meter.refused(StatementType.FUNCTION_CALL, "42501");
    meter.proxyError("54000");

    assertThat(statements("parse_execute", "refused")).isEqualTo(1);
    assertThat(statements("function_call", "refused")).isEqualTo(1);
    for (String sqlState : new String[] {"0A000", "42501", "54000"}) {
      assertThat(
              metrics
                  .registry()
                  .get(ProxyMetrics.REFUSALS)
                  .tag("sqlstate", sqlState)
                  .counter()
                  .count())
          .isEqualTo(1);
    }
  }

  @Test
  void aDeepPipelineGrowsTheRingAndKeepsTheOrder() {
    meter.query();
    meter.ready();
    for (int i = 0; i < 20; i++) {
      meter.execute();
    }
    meter.sync();
    for (int i = 0; i < 19; i++) {
      meter.completed();
    }
    meter.failed();
    meter.ready();

    assertThat(statements("parse_execute", "ok")).isEqualTo(19);
    assertThat(statements("parse_execute", "error")).isEqualTo(1);
  }

  @Test
  void bytesCountByDirection() {
    meter.received(10);
    meter.sent(300);

    assertThat(bytes("in")).isEqualTo(10);
    assertThat(bytes("out")).isEqualTo(300);
  }

  private double statements(String kind, String outcome) {
    Counter counter =
        metrics
            .registry()
            .get(ProxyMetrics.STATEMENTS)
            .tags("workspace", "app_workspace", "kind", kind, "outcome", outcome)
            .counter();
    return counter.count();
  }

  private long durations(String kind) {
    Timer timer =
        metrics
            .registry()
            .get(ProxyMetrics.STATEMENT_DURATION)
            .tags("workspace", "app_workspace", "kind", kind)
            .timer();
    return timer.count();
  }

  private double bytes(String direction) {
    return metrics
        .registry()
        .get(ProxyMetrics.BYTES)
        .tags("workspace", "app_workspace", "direction", direction)
        .counter()
        .count();
  }
}
